/**
 * The rules efs-mount-lambda and efs-mount-ecs share. They follow the EFS API's limits for root
 * directories, creation info and POSIX users (the ones efs-filesystem's access points check too,
 * from ../shared.ts), IAM's for role names, and what a client needs to mount: mount targets to
 * mount through, the role policy, and a client group the file system admits.
 */
import {
  Expr,
  and,
  call,
  cond,
  declared,
  eq,
  forEach,
  get,
  gt,
  inputReader,
  isNull,
  le,
  lit,
  name,
  not,
  notNull,
  nullOr,
  or,
  perPath,
  show,
  template,
} from '../../core/expr';
import type { Rule } from '../../core/rules';
import {
  MAX_POSIX_ID,
  SHARED_PATTERNS,
  isPosixId,
  matches,
  nameFormatRule,
  octalPermissions,
  rootDirectory,
} from '../shared';
import {
  OWN_ACCESS_POINT_DEFAULTS,
  OWN_ACCESS_POINT_INPUTS,
  type MountInput,
  type MountNames,
  type OwnAccessPointInput,
} from './spec';

/** EFS accepts at most 16 secondary group IDs per POSIX user (API_PosixUser). */
export const MAX_SECONDARY_GIDS = 16;
/** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
export const ROLE_NAME_PATTERN = '^[A-Za-z0-9+=,.@_-]{1,64}$';

/**
 * Whether the module attaches the role policy: declared once as the local `attaches_role_policy`,
 * which decides the policy's `for_each` (build.ts) and which the rules that need the policy read.
 */
export const attachesRolePolicy = <Attach extends string>(n: MountNames<string, Attach>): Expr =>
  declared('attaches_role_policy', inputReader<Attach>()(n.attachRole));

/**
 * Whether the module creates its own access point: a plain null test on the input, known at plan
 * time even when the given access point's ID is not. Written inline where it is used (the access
 * point's `count`, the outputs), so that a reader and `efs-modules doctor` can follow it.
 */
export const createsAccessPoint = (): Expr => isNull(inputReader<'access_point'>()('access_point'));

/** Whether an input that describes the module's own access point still has its default. */
function keepsDefault(input: OwnAccessPointInput): Expr {
  const v = inputReader<OwnAccessPointInput>();
  if (input !== 'posix_user') return eq(v(input), lit(OWN_ACCESS_POINT_DEFAULTS[input]));
  // Field by field: `==` on whole objects also compares their types (a list against an empty tuple).
  const user = v('posix_user');
  const { uid, gid } = OWN_ACCESS_POINT_DEFAULTS.posix_user;
  return and(
    eq(get(user, 'uid'), lit(uid)),
    eq(get(user, 'gid'), lit(gid)),
    eq(call('length', get(user, 'secondary_gids')), lit(0)),
  );
}

/**
 * One rule per input that describes the access point the module would create: with
 * `access_point` the module creates none, so such a value would be silently ignored.
 */
function ownAccessPointRules<N extends string>(n: MountNames): Rule<N | OwnAccessPointInput | 'access_point'>[] {
  const v = inputReader<OwnAccessPointInput | 'access_point'>();
  return OWN_ACCESS_POINT_INPUTS.map((input) => ({
    id: `access-point-without-${input.replace(/_/g, '-')}`,
    inputs: ['access_point', input],
    summary: `${input} keeps its default (${JSON.stringify(OWN_ACCESS_POINT_DEFAULTS[input])}) when access_point is set`,
    condition: or(isNull(v('access_point')), keepsDefault(input)),
    message: template`${name(input)} is ${show(v(input))} but ${name('access_point')} is set: the module then mounts that access point and creates none, and ${name('root_directory')}, ${name('posix_user')} and ${name('root_directory_permissions')} describe the one it would create. Give the ${n.client} the directory and user you want through the access point you pass (efs-filesystem's ${name('access_points')}), and leave ${name(input)} out.`,
  }));
}

export function mountRules<Role extends string, Attach extends string>(
  n: MountNames<Role, Attach>,
): { single: Rule<MountInput<Role, Attach>>[]; cross: Rule<MountInput<Role, Attach>>[] } {
  const single: Rule<MountInput<Role, Attach>>[] = [
    nameFormatRule(),
    mountTargetsRule(n),
    ...ownAccessPointFormatRules(),
    ...clientIdFormatRules(n),
  ];
  const cross: Rule<MountInput<Role, Attach>>[] = [
    rolePolicyNeedsRoleRule(n),
    ...ownAccessPointRules<MountInput<Role, Attach>>(n),
    clientGroupAllowedRule(n),
  ];
  return { single, cross };
}

/** The file system has a mount target to mount through. */
function mountTargetsRule(n: MountNames): Rule<'file_system'> {
  const v = inputReader<'file_system'>();
  const mountTargetIds = get(v('file_system'), 'mount_target_ids');
  return {
    id: 'file-system-mount-targets',
    inputs: ['file_system'],
    summary: 'file_system.mount_target_ids names at least one mount target',
    condition: cond(isNull(mountTargetIds), lit(false), gt(call('length', mountTargetIds), lit(0))),
    // efs-filesystem may have no mount target (mount_targets = {}): nothing to mount through yet.
    message: template`${name('file_system', 'mount_target_ids')} names no mount target (got ${show(mountTargetIds)}): the file system cannot be reached from any subnet, so there is nothing to mount. Give efs-filesystem's ${name('mount_targets')} a subnet in each Availability Zone the ${n.client} runs in, and pass ${perPath('file_system = module.efs.file_system', 'fileSystem: efs.fileSystem')}.`,
  };
}

