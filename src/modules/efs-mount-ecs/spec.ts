/**
 * efs-mount-ecs: the interface, declared once. The rules follow what ECS documents for EFS
 * volumes: with an access point, transit encryption is ENABLED and the volume sets no
 * root_directory; IAM authorization needs transit encryption; Fargate needs platform 1.4.0 or later.
 *
 * `attach_task_role_policy` defaults to true, like Lambda's flag. A task without a task role is
 * legitimate, but it cannot use IAM authorization (`iam_authorization`, on by default, mounts
 * with the task role), so such a task already turns a secure default off; it turns the policy
 * off with it. The common case, a task role created in the same configuration, needs no flag.
 */
import { and, call, eq, ge, inputReader, le, lit, name, nullOr, show, template } from '../../core/expr';
import { doc, either, hclOnly, nm, tsOnly, val } from '../../core/doc';
import type { Rule } from '../../core/rules';
import type { BuildContext } from '../../core/module';
import { InputName, InputValues, ModuleSpec, OutputSpec, defineInputs } from '../../core/spec';
import { t } from '../../core/types';
import { AWS_PROVIDER_MIN } from '../aws-provider';
import { mountRules } from '../mount/rules';
import { mountInputs, mountNames } from '../mount/spec';

/**
 * For the change-safety table: the provider cannot update a task definition, so any change to
 * its volume or container definitions deletes it (deregisters the revision) before it creates
 * it again (registers a new revision, with a new ARN).
 */
const TASK_DEFINITION_REPLACED =
  'replaces the task definition **old revision first** (deregistered, then a new one registered)';

export const ECS_NAMES = mountNames({
  role: 'task_role_name',
  attachRole: 'attach_task_role_policy',
  client: 'task',
  clientProp: 'taskDefinition',
  clientRole: 'task role',
  groupFromClient: '',
  leaveGroupOut: 'leave securityGroupId unset',
  groupUnset: 'none: let the tasks in on NFS another way (CIDRs, a rule of your own)',
  withoutRoleDoc: doc`Set it to ${val(false)} for a task without a task role${tsOnly(' (a `taskDefinition` without `taskRoleArn` turns it off by itself)')}, which needs ${nm('iam_authorization')} ${val(false)} too (IAM authorization mounts with the task role), or when the role gets its EFS permissions elsewhere.`,
  withoutRole: template`For a task without a task role, set ${name('attach_task_role_policy')} and ${name('iam_authorization')} to false (IAM authorization mounts with the task role); set ${name('attach_task_role_policy')} to false alone when the role gets its EFS permissions elsewhere.`,
  followsAccessPoint: TASK_DEFINITION_REPLACED,
  renameAlso: ` While \`volume_name\` is null the volume is named after the mount, so a rename also ${TASK_DEFINITION_REPLACED}.`,
});
/** ECS volume names: up to 255 letters, digits, `_` and `-`. */
export const VOLUME_NAME = '^[A-Za-z0-9_-]{1,255}$';
/** An absolute path below `/` (mounting over the container's root is refused). */
export const CONTAINER_PATH = '^(/[^/]+)+/?$';

const common = mountInputs(ECS_NAMES);
const v = inputReader<EfsMountEcsInput>();

const inputs = defineInputs([
  ...common.head,
  {
    name: 'container_path',
    type: t.string(),
    default: '/mnt/efs',
    description: 'Where the container sees the file system: an absolute path other than `/`.',
    onChange: `Only ${TASK_DEFINITION_REPLACED}, for the container's \`mountPoints\`.`,
  },
  {
    name: 'volume_name',
    type: t.string(),
    description: doc.unset(
      doc`${nm('name')} with \`.\` replaced by \`-\``,
    )`Name of the task definition volume (letters, digits, \`_\` and \`-\`, at most 255).${hclOnly(' Null (default) uses `name` with `.` replaced by `-`.')} Each volume of a task needs its own.`,
    onChange: `Only ${TASK_DEFINITION_REPLACED}, for the volume and the mount point that names it.`,
  },
  {
    name: 'read_only',
    type: t.bool(),
    default: false,
    description:
      "Mount read-only in the container (the mount point's `readOnly`); with the task role policy, the role is also denied `ClientWrite` through this access point.",
    onChange: `Updates the role policy in place (\`ClientWrite\` allowed or denied) and ${TASK_DEFINITION_REPLACED}, for the mount point's \`readOnly\`.`,
  },
  {
    name: 'iam_authorization',
    type: t.bool(),
    default: true,
    description: doc`Mount with the task's IAM role (${either('`authorization_config.iam = "ENABLED"`', "`authorizationConfig.iam: 'ENABLED'`")}), so IAM and the file system policy decide access. Needs a task role on the task definition.`,
    onChange: `Only ${TASK_DEFINITION_REPLACED}, for the volume's \`authorization_config\`.`,
  },
  {
    name: 'transit_encryption_port',
    type: t.number(),
    description: doc.unset(
      'ECS chooses',
    )`Port the ECS agent uses for the encrypted NFS tunnel between the host and the file system${hclOnly('; null lets ECS choose')}.`,
    onChange: `Only ${TASK_DEFINITION_REPLACED}, for the volume.`,
  },
  ...common.grants,
]);

