/**
 * Construct mode's reading of a prop (src/core/input-values.ts): literals as literals, tokens as
 * their own expressions wherever the build embeds them, and references to another stack still
 * registered as cdktf registers them for any prop.
 */
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformLocal, TerraformStack, TerraformVariable, Testing, Token } from '../../src/cdktf';
import { EfsFilesystem } from '../../src';
import { hclWithTokens, inputExpression } from '../../src/core/input-values';

/** What `${…}` around the expression of `value` synthesizes to, as a local. */
function synthesized(value: (stack: TerraformStack) => unknown, around = (e: string) => `\${${e}}`): unknown {
  const stack = new TerraformStack(new App(), 'test');
  new TerraformLocal(stack, 'x', around(inputExpression(() => value(stack)))).overrideLogicalId('x');
  return JSON.parse(Testing.synth(stack)).locals.x;
}

test('literals are HCL literals', () => {
  expect(hclWithTokens({ name: 'a "b"', ids: ['sg-1'], n: 1, on: true, none: null, 'us-east-1a': {} })).toBe(
    '{ name = "a \\"b\\"", ids = ["sg-1"], n = 1, on = true, none = null, us-east-1a = {} }',
  );
  expect(hclWithTokens('${not a template}')).toBe('"$${not a template}"');
});

test('a token is its expression, inside whatever the build writes around it', () => {
  const vpcId = (s: TerraformStack) => new Vpc(s, 'vpc', {}).id;
  expect(synthesized(vpcId)).toBe('${aws_vpc.vpc.id}');
  // A `}` before the token in the build's text must not give it braces of its own.
  expect(synthesized(vpcId, (e) => `\${merge({ a = 1 }, { b = ${e} })}`)).toBe(
    '${merge({ a = 1 }, { b = aws_vpc.vpc.id })}',
  );
  expect(synthesized((s) => ({ default: vpcId(s) }))).toBe('${{ default = aws_vpc.vpc.id }}');
});

test('text around a token is a template, each token interpolated', () => {
  expect(synthesized((s) => `${new Vpc(s, 'vpc', {}).id}-files`)).toBe('${"${aws_vpc.vpc.id}-files"}');
});

test('number and list tokens are their expressions too', () => {
  expect(
    synthesized(
      (s) => new TerraformVariable(s, 'mibps', { type: 'number' }).numberValue,
      (e) => `\${${e} + 1}`,
    ),
  ).toBe('${var.mibps + 1}');
  expect(synthesized((s) => Token.asList(new TerraformVariable(s, 'ids', {}).listValue))).toBe('${var.ids}');
});

test('a prop that references another stack is still registered as a cross-stack reference', () => {
  const app = new App();
  const network = new TerraformStack(app, 'network');
  const vpc = new Vpc(network, 'vpc', {});
  const files = new TerraformStack(app, 'files');
  new EfsFilesystem(files, 'efs', { name: 'files', vpcId: vpc.id, mountTargets: {} });
  // What app.synth() does first: each stack registers the references it finds to other stacks.
  for (const stack of [network, files]) stack.prepareStack();
  const group = Object.values(JSON.parse(Testing.synth(files)).resource.aws_security_group)[0] as { vpc_id: string };
  expect(group.vpc_id).toMatch(
    /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-network\.outputs\.cross-stack-output-aws_vpcvpcid\}$/,
  );
  expect(Object.keys(JSON.parse(Testing.synth(network)).output ?? {})).toContain('cross-stack-output-aws_vpcvpcid');
});
