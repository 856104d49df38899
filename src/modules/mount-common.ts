/**
 * What efs-mount-lambda and efs-mount-ecs share: the access point (rooted in its own directory,
 * created owned by the POSIX user), the least-privilege IAM policy for the client's role, their
 * inputs and rules, and the TypeScript wiring helpers. The rules follow the EFS API's limits for
 * root directories, creation info and POSIX users, and what Lambda and ECS need to mount EFS.
 *
 * Whether a resource exists is decided by a plain bool known at plan time (`attach_role_policy`,
 * default true), never by the null-ness of a name or ID: those are unknown when the role or group
 * is created in the same apply, and `count = var.x == null ? 0 : 1` then fails with "Invalid count
 * argument". The mount modules create no security group rule: efs-filesystem owns one NFS rule per
 * client group (keyed by a name the user chooses), so two mounts sharing a client group cannot
 * create the same rule twice. `security_group_id` only names the client's group, so that a
 * precondition can check that the file system admits it.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct, Fn, TerraformIterator, TerraformResource, TerraformStack, Token, dependable } from '../cdktf';
import { addDynamic, num } from '../core/blocks';
import {
  Expr, and, call, cond, eq, forEach, ge, get, gt, input, isNull, le, lit, name, not, notNull, nullOr, or, perPath, show, template,
} from '../core/expr';
import { BuildContext, ex } from '../core/module';
import type { Rule } from '../core/rules';
import type { InputSpec } from '../core/spec';
import { optional, t } from '../core/types';
import type { FileSystemReference } from '../generated/types';
import { EfsFilesystem } from './efs-filesystem/construct';
import { throwValidationError } from '../core/validation-error';
import { FILE_SYSTEM_REFERENCE, nameFormatRule } from './shared';

export const NFS_PORT = 2049;
export const MAX_POSIX_ID = 4294967295;
/** EFS accepts at most 16 secondary group IDs per POSIX user (API_PosixUser). */
export const MAX_SECONDARY_GIDS = 16;

export const PATTERNS = {
  octal: '^[0-7]{3,4}$',
  securityGroupId: '^sg-[0-9a-f]{8,17}$',
  /** IAM role names: 1–64 of letters, digits and `+=,.@_-`. */
  roleName: '^[A-Za-z0-9+=,.@_-]{1,64}$',
};

/** The same shape (and TypeScript name) as efs-filesystem's `access_points[*].posix_user`. */
export const POSIX_USER = t.object(
  { uid: t.number(), gid: t.number(), secondary_gids: optional(t.list(t.number()), []) },
  'PosixUser',
);

/**
 * A message template like `template`, where plain strings and numbers are message text rather
 * than interpolated literals: `text\`… ${n.client} …\`` reads `… function …` in HCL, not `${"function"}`.
 */
export const text = (strings: TemplateStringsArray, ...values: (Expr | string | number)[]): Expr => ({
  op: 'template',
  parts: strings.flatMap((s, i) => {
    if (i >= values.length) return [s];
    const value = values[i];
    if (typeof value !== 'object') return [s, String(value)];
    // A template inside is spliced in, so that it reads as part of the message.
    return value.op === 'template' ? [s, ...value.parts] : [s, value];
  }),
});

const matches = (x: Expr, pattern: string) => call('matches', x, lit(pattern));
const v = input;
const isWholeIn = (x: Expr, min: number, max: number) => and(ge(x, lit(min)), le(x, lit(max)), eq(call('floor', x), x));

/** The names a mount module gives its client-specific inputs. */
export interface MountNames {
  /** `role_name` (Lambda) or `task_role_name` (ECS). */
  readonly role: string;
  /** The flag that decides the role policy: `attach_role_policy` or `attach_task_role_policy`. */
  readonly attachRole: string;
  /** Who the client is, for descriptions: "function", "task". */
  readonly client: string;
  /** When to set the flag to false: for the flag's description (HCL names, as all descriptions)… */
  readonly withoutRoleDoc: string;
  /** …and for the rule's message (names spelled per path). */
  readonly withoutRole: Expr;
  /** For the change-safety table: what the client's resource does when the access point is replaced. */
  readonly followsAccessPoint: string;
  /** For the change-safety table: what else a rename changes on the client's side ("" when nothing). */
  readonly renameAlso: string;
}