/**
 * The names of efs-mount-ecs's inputs, derived from the declaration above: rules, build and cases
 * take theirs from it.
 */
export type EfsMountEcsInput = InputName<typeof inputs>;
/** What each input holds, typed down to nested fields: the build reads inputs through it. */
export type EfsMountEcsValues = InputValues<typeof inputs>;
/** The build's context: inputs read by name, typed by what they hold. */
export type EfsMountEcsContext = BuildContext<EfsMountEcsInput, EfsMountEcsValues>;

const outputs: OutputSpec[] = [
  { name: 'access_point_id', type: t.string(), description: 'ID of the access point.' },
  { name: 'access_point_arn', type: t.string(), description: 'ARN of the access point.' },
  {
    name: 'volume',
    type: t.object(
      {
        name: t.string(),
        efs_volume_configuration: t.object(
          {
            file_system_id: t.string(),
            root_directory: t.string(),
            transit_encryption: t.string(),
            transit_encryption_port: t.number(),
            authorization_config: t.object(
              { access_point_id: t.string(), iam: t.string() },
              'EcsVolumeAuthorizationConfig',
            ),
          },
          'EcsEfsVolumeConfiguration',
        ),
      },
      'EcsVolume',
    ),
    hclOnly: true,
    description:
      'The `volume` block of `aws_ecs_task_definition`, as an object: transit encryption ENABLED, the access point set, `root_directory` null (the access point decides it), IAM authorization per `iam_authorization`. Use it with `dynamic "volume" { for_each = [module.<name>.volume] … }`.',
  },
  {
    name: 'mount_point',
    type: t.object({ sourceVolume: t.string(), containerPath: t.string(), readOnly: t.bool() }, 'EcsMountPoint'),
    description: doc`The container definition's \`mountPoints\` entry for this volume, for ${either('`jsonencode` of `container_definitions`', '`Fn.jsonencode` of `containerDefinitions`')}.`,
  },
];

const { single, cross } = mountRules(ECS_NAMES);
const port = v('transit_encryption_port');

const rules: Rule<EfsMountEcsInput>[] = [
  ...single,
  {
    id: 'container-path-format',
    inputs: ['container_path'],
    summary: 'container_path is an absolute path other than `/`',
    condition: call('matches', v('container_path'), lit(CONTAINER_PATH)),
    message: template`${name('container_path')} must be an absolute path other than "/", such as "/mnt/efs" (got ${show(v('container_path'))}).`,
  },
  {
    id: 'volume-name-format',
    inputs: ['volume_name'],
    summary: 'volume_name, when set, is 1–255 letters, digits, `_` or `-`',
    condition: nullOr(v('volume_name'), call('matches', v('volume_name'), lit(VOLUME_NAME))),
    message: template`${name('volume_name')} must be 1 to 255 letters, digits, "_" or "-" (got ${show(v('volume_name'))}).`,
  },
  {
    id: 'transit-encryption-port-range',
    inputs: ['transit_encryption_port'],
    summary: 'transit_encryption_port, when set, is a whole number from 1 to 65535',
    condition: nullOr(port, and(ge(port, lit(1)), le(port, lit(65535)), eq(call('floor', port), port))),
    message: template`${name('transit_encryption_port')} must be a whole number from 1 to 65535 (got ${show(port)}).`,
  },
  ...cross,
];

export const efsMountEcsSpec: ModuleSpec<EfsMountEcsInput> = {
  name: 'efs-mount-ecs',
  className: 'EfsMountEcs',
  summary:
    "Mounts an efs-filesystem file system into ECS tasks: an access point with its own root directory owned by the task's POSIX user, a least-privilege IAM policy for the task role, a check that the file system admits the service's security group, and the task definition `volume` (TLS and access point set) and container `mountPoints` entry.",
  inputs,
  outputs,
  rules,
  awsProviderVersion: AWS_PROVIDER_MIN, // why this release: src/modules/aws-provider.ts
};
