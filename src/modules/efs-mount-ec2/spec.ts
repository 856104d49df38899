/**
 * efs-mount-ec2: the interface, declared once. The module mounts the file system on EC2
 * instances at boot, through user data it outputs, the way AWS documents for amazon-efs-utils:
 * an fstab entry of type `efs` with `_netdev` (boot does not wait on the network file system),
 * `noresvport`, `tls` (always: the file system policy of efs-filesystem refuses plain NFS by
 * default), `iam` and the access point.
 *
 * amazon-efs-utils is installed from the distribution's own repositories, which only Amazon
 * Linux has (2023 with dnf, 2 with yum): Debian's archive has no such package and Ubuntu's
 * users build it from source, so `distribution` is a closed set of those two, and other AMIs use
 * `fstab_line` or `mount_command` with the client they install themselves.
 *
 * A read-only mount needs IAM authorization and the role policy: `ro` alone is a client-side
 * option that root on the instance can undo (`mount -o remount,rw`); EFS enforces read-only only
 * when the mount is authorized with the instance role (`iam`), whose policy denies `ClientWrite`.
 */
import { call, inputReader, le, lit, name, not, or, and, show, template } from '../../core/expr';
import { doc, either, nm, tsOnly, val } from '../../core/doc';
import type { Rule } from '../../core/rules';
import type { BuildContext } from '../../core/module';
import { InputName, InputValues, ModuleSpec, OutputSpec, defineInputs } from '../../core/spec';
import { closedSet, t } from '../../core/types';
import { AWS_PROVIDER_MIN } from '../aws-provider';
import { attachesRolePolicy, mountRules } from '../mount/rules';
import { mountInputs, mountNames } from '../mount/spec';
import { DISTRIBUTIONS, MOUNT_ATTEMPTS, MOUNT_RETRY_SECONDS, type Distribution } from './script';
import { USER_DATA_LIMIT, runAfterMountBudget } from './size';

export const EC2_DISTRIBUTIONS = closedSet(
  'Ec2Distribution',
  Object.keys(DISTRIBUTIONS) as Distribution[],
  'The Linux distributions whose own repositories ship amazon-efs-utils, which the boot script installs.',
);

/**
 * A mount path: absolute, segments of letters, digits, `.`, `_` and `-` not starting with `.`
 * (so no `.` or `..`, no spaces and nothing a shell would read), at most 160 characters.
 */
export const MOUNT_PATH = '^(/[A-Za-z0-9_-][A-Za-z0-9._-]*)+$';
export const MOUNT_PATH_MAX = 160;
/**
 * Paths a mount would hide or break the system under: anything below the kernel's and the
 * system's own trees, and the top-level directories whose content a mount over them would hide.
 */
export const SYSTEM_PATH =
  '^/(proc|sys|dev|boot|etc|bin|sbin|lib|lib32|lib64|usr|run)(/.*)?$|^/(root|home|tmp|var|opt|srv|mnt|media)$';

/**
 * For the change-safety table: what a new boot script does. The README's "A new script and running
 * instances" says the rest: cloud-init runs user data once per instance.
 */
const SCRIPT_CHANGES =
  'updates the boot script (`terraform_data.mount_script` in place, and `user_data` and the outputs built from it), so an `aws_instance` using it is updated in place and a launch template gets a new version: running instances keep their mount until they are replaced';

export const EC2_NAMES = mountNames({
  role: 'role_name',
  attachRole: 'attach_role_policy',
  client: 'instance',
  clientProp: 'role',
  clientRole: 'name',
  groupFromClient: '',
  leaveGroupOut: 'leave securityGroupId unset',
  groupUnset: 'none: let the instances in on NFS another way (CIDRs, a rule of your own)',
  withoutRoleDoc: doc`Set it to ${val(false)} only when the instance role gets its EFS permissions elsewhere, or with ${nm('iam_authorization')} ${val(false)}.`,
  withoutRole: template`Set ${name('attach_role_policy')} to false only when the instance role gets its EFS permissions elsewhere, or with ${name('iam_authorization')} false.`,
  followsAccessPoint: SCRIPT_CHANGES,
  renameAlso: ' It also renames the script file the cloud-init part writes, which changes `cloud_init_part`.',
});

const common = mountInputs(EC2_NAMES);
const v = inputReader<EfsMountEc2Input>();

