/**
 * The interface efs-mount-lambda and efs-mount-ecs share: the names each gives its client-specific
 * inputs, and the inputs both take, with their descriptions and what a change does. The rules
 * are in rules.ts.
 *
 * Whether the role policy exists is decided by a plain bool known at plan time
 * (`attach_role_policy`, default true), never by the null-ness of a name or ID: those are unknown
 * when the role or group is created in the same apply. `security_group_id` only names the
 * client's group: efs-filesystem owns one NFS rule per client group, so that two mounts sharing a
 * group cannot create the same rule twice, and a mount only checks that the file system admits it.
 *
 * Likewise whether the module creates its own access point is decided by `access_point == null`,
 * a plain value known at plan time, never by the given access point's ID (unknown when it is
 * created in the same apply).
 */
import { Text, doc, either, hclOnly, nm, tsOnly, val } from '../../core/doc';
import type { Expr } from '../../core/expr';
import { InputName, InputValues, defineInputs } from '../../core/spec';
import { t } from '../../core/types';
import { ACCESS_POINT_REFERENCE, FILE_SYSTEM_REFERENCE, NFS_PORT, POSIX_USER } from '../shared';

/** The inputs that describe the access point the module creates, refused together with `access_point`. */
export const OWN_ACCESS_POINT_INPUTS = ['root_directory', 'posix_user', 'root_directory_permissions'] as const;
export type OwnAccessPointInput = (typeof OWN_ACCESS_POINT_INPUTS)[number];

/** Their defaults, HCL-shaped: with `access_point` they must keep them. */
export const OWN_ACCESS_POINT_DEFAULTS = {
  root_directory: '/',
  posix_user: { uid: 1000, gid: 1000 },
  root_directory_permissions: '0755',
} as const satisfies Record<OwnAccessPointInput, unknown>;

/**
 * The names a mount module gives its client-specific inputs. `Role` and `Attach` are their literal
 * names, so that they join the module's input-name union (`MountInput`); declare a module's
 * names with `mountNames({...})`, which keeps them literal.
 */
export interface MountNames<Role extends string = string, Attach extends string = string> {
  /** `role_name` (Lambda) or `task_role_name` (ECS). */
  readonly role: Role;
  /** The flag that decides the role policy: `attach_role_policy` or `attach_task_role_policy`. */
  readonly attachRole: Attach;
  /** Who the client is, for descriptions: "function", "task". */
  readonly client: string;
  /** The construct's prop that takes the client (`function`, `taskDefinition`), for TypeScript-only passages. */
  readonly clientProp: string;
  /** Which of the client's roles the construct reads the role name from ("role", "task role"). */
  readonly clientRole: string;
  /**
   * For TypeScript: where the construct takes the client group from, when it does (" Given
   * `function`, …"), else "".
   */
  readonly groupFromClient: string;
  /** The TypeScript `@default` words of `security_group_id`: what leaving it out means. */
  readonly groupUnset: string;
  /**
   * For the TypeScript message of a group the file system does not admit: how to leave the group
   * out ("leave `securityGroupId` unset").
   */
  readonly leaveGroupOut: string;
  /** When to set the flag to false: for the flag's description (spelled per path)… */
  readonly withoutRoleDoc: Text;
  /** …and for the rule's message (names spelled per path). */
  readonly withoutRole: Expr;
  /** For the change-safety table: what the client's resource does when the access point is replaced. */
  readonly followsAccessPoint: string;
  /** For the change-safety table: what else a rename changes on the client's side ("" when nothing). */
  readonly renameAlso: string;
}

/** Declares a mount module's names, keeping the role and flag names as literal types. */
export const mountNames = <const Role extends string, const Attach extends string>(
  n: MountNames<Role, Attach>,
): MountNames<Role, Attach> => n;

/** Inputs both mount modules take, in the order they are documented, split around the client-specific ones. */
export function mountInputs<Role extends string, Attach extends string>(n: MountNames<Role, Attach>) {
  return { head: headInputs(n), grants: grantInputs(n) };
}

