/** Synthesizing constructs in unit tests: one stack, its Terraform JSON parsed. */
import { App, type Construct, TerraformStack, Testing } from '../../src/cdktf';
import { tokensAsExpressions } from '../../src/core/token-identity';
import { type FileSystemReference, ValidationError } from '../../src';
import { FILE_SYSTEM } from '../../src/modules/mount/cases';

/** Builds one stack with `build` and returns its synthesized Terraform JSON. */
export function synthStack(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new TerraformStack(new App(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

/** The mount cases' file system, as the `fileSystem` prop of a mount construct. */
export const FILE_SYSTEM_PROP: FileSystemReference = {
  id: FILE_SYSTEM.id,
  arn: FILE_SYSTEM.arn,
  securityGroupId: FILE_SYSTEM.security_group_id,
  mountTargetIds: FILE_SYSTEM.mount_target_ids,
};

/**
 * The inputs a construct writes into its resources (HCL-shaped, defaults applied, each token as the
 * expression it stands for: `${aws_vpc.main.id}`), for what the synthesized JSON does not show
 * whole: a value that only a rule decided at synth time read, or one written inside a larger expression.
 */
export const inputsOf = (construct: Construct): Record<string, any> =>
  tokensAsExpressions(construct, (construct as unknown as { inputs: Record<string, unknown> }).inputs) as Record<
    string,
    any
  >;

/** The preconditions a synthesized stack renders for plan time, by message. */
export const preconditionMessages = (json: Record<string, any>): string[] =>
  Object.values(json.resource)
    .flatMap((byName: any) => Object.values(byName))
    .flatMap((r: any) => r.lifecycle?.precondition ?? [])
    .map((p: any) => p.error_message);

/** The ValidationError that `f` throws; any other error is rethrown, and none at all fails the test. */
export function thrown(f: () => unknown): ValidationError {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e;
    throw e;
  }
  throw new Error('expected a ValidationError');
}