// ----------------------------------------------------------------------------- inputs

/** Inputs both mount modules take, in the order they are documented, split around the client-specific ones. */
export function mountInputs(n: MountNames): { head: InputSpec[]; grants: InputSpec[] } {
  const head: InputSpec[] = [
    {
      name: 'file_system',
      type: FILE_SYSTEM_REFERENCE,
      required: true,
      description:
        'The file system to mount: `module.efs.file_system` of efs-filesystem. Everything that uses this module\'s outputs waits for its mount targets, because the object holds their IDs.',
      onChange: `Another file system (another \`id\`) replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name them. **The ${n.client} then sees the other file system: nothing is copied from the old one.** New mount targets or allowed groups change nothing but the plan's checks.`,
    },
    {
      name: 'name',
      type: t.string(),
      required: true,
      description: `Name of this mount: the access point's \`Name\` tag and the prefix of the IAM policy and rule names. One per ${n.client}: each mount gets its own access point.`,
      onChange: `Updates the access point's \`Name\` tag in place and replaces the role policy (named after the mount) create-before-destroy: the new policy is attached before the old one is deleted.${n.renameAlso}`,
    },
    {
      name: 'root_directory',
      type: t.string(),
      default: '/',
      description:
        'Directory of the file system this mount sees as its root (an absolute path of at most 100 characters and four levels, no `..`). Below `/` it is created, owned by `posix_user` with `root_directory_permissions`, if it does not exist. `/` is the file system\'s own root, which belongs to root: the POSIX user can write there only if you change that, so prefer a directory such as `/app`.',
      onChange: `Replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it; the old access point is deleted last. **The ${n.client} then sees the new directory, empty if it did not exist: files under the old one stay on the file system but are no longer visible through this mount.**`,
    },
    {
      name: 'posix_user',
      type: POSIX_USER,
      default: { uid: 1000, gid: 1000 },
      description: `The POSIX user and groups every file operation through this mount runs as, whatever user the ${n.client} runs as; also the owner of a new root directory.`,
      onChange: `Any change, secondary groups included, replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it. **Files and an existing root directory keep their owner: the new user may not be able to write to them.**`,
    },
    {
      name: 'root_directory_permissions',
      type: t.string(),
      default: '0755',
      description: 'Octal permissions (3 or 4 digits) of the root directory when it is created. An existing directory keeps its own.',
      onChange: `Below \`/\`, replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it, **although an existing directory keeps its own permissions: only a directory created later gets the new ones.** With \`root_directory = "/"\` nothing changes.`,
    },
  ];
  const grants: InputSpec[] = [
    {
      name: n.role,
      type: t.string(),
      description: `Name of the ${n.client}'s IAM role. The module attaches an inline policy to it allowing \`elasticfilesystem:ClientMount\` (and \`ClientWrite\` unless \`read_only\`, which denies it) on the file system, only through this access point. Needed while \`${n.attachRole}\` is true (the default); a role created in the same apply (\`name_prefix\`) works as is.`,
      onChange: `Replaces the role policy create-before-destroy: it is attached to the new role before it is deleted from the old one. The ${n.client}'s own role is yours to change with it.`,
    },
    {
      name: n.attachRole,
      type: t.bool(),
      default: true,
      description: `Whether to attach the IAM policy to \`${n.role}\`. A plain flag, so that whether the policy exists is known at plan time even when the role's name is not. ${n.withoutRoleDoc}`,
      onChange: `\`false\` deletes the role policy: **the ${n.client} can no longer mount unless its role gets the permissions elsewhere.** \`true\` creates it.`,
    },
    {
      name: 'security_group_id',
      type: t.string(),
      description: `The ${n.client}'s security group. This module creates no security group rule: efs-filesystem owns the NFS rules, one per client group, so add this group to its \`allowed_security_groups\` (a ${n.client} and any other client sharing the group then share one rule). When the IDs are known, the plan checks that the file system admits the group. Null means you allow the ${n.client} in on NFS another way (CIDRs, a rule of your own). The ${n.client}'s group itself needs outbound TCP 2049 to the file system's group.`,
      onChange: 'Changes nothing but the plan\'s check that the file system admits the group.',
    },
    {
      name: 'tags',
      type: t.map(t.string()),
      default: {},
      description: 'Tags for every resource the module creates.',
      onChange:
        'Updates the access point\'s tags in place. **The plan also lists the role policy as updated:** its document names the access point, so Terraform reads it during the apply, after the access point\'s update, and the plan cannot show that it stays the same. The access point keeps its ARN, so the apply writes the same policy.',
    },
  ];
  return { head, grants };
}

