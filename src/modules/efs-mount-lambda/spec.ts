/**
 * efs-mount-lambda: the interface, declared once. The rules follow Lambda's documented limits:
 * the local mount path pattern, one file system per function, a VPC and IAM permissions to
 * mount, and waiting for the mount targets.
 */
import { and, call, inputReader, le, lit, name, not, or, perPath, show, template } from '../../core/expr';
import { doc, either, nm, tsOnly, val } from '../../core/doc';
import type { Rule } from '../../core/rules';
import type { BuildContext } from '../../core/module';
import { InputName, InputValues, ModuleSpec, OutputSpec, defineInputs } from '../../core/spec';
import { t } from '../../core/types';
import { AWS_PROVIDER_MIN } from '../aws-provider';
import { attachesRolePolicy, mountRules } from '../mount/rules';
import { mountInputs, mountNames } from '../mount/spec';

/** Lambda's pattern for LocalMountPath (written with `-` last so RE2 and JavaScript read it alike). */
export const LAMBDA_MOUNT_PATH = '^/mnt/[a-zA-Z0-9._-]+$';
export const LAMBDA_MOUNT_PATH_MAX = 160;

export const LAMBDA_NAMES = mountNames({
  role: 'role_name',
  attachRole: 'attach_role_policy',
  client: 'function',
  clientProp: 'function',
  clientRole: 'role',
  groupFromClient:
    ' Given `function`, the group is taken from its `vpcConfig` unless you name one or set `allowClientSecurityGroup` to `false`.',
  leaveGroupOut: 'leave securityGroupId unset (and, given function, pass allowClientSecurityGroup: false)',
  groupUnset: "the security group of `function`'s `vpcConfig`, if given; else none is let in or checked",
  withoutRoleDoc: doc`Set it to ${val(false)} only when the role gets its EFS permissions elsewhere.`,
  withoutRole: template`Set ${name('attach_role_policy')} to false only when the role gets its EFS permissions elsewhere.`,
  followsAccessPoint: 'updates the function in place to mount the new one',
  renameAlso: '',
});

const common = mountInputs(LAMBDA_NAMES);
const v = inputReader<EfsMountLambdaInput>();

const inputs = defineInputs([
  ...common.head,
  {
    name: 'mount_path',
    type: t.string(),
    default: '/mnt/efs',
    description: `Where the function sees the file system: \`/mnt/\` and one name of letters, digits, \`.\`, \`_\` or \`-\` (Lambda's rule), at most ${LAMBDA_MOUNT_PATH_MAX} characters.`,
    onChange:
      'Updates the function in place (its `file_system_config`); the access point and the role policy stay. Code that reads the old path must change with it.',
  },
  {
    name: 'read_only',
    type: t.bool(),
    default: false,
    description: doc`Mount read-only: the role policy allows \`ClientMount\` only and denies \`ClientWrite\` through this access point. Lambda has no read-only mount option, so this needs ${nm('role_name')}${tsOnly(", given or taken from `function`'s role")}.`,
    onChange:
      'Updates the role policy in place (`ClientWrite` allowed or denied); the function and the access point stay.',
  },
  ...common.grants,
]);

/**
 * The names of efs-mount-lambda's inputs, derived from the declaration above: rules, build and
 * cases take theirs from it.
 */
export type EfsMountLambdaInput = InputName<typeof inputs>;
/** What each input holds, typed down to nested fields: the build reads inputs through it. */
export type EfsMountLambdaValues = InputValues<typeof inputs>;
/** The build's context: inputs read by name, typed by what they hold. */
export type EfsMountLambdaContext = BuildContext<EfsMountLambdaInput, EfsMountLambdaValues>;

const outputs: OutputSpec[] = [
  { name: 'access_point_id', type: t.string(), description: 'ID of the access point.' },
  { name: 'access_point_arn', type: t.string(), description: 'ARN of the access point.' },
  {
    name: 'local_mount_path',
    type: t.string(),
    description: doc`Where the function sees the file system (${nm('mount_path')}).`,
  },
  {
    name: 'file_system_config',
    type: t.object({ arn: t.string(), local_mount_path: t.string() }, 'LambdaFileSystemConfig'),
    description: doc`The ${either('`file_system_config` of `aws_lambda_function`', '`fileSystemConfig` of a `LambdaFunction`')}: ${nm('arn')} and ${nm('local_mount_path')}. A function that uses it is created after the mount targets.${tsOnly(' Given `function`, the construct sets it there itself.')}`,
  },
];

const { single, cross } = mountRules(LAMBDA_NAMES);
const mountPath = v('mount_path');

const rules: Rule<EfsMountLambdaInput>[] = [
  ...single,
  {
    id: 'mount-path-format',
    inputs: ['mount_path'],
    summary: `mount_path matches Lambda's ${LAMBDA_MOUNT_PATH} and has at most ${LAMBDA_MOUNT_PATH_MAX} characters`,
    condition: and(
      call('matches', mountPath, lit(LAMBDA_MOUNT_PATH)),
      le(call('length', mountPath), lit(LAMBDA_MOUNT_PATH_MAX)),
    ),
    message: template`${name('mount_path')} must be "/mnt/" followed by one name of letters, digits, ".", "_" or "-", at most ${LAMBDA_MOUNT_PATH_MAX} characters, such as "/mnt/data" (got ${show(mountPath)}).`,
  },
  ...cross,
  {
    id: 'read-only-needs-role',
    inputs: ['read_only', LAMBDA_NAMES.role, LAMBDA_NAMES.attachRole],
    summary: 'read_only comes with the role policy that enforces it',
    condition: or(not(v('read_only')), attachesRolePolicy(LAMBDA_NAMES)),
    message: template`${name('read_only')} needs ${name('attach_role_policy')} true, with ${name('role_name')}: Lambda mounts read-write unless the function's role is denied elasticfilesystem:ClientWrite, which this ${perPath('module', 'construct')} does through that role.`,
  },
];

export const efsMountLambdaSpec: ModuleSpec<EfsMountLambdaInput> = {
  name: 'efs-mount-lambda',
  className: 'EfsMountLambda',
  summary:
    "Mounts an efs-filesystem file system into a Lambda function: an access point with its own root directory owned by the function's POSIX user, a least-privilege IAM policy, a check that the file system admits the function's security group, and a file system config that makes the function wait for the mount targets.",
  inputs,
  outputs,
  rules,
  awsProviderVersion: AWS_PROVIDER_MIN, // why this release: src/modules/aws-provider.ts
};