const inputs = defineInputs([
  ...common.head,
  {
    name: 'mount_path',
    type: t.string(),
    default: '/mnt/efs',
    description: `Where the instance mounts the file system: an absolute path of letters, digits, \`.\`, \`_\` and \`-\` (no \`.\` or \`..\` segments), at most ${MOUNT_PATH_MAX} characters, not a system directory (\`/etc\`, \`/usr\`, \`/proc\`, … and below; \`/home\`, \`/var\`, \`/tmp\`, \`/mnt\` themselves). The script creates it.`,
    onChange: `Only ${SCRIPT_CHANGES}. The access point and the role policy stay.`,
  },
  {
    name: 'read_only',
    type: t.bool(),
    default: false,
    description: doc`Mount read-only: the fstab entry gets \`ro\`, and the role policy allows \`ClientMount\` only and denies \`ClientWrite\` through this access point, which EFS enforces even if root on the instance remounts it read-write. Needs ${nm('iam_authorization')} and the role policy.`,
    onChange: `Updates the role policy in place (\`ClientWrite\` allowed or denied) and ${SCRIPT_CHANGES}.`,
  },
  {
    name: 'iam_authorization',
    type: t.bool(),
    default: true,
    description: doc`Mount with the instance role (the \`iam\` mount option), so that the role policy and the file system policy decide access. ${val(false)} mounts without an identity: EFS then applies only the file system policy, and ${nm('read_only')} cannot be enforced.`,
    onChange: `Only ${SCRIPT_CHANGES}, for the \`iam\` option.`,
  },
  {
    name: 'distribution',
    type: t.oneOf(EC2_DISTRIBUTIONS),
    default: 'amazon-linux-2023',
    description: doc`The instances' Linux distribution: ${val('amazon-linux-2023')} (amazon-efs-utils installed with dnf) or ${val('amazon-linux-2')} (with yum), the ones whose own repositories ship it. On another AMI the script refuses to mount and says so in the boot log; for other distributions use ${nm('fstab_line')} or ${nm('mount_command')} after installing amazon-efs-utils yourself.`,
    onChange: `Only ${SCRIPT_CHANGES}.`,
  },
  {
    name: 'run_after_mount',
    type: t.string(),
    default: '',
    description: doc`Shell commands ${either('`user_data`', '`userData`')} runs once the file system is mounted (to start the service that reads it), as the last lines of the script. EC2 takes at most ${USER_DATA_LIMIT} bytes of user data, so they may take at most ${runAfterMountBudget()} bytes.`,
    onChange: `Only ${SCRIPT_CHANGES}.`,
  },
  ...common.grants,
]);

/**
 * The names of efs-mount-ec2's inputs, derived from the declaration above: rules, build and cases
 * take theirs from it.
 */
export type EfsMountEc2Input = InputName<typeof inputs>;
/** What each input holds, typed down to nested fields: the build reads inputs through it. */
export type EfsMountEc2Values = InputValues<typeof inputs>;
/** The build's context: inputs read by name, typed by what they hold. */
export type EfsMountEc2Context = BuildContext<EfsMountEc2Input, EfsMountEc2Values>;

const bootNote = doc`It waits for the mount targets: an instance or launch template that uses it is created after them.`;
const outputs: OutputSpec[] = [
  { name: 'access_point_id', type: t.string(), description: 'ID of the access point.' },
  { name: 'access_point_arn', type: t.string(), description: 'ARN of the access point.' },
  {
    name: 'user_data',
    type: t.string(),
    description: doc`The boot script, for ${either('`user_data` of `aws_instance`', '`userData` of an `Instance`')}: installs amazon-efs-utils, writes the fstab entry and mounts with up to ${MOUNT_ATTEMPTS} attempts ${MOUNT_RETRY_SECONDS} s apart, then runs ${nm('run_after_mount')}. ${bootNote}`,
  },
  {
    name: 'user_data_base64',
    type: t.string(),
    description: doc`The same script base64-encoded, for ${either('`user_data` of `aws_launch_template`', '`userData` of a `LaunchTemplate`')}. ${bootNote}`,
  },
  {
    name: 'cloud_init_part',
    type: t.string(),
    description: doc`A \`#cloud-config\` document that writes the script to \`/usr/local/sbin/efs-mount-<name>.sh\` and runs it, for a multi-part user data of your own (content type \`text/cloud-config\`${tsOnly(', as a part of `cloudinit_config`')}).`,
  },
  {
    name: 'fstab_line',
    type: t.string(),
    description:
      'The `/etc/fstab` entry the script writes: `<file system ID>:/ <mount path> efs _netdev,noresvport,tls,iam,accesspoint=<ID> 0 0` (`iam` with IAM authorization, `ro` when read-only).',
  },
  {
    name: 'mount_command',
    type: t.string(),
    description:
      'The same mount as one command, `mount -t efs -o <options> <file system ID>:/ <mount path>`, for an instance with amazon-efs-utils installed.',
  },
];