// ----------------------------------------------------------------------------- rules

const rootDir = v('root_directory');
const posixUser = v('posix_user');

export function mountRules(n: MountNames): { single: Rule[]; cross: Rule[] } {
  const mountTargetIds = get(v('file_system'), 'mount_target_ids');
  const single: Rule[] = [
    nameFormatRule(),
    {
      id: 'file-system-mount-targets',
      inputs: ['file_system'],
      summary: 'file_system.mount_target_ids names at least one mount target',
      condition: cond(isNull(mountTargetIds), lit(false), gt(call('length', mountTargetIds), lit(0))),
      // efs-filesystem may have no mount target (mount_targets = {}): nothing to mount through yet.
      message: text`${name('file_system', 'mount_target_ids')} names no mount target (got ${show(mountTargetIds)}): the file system cannot be reached from any subnet, so there is nothing to mount. Give efs-filesystem's ${name('mount_targets')} a subnet in each Availability Zone the ${n.client} runs in${perPath(', and pass file_system = module.efs.file_system', '')}.`,
    },
    {
      id: 'root-directory-absolute',
      inputs: ['root_directory'],
      summary: 'root_directory is an absolute path without `..`',
      condition: and(matches(rootDir, '^/'), not(matches(rootDir, '(^|/)\\.\\.(/|$)'))),
      message: template`${name('root_directory')} must be an absolute path without ".." segments, such as "/data" (got ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-length',
      inputs: ['root_directory'],
      summary: 'root_directory is at most 100 characters',
      condition: le(call('length', rootDir), lit(100)),
      message: template`${name('root_directory')} must be at most 100 characters (got ${call('length', rootDir)}: ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-depth',
      inputs: ['root_directory'],
      summary: 'root_directory is at most four levels deep',
      condition: le(call('pathDepth', rootDir), lit(4)),
      message: template`${name('root_directory')} must be at most 4 directories deep (got ${call('pathDepth', rootDir)} in ${show(rootDir)}).`,
    },
    {
      id: 'root-directory-permissions-octal',
      inputs: ['root_directory_permissions'],
      summary: 'root_directory_permissions is 3 or 4 octal digits',
      condition: matches(v('root_directory_permissions'), PATTERNS.octal),
      message: template`${name('root_directory_permissions')} must be 3 or 4 octal digits such as "0755" (got ${show(v('root_directory_permissions'))}).`,
    },
    {
      id: 'posix-user-ids',
      inputs: ['posix_user'],
      summary: `posix_user has whole-number IDs from 0 to ${MAX_POSIX_ID} and at most ${MAX_SECONDARY_GIDS} secondary groups`,
      condition: and(
        isWholeIn(get(posixUser, 'uid'), 0, MAX_POSIX_ID),
        isWholeIn(get(posixUser, 'gid'), 0, MAX_POSIX_ID),
        le(call('length', get(posixUser, 'secondary_gids')), lit(MAX_SECONDARY_GIDS)),
        call('alltrue', forEach(get(posixUser, 'secondary_gids'), (_i, g) => isWholeIn(g, 0, MAX_POSIX_ID), undefined, ['i', 'g'])),
      ),
      message: text`${name('posix_user')} must have a uid, a gid and at most ${MAX_SECONDARY_GIDS} secondary_gids, each a whole number from 0 to ${MAX_POSIX_ID} (got ${show(posixUser)}).`,
    },
    {
      id: 'role-name-format',
      inputs: [n.role],
      summary: `${n.role}, when set, is an IAM role name (not an ARN)`,
      condition: nullOr(v(n.role), matches(v(n.role), PATTERNS.roleName)),
      message: template`${name(n.role)} must be the name of an IAM role, 1 to 64 letters, digits or "+=,.@_-", not its ARN (got ${show(v(n.role))}).`,
    },
    {
      id: 'security-group-id-format',
      inputs: ['security_group_id'],
      summary: 'security_group_id, when set, is an ID such as `sg-0123456789abcdef0`',
      condition: nullOr(v('security_group_id'), matches(v('security_group_id'), PATTERNS.securityGroupId)),
      message: template`${name('security_group_id')} must be a security group ID such as "sg-0123456789abcdef0" (got ${show(v('security_group_id'))}).`,
    },
  ];
  const allowedGroups = get(v('file_system'), 'allowed_security_group_ids');
  const group = v('security_group_id');
  const cross: Rule[] = [
    {
      id: 'role-policy-needs-role',
      inputs: [n.attachRole, n.role],
      summary: `${n.role} is set while ${n.attachRole} is true (the default)`,
      condition: or(not(v(n.attachRole)), notNull(v(n.role))),
      message: text`${name(n.role)} is null but ${name(n.attachRole)} is true (the default): give the name of the ${n.client}'s IAM role, the one that gets the EFS policy. ${n.withoutRole}`,
    },
    {
      id: 'client-group-allowed',
      inputs: ['security_group_id', 'file_system'],
      summary: "security_group_id, when set, is one of file_system.allowed_security_group_ids (or the file system's own group)",
      // Checked once both are known; null on either side means the user manages NFS access another way.
      // The file system's own group is admitted by efs-filesystem's allow_nfs_from_self.
      // A malformed ID is security-group-id-format's to report, not this rule's.
      condition: nullOr(
        group,
        or(
          not(matches(group, PATTERNS.securityGroupId)),
          nullOr(allowedGroups, or(call('contains', allowedGroups, group), eq(group, get(v('file_system'), 'security_group_id')))),
        ),
      ),
      message: text`${name('security_group_id')} ${show(group)} is not allowed in on NFS by the file system (${name('file_system', 'allowed_security_group_ids')} is ${show(allowedGroups)}): add it to efs-filesystem's ${name('allowed_security_groups')}, which owns one NFS rule per client group, or leave ${name('security_group_id')} null if you allow the ${n.client} in another way.`,
    },
  ];
  return { single, cross };
}

/** Whether the role policy is attached, as a rule expression. */
export const attachesRolePolicy = (n: MountNames): Expr => v(n.attachRole);

// ----------------------------------------------------------------------------- build

export interface MountResources {
  readonly accessPoint: EfsAccessPoint;
}

/**
 * The access point and the role policy. Both read `file_system`, so each (and everything that
 * reads this module's outputs) waits for the mount targets it lists.
 */
export function buildMount(ctx: BuildContext, n: MountNames): MountResources {
  const { scope, in: inp } = ctx;
  const fileSystem = (field: string) => ex(`${inp('file_system')}.${field}`);

  const accessPoint = ctx.named(
    new EfsAccessPoint(scope, 'access_point', {
      fileSystemId: fileSystem('id'),
      posixUser: {
        uid: num(ex(`${inp('posix_user')}.uid`)),
        gid: num(ex(`${inp('posix_user')}.gid`)),
        secondaryGids: Token.asNumberList(ex(`${inp('posix_user')}.secondary_gids`)),
      },
      rootDirectory: { path: ex(inp('root_directory')) },
      tags: ex(`merge(${inp('tags')}, { Name = ${inp('name')} })`) as unknown as Record<string, string>,
      // A new root directory or POSIX user replaces the access point: the new one exists before
      // the function or task definition is pointed at it, and the old one goes after that.
      lifecycle: { createBeforeDestroy: true, precondition: ctx.preconditions() },
    }),
    'this',
  );
  // Below "/", the directory is created owned by the POSIX user: without creation_info EFS does
  // not create it and every mount fails; owned by root, the POSIX user could not write to it.
  accessPoint.addOverride('root_directory.dynamic.creation_info', {
    for_each: ex(`${inp('root_directory')} == "/" ? [] : [${inp('posix_user')}]`),
    content: {
      owner_uid: ex('creation_info.value.uid'),
      owner_gid: ex('creation_info.value.gid'),
      permissions: ex(inp('root_directory_permissions')),
    },
  });

  // The key is a fixed word and the flag is known at plan time: the map's keys are known even
  // when the role's name is not (a role with name_prefix created in the same apply).
  const rolePolicy = ctx.local('role_policy', ex(`${inp(n.attachRole)} ? { role = ${inp(n.role)} } : {}`));

  // One ordered list of statements: a static block and a dynamic one would come out in a
  // different order in cdktf's JSON (keys sorted) than in the printed HCL.
  const readOnly = inp('read_only');
  const allow = ctx.local(
    'allow_mount_statement',
    ex(
      '{\n' +
        '  sid     = "MountThroughAccessPoint"\n' +
        '  effect  = "Allow"\n' +
        `  actions = ${readOnly} ? ["elasticfilesystem:ClientMount"] : ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite"]\n` +
        '}',
    ),
  );
  // Read-only is enforced by a Deny: an explicit deny wins over any Allow, such as a file system
  // policy granting ClientWrite to every client of the mount targets.
  const denyWrite = ctx.local(
    'deny_write_statement',
    ex('{\n  sid     = "DenyWriteThroughAccessPoint"\n  effect  = "Deny"\n  actions = ["elasticfilesystem:ClientWrite"]\n}'),
  );
  const statements = ctx.local('role_policy_statements', ex(`concat([${allow}], ${readOnly} ? [${denyWrite}] : [])`));
  const policyDocument = ctx.named(
    new DataAwsIamPolicyDocument(scope, 'role_policy_document', {
      forEach: TerraformIterator.fromMap(ex(rolePolicy) as unknown as Record<string, unknown>),
    }),
    'this',
  );
  addDynamic(policyDocument, 'statement', {
    forEach: ex(statements),
    content: {
      sid: ex('statement.value.sid'),
      effect: ex('statement.value.effect'),
      actions: ex('statement.value.actions'),
      resources: [fileSystem('arn')],
      // Only through this access point.
      condition: [{ test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn', values: [accessPoint.arn] }],
    },
  });
  ctx.named(
    new IamRolePolicy(scope, 'iam_role_policy', {
      forEach: TerraformIterator.fromMap(ex(rolePolicy) as unknown as Record<string, unknown>),
      name: ex(`"\${${inp('name')}}-efs-mount"`),
      role: ex('each.value'),
      policy: ex(`data.aws_iam_policy_document.${policyDocument.friendlyUniqueId}[each.key].json`),
      // Renaming the mount renames the policy, which replaces it: the new one is attached before
      // the old one goes, so the client never runs without its permission.
      lifecycle: { createBeforeDestroy: true },
    }),
    'this',
  );

  return { accessPoint };
}

// ----------------------------------------------------------------------------- TypeScript wiring

/** `EfsMountLambda "stack/mount"`, as ModuleConstruct labels its errors, for checks made before it exists. */
export function constructLabel(className: string, scope: Construct, id: string): string {
  return `${className} "${scope.node.path ? `${scope.node.path}/${id}` : id}"`;
}

/** The name of a role from its ARN (`arn:aws:iam::111122223333:role/path/name`): the last path segment. */
export function roleNameFromArn(arn: string): string {
  if (!Token.isUnresolved(arn)) return arn.slice(arn.lastIndexOf('/') + 1);
  return Token.asString(Fn.element(Fn.reverse(Fn.split('/', arn)), 0));
}

/**
 * The mount targets of the EfsFilesystem in this stack whose `fileSystem` is this very object, so
 * that a client can depend on them explicitly. Empty when the reference was built another way (a
 * copy, a file system from another stack or outside Terraform): ordering then comes from the
 * tokens alone (the reference's `mountTargetIds`).
 */
export function mountTargetsOf(scope: Construct, fileSystem: FileSystemReference): TerraformResource[] {
  const owner = EfsFilesystem.ownerOf(fileSystem);
  if (!owner || TerraformStack.of(owner) !== TerraformStack.of(scope)) return [];
  return owner.mountTargetResources();
}

/**
 * What a mount needs from the file system construct: let a client group in on NFS, once per
 * group however many mounts ask (EfsFilesystem implements it).
 */
export interface NfsClientRegistry {
  /** Allows the group under `name` unless it is already allowed; returns the name it is allowed under. */
  allowClient(name: string, securityGroupId: string): string;
}

/**
 * Adds the client group to the EfsFilesystem in this stack whose `fileSystem` this is, under the
 * mount's path in the stack, so that its NFS rule exists once for every mount sharing the group
 * (the first mount names it). A reference built another way (a
 * file system from another stack or outside Terraform) is left alone: the mount's precondition
 * then checks the group against the reference's `allowedSecurityGroupIds`, when it has them.
 */
export function admitClientGroup(mount: Construct, label: string, fileSystem: FileSystemReference, securityGroupId: string): void {
  const owner = EfsFilesystem.ownerOf(fileSystem);
  if (!owner || TerraformStack.of(owner) !== TerraformStack.of(mount)) return;
  if (owner.hasOwnSecurityGroup() === false) {
    // Said here rather than by allowClient, so that the message names the mount and its way out.
    throwValidationError(label, [
      `fileSystem comes from EfsFilesystem "${owner.node.path}", which has no security group of its own (createSecurityGroup is false), so this mount cannot let its client group ${JSON.stringify(securityGroupId)} in on NFS. ` +
        'Allow TCP 2049 from that group with rules on your groups of mountTargetSecurityGroupIds, and pass allowClientSecurityGroup: false.',
    ]);
  }
  const registry: NfsClientRegistry = owner;
  registry.allowClient(clientName(mount), securityGroupId);
}

/**
 * The file system reference a mount validates. When the EfsFilesystem that made it is in the app
 * and its `mountTargets` is a literal `{}`, `mountTargetIds` is replaced by the `{}` it will be at
 * plan time, so that the rule on it refuses the mount at synth, with the words of the plan-time check.
 */
export function withKnownMountTargets(fileSystem: FileSystemReference): FileSystemReference {
  const keys = EfsFilesystem.ownerOf(fileSystem)?.mountTargetKeys();
  return keys !== undefined && keys.length === 0 ? { ...fileSystem, mountTargetIds: {} } : fileSystem;
}

/** The name a mount's client group is allowed under: the mount's path in its stack (`app-mount`, `worker-data`). */
function clientName(mount: Construct): string {
  const scopes = mount.node.scopes;
  return scopes.slice(scopes.indexOf(TerraformStack.of(mount)) + 1).map((s) => s.node.id).join('-');
}

const addedDependencies = new WeakMap<TerraformResource, Set<TerraformResource>>();

/** Adds `depends_on` entries to a resource, once each (several mounts may add the same mount targets). */
export function addDependencies(resource: TerraformResource, on: readonly TerraformResource[]): void {
  const added = addedDependencies.get(resource) ?? new Set<TerraformResource>();
  addedDependencies.set(resource, added);
  const fresh = on.filter((r) => !added.has(r));
  fresh.forEach((r) => added.add(r));
  if (fresh.length > 0) resource.dependsOn = [...(resource.dependsOn ?? []), ...fresh.map((r) => dependable(r))];
}
