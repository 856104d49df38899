/** planTimeValue: a TerraformVariable given to a prop typed as a union, without a cast. */
import { App, TerraformStack, TerraformVariable, Testing } from '../../src/cdktf';
import { EfsFilesystem, ThroughputMode, ValidationError, planTimeValue } from '../../src';

test('types a token as a member of the union, and the construct renders the rule at plan time', () => {
  const stack = new TerraformStack(new App(), 'typed');
  const mode = new TerraformVariable(stack, 'mode', { type: 'string', default: 'elastic' });
  const throughputMode: ThroughputMode = planTimeValue<ThroughputMode>(mode.stringValue);
  new EfsFilesystem(stack, 'efs', { name: 'files', vpcId: 'vpc-0123456789abcdef0', throughputMode });
  const json = JSON.parse(Testing.synth(stack));
  const checks = Object.values(
    json.resource.terraform_data as Record<string, { lifecycle?: { precondition?: { error_message: string }[] } }>,
  ).flatMap((r) => r.lifecycle?.precondition ?? []);
  expect(checks.map((c) => c.error_message)).toContainEqual(
    expect.stringContaining('throughputMode must be "elastic", "provisioned" or "bursting"'),
  );
});

test('refuses a literal, which the compiler checks when given as it is', () => {
  expect(() => planTimeValue<ThroughputMode>('fast')).toThrow(ValidationError);
});