const { single, cross } = mountRules(EC2_NAMES);
const mountPath = v('mount_path');

const rules: Rule<EfsMountEc2Input>[] = [
  ...single,
  {
    id: 'mount-path-format',
    inputs: ['mount_path'],
    summary: `mount_path is an absolute path of letters, digits, \`.\`, \`_\` and \`-\`, without \`.\` or \`..\` segments, at most ${MOUNT_PATH_MAX} characters`,
    condition: and(call('matches', mountPath, lit(MOUNT_PATH)), le(call('length', mountPath), lit(MOUNT_PATH_MAX))),
    message: template`${name('mount_path')} must be an absolute path of letters, digits, ".", "_" and "-", without "." or ".." segments, at most ${MOUNT_PATH_MAX} characters, such as "/mnt/efs" (got ${show(mountPath)}).`,
  },
  {
    id: 'mount-path-not-system',
    inputs: ['mount_path'],
    summary: 'mount_path is not a system directory (or below one) whose content the mount would hide',
    condition: not(call('matches', mountPath, lit(SYSTEM_PATH))),
    message: template`${name('mount_path')} ${show(mountPath)} is a system directory, or below one: mounting there would hide what the instance needs to run. Choose a directory of its own, such as "/mnt/efs" or "/srv/data".`,
  },
  {
    id: 'distribution-supported',
    inputs: ['distribution'],
    summary: `distribution is one of the distributions whose repositories ship amazon-efs-utils (${EC2_DISTRIBUTIONS.values.join(', ')})`,
    condition: call('contains', lit(EC2_DISTRIBUTIONS.values), v('distribution')),
    message: template`${name('distribution')} must be "amazon-linux-2023" or "amazon-linux-2", whose own repositories ship amazon-efs-utils (got ${show(v('distribution'))}). Debian and Ubuntu do not: on them install amazon-efs-utils yourself and use the ${name('fstab_line')} or ${name('mount_command')} output.`,
  },
  {
    id: 'run-after-mount-size',
    inputs: ['run_after_mount'],
    summary: `run_after_mount keeps the user data within EC2's ${USER_DATA_LIMIT} bytes (at most ${runAfterMountBudget()} bytes of commands)`,
    // Counted in UTF-8 bytes, as EC2 counts: four base64 characters per three bytes.
    condition: le(call('length', call('base64encode', v('run_after_mount'))), lit((runAfterMountBudget() / 3) * 4)),
    message: template`${name('run_after_mount')} takes ${call('length', v('run_after_mount'))} characters, and EC2 takes at most ${USER_DATA_LIMIT} bytes of user data, of which the mount script takes the rest: keep the commands within ${runAfterMountBudget()} bytes, or put them in a script the instance downloads.`,
  },
  ...cross,
  {
    id: 'read-only-needs-iam',
    inputs: ['read_only', 'iam_authorization', EC2_NAMES.attachRole],
    summary: 'read_only comes with IAM authorization and the role policy that enforce it',
    condition: or(not(v('read_only')), and(v('iam_authorization'), attachesRolePolicy(EC2_NAMES))),
    message: template`${name('read_only')} needs ${name('iam_authorization')} and ${name('attach_role_policy')} true: the "ro" mount option alone is undone by a remount on the instance, and EFS enforces read-only only for a mount authorized with the instance role, whose policy this module denies elasticfilesystem:ClientWrite.`,
  },
];

export const efsMountEc2Spec: ModuleSpec<EfsMountEc2Input> = {
  name: 'efs-mount-ec2',
  className: 'EfsMountEc2',
  summary:
    "Mounts an efs-filesystem file system on EC2 instances at boot: an access point with its own root directory owned by the POSIX user, a least-privilege IAM policy for the instance role, a check that the file system admits the instances' security group, and user data that installs amazon-efs-utils, writes the fstab entry (TLS, `_netdev`) and mounts with retries, created after the mount targets.",
  inputs,
  outputs,
  rules,
  awsProviderVersion: AWS_PROVIDER_MIN, // why this release: src/modules/aws-provider.ts
};