/** The file system, the access point and its directory and user: first in every mount's inputs. */
function headInputs<Role extends string, Attach extends string>(n: MountNames<Role, Attach>) {
  return defineInputs([
    {
      name: 'file_system',
      type: FILE_SYSTEM_REFERENCE,
      required: true,
      description: doc`The file system to mount: ${either('`module.efs.file_system` of efs-filesystem', '`efs.fileSystem` of an `EfsFilesystem`')}. Everything that uses this ${either('module', 'construct')}'s outputs waits for its mount targets, because the object holds their IDs.`,
      onChange: `Another file system (another \`id\`) replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name them. **The ${n.client} then sees the other file system: nothing is copied from the old one.** New mount targets or allowed groups change nothing but the plan's checks.`,
    },
    {
      name: 'access_point',
      type: ACCESS_POINT_REFERENCE,
      description: doc.unset(
        'the module creates its own access point',
      )`An access point you already have, to mount instead of creating one: ${either('`module.efs.access_points["data"]` of efs-filesystem (any object with its `id` and `arn`)', '`efs.addAccessPoint(...)`, or its `reference` (any object with its `id` and `arn`)')}. The module then creates no access point; its role policy and the ${n.client}'s mount use this one. It must belong to ${nm('file_system')}: ${either("the plan cannot check it (an access point ARN does not name its file system), and a mount through another file system's access point fails", 'an access point of another `EfsFilesystem` is refused')}. Its root directory and POSIX user are its own, so ${nm('root_directory')}, ${nm('posix_user')} and ${nm('root_directory_permissions')}, which describe the access point this module would create, must keep their defaults.`,
      onChange: `Setting it on a deployed mount ${n.followsAccessPoint}, updates the role policy in place to name it, and deletes the module's own access point. **The ${n.client} then sees the given access point's directory: files under the old root directory stay on the file system but are no longer visible through this mount.** Removing it creates the module's own access point again, which does the same to the ${n.client} and the policy; another access point does the same, without creating or deleting one.`,
    },
    {
      name: 'name',
      type: t.string(),
      required: true,
      description: doc`Name of this mount: the access point's \`Name\` tag and the prefix of the IAM policy and rule names. One per ${n.client}: each mount gets its own access point, unless it is given one with ${nm('access_point')}.`,
      onChange: `Updates the access point's \`Name\` tag in place and replaces the role policy (named after the mount) create-before-destroy: the new policy is attached before the old one is deleted.${n.renameAlso}`,
    },
    {
      name: 'root_directory',
      type: t.string(),
      default: OWN_ACCESS_POINT_DEFAULTS.root_directory,
      description: doc`Directory of the file system this mount sees as its root (an absolute path of at most 100 characters and four levels, no \`..\`). Below \`/\` it is created, owned by ${nm('posix_user')} with ${nm('root_directory_permissions')}, if it does not exist. \`/\` is the file system's own root, which belongs to root: the POSIX user can write there only if you change that, so prefer a directory such as \`/app\`.`,
      onChange: `Replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it; the old access point is deleted last. **The ${n.client} then sees the new directory, empty if it did not exist: files under the old one stay on the file system but are no longer visible through this mount.**`,
    },
    {
      name: 'posix_user',
      type: POSIX_USER,
      default: OWN_ACCESS_POINT_DEFAULTS.posix_user,
      description: `The POSIX user and groups every file operation through this mount runs as, whatever user the ${n.client} runs as; also the owner of a new root directory.`,
      onChange: `Any change, secondary groups included, replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it. **Files and an existing root directory keep their owner: the new user may not be able to write to them.**`,
    },
    {
      name: 'root_directory_permissions',
      type: t.string(),
      default: OWN_ACCESS_POINT_DEFAULTS.root_directory_permissions,
      description:
        'Octal permissions (3 or 4 digits) of the root directory when it is created. An existing directory keeps its own.',
      onChange: `Below \`/\`, replaces the access point create-before-destroy, ${n.followsAccessPoint}, and updates the role policy in place to name it, **although an existing directory keeps its own permissions: only a directory created later gets the new ones.** With \`root_directory = "/"\` nothing changes.`,
    },
  ]);
}

