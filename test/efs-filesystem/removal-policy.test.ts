/**
 * The construct's removalPolicy, planned with the real AWS provider: a CDKTF stack is
 * synthesized, its creation plan becomes the state, then the stack with a setting that replaces
 * the file system, and a destroy, are planned against that state.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, RemovalPolicy } from '../../src';
import { awsSchema, stateFromPlan } from '../support/state';
import { RunResult, init, makeTempDir, plan, providerOverride, stripAnsi, terraform } from '../support/terraform';

jest.setTimeout(900_000);

const PROPS: EfsFilesystemProps = {
  name: 'kept',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};
const REPLACING: Partial<EfsFilesystemProps> = { performanceMode: 'maxIO', throughputMode: 'bursting' };

function synth(removalPolicy: RemovalPolicy | undefined, props: Partial<EfsFilesystemProps>): string {
  const stack = new TerraformStack(new App(), 'guarded');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new EfsFilesystem(stack, 'efs', { ...PROPS, ...props, removalPolicy });
  return Testing.synth(stack);
}

interface Outcome {
  replaced: RunResult;
  destroyed: RunResult;
}

/** Creation plan → state; then the replacing props, and a destroy, planned against it. */
async function outcome(removalPolicy: RemovalPolicy | undefined): Promise<Outcome> {
  const dir = makeTempDir('efs-modules-removal-');
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  writeFileSync(join(dir, 'cdk.tf.json'), synth(removalPolicy, {}));
  await init(dir);
  const [schema, created] = await Promise.all([awsSchema(dir), plan(dir)]);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(stateFromPlan(created, schema)));
  const args = ['-input=false', '-no-color', '-refresh=false', '-lock=false'];
  const destroyed = await terraform(dir, ['plan', '-destroy', ...args], { allowFailure: true });
  writeFileSync(join(dir, 'cdk.tf.json'), synth(removalPolicy, REPLACING));
  const replaced = await terraform(dir, ['plan', ...args], { allowFailure: true });
  return { replaced, destroyed };
}

const text = (r: RunResult) => stripAnsi(`${r.stderr}\n${r.stdout}`).replace(/│ ?/g, '').replace(/\s+/g, ' ');
const outcomes: Partial<Record<'retain' | 'destroy', Outcome>> = {};

beforeAll(async () => {
  [outcomes.retain, outcomes.destroy] = await Promise.all([outcome(undefined), outcome(RemovalPolicy.DESTROY)]);
});

describe('RemovalPolicy.RETAIN (the default)', () => {
  test('a change that would replace the file system is refused at plan time', () => {
    const { replaced } = outcomes.retain!;
    expect(replaced.exitCode).toBe(1);
    expect(text(replaced)).toMatch(
      /Instance cannot be destroyed .*aws_efs_file_system\.efs_file_system_[0-9A-F]+ has lifecycle\.prevent_destroy set/,
    );
  });

  test('a destroy of the file system is refused at plan time', () => {
    const { destroyed } = outcomes.retain!;
    expect(destroyed.exitCode).toBe(1);
    expect(text(destroyed)).toMatch(/Instance cannot be destroyed .*aws_efs_file_system\.efs_file_system_[0-9A-F]+/);
  });
});

describe('RemovalPolicy.DESTROY', () => {
  test('a change that replaces the file system plans its replacement', () => {
    const { replaced } = outcomes.destroy!;
    expect(replaced.exitCode).toBe(0);
    expect(replaced.stdout).toMatch(/aws_efs_file_system\.efs_file_system_[0-9A-F]+ must be replaced/);
  });

  test('a destroy plans the deletion of the file system', () => {
    const { destroyed } = outcomes.destroy!;
    expect(destroyed.exitCode).toBe(0);
    expect(destroyed.stdout).toMatch(/aws_efs_file_system\.efs_file_system_[0-9A-F]+ will be destroyed/);
  });
});