/** The access point the module creates: its root directory, permissions and POSIX user are what EFS accepts. */
function ownAccessPointFormatRules(): Rule<OwnAccessPointInput>[] {
  const v = inputReader<OwnAccessPointInput>();
  const rootDir = v('root_directory');
  const posixUser = v('posix_user');
  return [
    {
      id: 'root-directory-absolute',
      inputs: ['root_directory'],
      summary: 'root_directory is an absolute path without `..`',
      condition: rootDirectory.isAbsolute(rootDir),
      message: template`${name('root_directory')} ${rootDirectory.mustBeAbsolute} (got ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-length',
      inputs: ['root_directory'],
      summary: 'root_directory is at most 100 characters',
      condition: rootDirectory.isShortEnough(rootDir),
      message: template`${name('root_directory')} ${rootDirectory.mustBeShortEnough} (got ${call('length', rootDir)}: ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-depth',
      inputs: ['root_directory'],
      summary: 'root_directory is at most four levels deep',
      condition: rootDirectory.isShallowEnough(rootDir),
      message: template`${name('root_directory')} ${rootDirectory.mustBeShallowEnough} (got ${call('pathDepth', rootDir)} in ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-permissions-octal',
      inputs: ['root_directory_permissions'],
      summary: 'root_directory_permissions is 3 or 4 octal digits',
      condition: octalPermissions.isOctal(v('root_directory_permissions')),
      message: template`${name('root_directory_permissions')} ${octalPermissions.mustBe} (got ${show(v('root_directory_permissions'))}).`,
    },
    {
      id: 'posix-user-ids',
      inputs: ['posix_user'],
      summary: `posix_user has whole-number IDs from 0 to ${MAX_POSIX_ID} and at most ${MAX_SECONDARY_GIDS} secondary groups`,
      condition: and(
        isPosixId(get(posixUser, 'uid')),
        isPosixId(get(posixUser, 'gid')),
        le(call('length', get(posixUser, 'secondary_gids')), lit(MAX_SECONDARY_GIDS)),
        call(
          'alltrue',
          forEach(get(posixUser, 'secondary_gids'), (_i, g) => isPosixId(g), undefined, ['i', 'g']),
        ),
      ),
      message: template`${name('posix_user')} must have a uid, a gid and at most ${MAX_SECONDARY_GIDS} ${name('secondary_gids')}, each a whole number from 0 to ${MAX_POSIX_ID} (got ${show(posixUser)}).`,
    },
  ];
}

/** The client's role is named by its name, and its security group by its ID. */
function clientIdFormatRules<Role extends string>(n: MountNames<Role>): Rule<Role | 'security_group_id'>[] {
  const v = inputReader<Role | 'security_group_id'>();
  return [
    {
      id: 'role-name-format',
      inputs: [n.role],
      summary: `${n.role}, when set, is an IAM role name (not an ARN)`,
      condition: nullOr(v(n.role), matches(v(n.role), ROLE_NAME_PATTERN)),
      message: template`${name(n.role)} must be the name of an IAM role, 1 to 64 letters, digits or "+=,.@_-", not its ARN (got ${show(v(n.role))}).`,
    },
    {
      id: 'security-group-id-format',
      inputs: ['security_group_id'],
      summary: 'security_group_id, when set, is an ID such as `sg-0123456789abcdef0`',
      condition: nullOr(v('security_group_id'), matches(v('security_group_id'), SHARED_PATTERNS.securityGroupId)),
      message: template`${name('security_group_id')} must be a security group ID such as "sg-0123456789abcdef0" (got ${show(v('security_group_id'))}).`,
    },
  ];
}

/** The role policy needs a role to attach to. */
function rolePolicyNeedsRoleRule<Role extends string, Attach extends string>(
  n: MountNames<Role, Attach>,
): Rule<Role | Attach> {
  const v = inputReader<Role | Attach>();
  return {
    id: 'role-policy-needs-role',
    inputs: [n.attachRole, n.role],
    summary: `${n.role} is set while ${n.attachRole} is true (the default)`,
    condition: or(not(attachesRolePolicy(n)), notNull(v(n.role))),
    message: template`${name(n.role)} is not set but ${name(n.attachRole)} is true (the default): give the name of the ${n.client}'s IAM role, the one that gets the EFS policy. ${n.withoutRole}`,
  };
}

/** The client's security group is one the file system lets in on NFS. */
function clientGroupAllowedRule(n: MountNames): Rule<'security_group_id' | 'file_system'> {
  const v = inputReader<'security_group_id' | 'file_system'>();
  const allowedGroups = get(v('file_system'), 'allowed_security_group_ids');
  const group = v('security_group_id');
  return {
    id: 'client-group-allowed',
    inputs: ['security_group_id', 'file_system'],
    summary:
      "security_group_id, when set, is one of file_system.allowed_security_group_ids (or the file system's own group)",
    // Checked once both are known; null on either side means the user manages NFS access another way.
    // The file system's own group is admitted by efs-filesystem's allow_nfs_from_self.
    // A malformed ID is security-group-id-format's to report, not this rule's.
    condition: nullOr(
      group,
      or(
        not(matches(group, SHARED_PATTERNS.securityGroupId)),
        nullOr(
          allowedGroups,
          or(call('contains', allowedGroups, group), eq(group, get(v('file_system'), 'security_group_id'))),
        ),
      ),
    ),
    message: template`${name('security_group_id')} ${show(group)} is not allowed in on NFS by the file system (${name('file_system', 'allowed_security_group_ids')} is ${show(allowedGroups)}): add it to ${perPath("efs-filesystem's allowed_security_groups", "the EfsFilesystem's allowedSecurityGroups")}, which owns one NFS rule per client group, or ${perPath('leave security_group_id null', n.leaveGroupOut)} if you allow the ${n.client} in another way.`,
  };
}