/** The client's role and its policy, its security group and the tags: after the client-specific inputs. */
function grantInputs<Role extends string, Attach extends string>(n: MountNames<Role, Attach>) {
  return defineInputs([
    {
      name: n.role,
      type: t.string(),
      description: doc.unset(
        `the ${n.clientRole} of \`${n.clientProp}\`, if given`,
      )`Name of the ${n.client}'s IAM role. The ${either('module', 'construct')} attaches an inline policy to it allowing \`elasticfilesystem:ClientMount\` (and \`ClientWrite\` unless ${nm('read_only')}, which denies it) on the file system, only through this access point. Needed while ${nm(n.attachRole)} is ${val(true)} (the default); a role created in the same apply (${either('`name_prefix`', '`namePrefix`')}) works as is.${tsOnly(` Given \`${n.clientProp}\`, taken from its ${n.clientRole}.`)}`,
      onChange: `Replaces the role policy create-before-destroy: it is attached to the new role before it is deleted from the old one. The ${n.client}'s own role is yours to change with it.`,
    },
    {
      name: n.attachRole,
      type: t.bool(),
      default: true,
      description: doc`Whether to attach the IAM policy to ${nm(n.role)}. A plain flag, so that whether the policy exists is known at plan time even when the role's name is not. ${n.withoutRoleDoc}`,
      onChange: `\`false\` deletes the role policy: **the ${n.client} can no longer mount unless its role gets the permissions elsewhere.** \`true\` creates it.`,
    },
    {
      name: 'security_group_id',
      type: t.string(),
      description: doc.unset(n.groupUnset)`The ${n.client}'s security group. ${either(
        doc`This module creates no security group rule: efs-filesystem owns the NFS rules, one per client group, so add this group to its ${nm('allowed_security_groups')} (a ${n.client} and any other client sharing the group then share one rule).`,
        `The construct adds it to the \`allowedSecurityGroups\` of the \`EfsFilesystem\` whose \`fileSystem\` you pass, when that one is in the same stack and \`allowClientSecurityGroup\` is not \`false\`: the \`EfsFilesystem\` owns the NFS rules, one per client group, so every mount sharing the group shares one rule.${n.groupFromClient}`,
      )} When the IDs are known, the plan checks that the file system admits the group.${hclOnly(` Null means you allow the ${n.client} in on NFS another way (CIDRs, a rule of your own).`)} The ${n.client}'s group itself needs outbound TCP ${NFS_PORT} to the file system's group: ${either('efs-filesystem', 'the `EfsFilesystem`')} adds that egress rule to the groups it allows unless ${nm('client_egress_rules')} is ${val(false)}.`,
      onChange: "Changes nothing but the plan's check that the file system admits the group.",
    },
    {
      name: 'tags',
      type: t.map(t.string()),
      default: {},
      description: 'Tags for every resource the module creates.',
      onChange:
        "Updates the access point's tags in place. **The plan also lists the role policy as updated:** its document names the access point, so Terraform reads it during the apply, after the access point's update, and the plan cannot show that it stays the same. The access point keeps its ARN, so the apply writes the same policy.",
    },
  ]);
}

/** The names of the inputs both mount modules declare (`mountInputs`), with the module's role and flag names. */
export type MountInput<Role extends string, Attach extends string> = InputName<
  ReturnType<typeof mountInputs<Role, Attach>>[keyof ReturnType<typeof mountInputs<Role, Attach>>]
>;

/**
 * What `buildMount` reads: the shared inputs and `read_only`, which each mount module declares
 * itself (its description differs), so a module without it cannot call `buildMount`.
 */
export type MountBuildInput<Role extends string, Attach extends string> = MountInput<Role, Attach> | 'read_only';

/**
 * What the inputs every mount names alike hold, typed down to nested fields (`posix_user.uid`):
 * the shared inputs without the role and flag, whose names differ per module (a name of `never`
 * declares no input), and `read_only`.
 */
export type SharedMountValues = InputValues<ReturnType<typeof headInputs<never, never>>> &
  InputValues<ReturnType<typeof grantInputs<never, never>>> & { readonly read_only: boolean };
/** Their names. */
export type SharedMountInput = Extract<keyof SharedMountValues, string>;

/** What `buildMount` reads, by name: a mount module's `InputValues` has at least these. */
export type MountValues<Role extends string, Attach extends string> = SharedMountValues & {
  readonly [K in Role]: string;
} & { readonly [K in Attach]: boolean };
