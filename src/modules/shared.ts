/**
 * What the modules share: the reference efs-filesystem hands to the `efs-mount-*` modules, and
 * the EFS and EC2 limits that both efs-filesystem's access points and the mount modules' access
 * point check (EFS API reference: PosixUser, RootDirectory, CreationInfo).
 */
import { Expr, and, call, cond, eq, ge, inputReader, isNull, le, lit, name, not, show, template } from '../core/expr';
import type { Rule } from '../core/rules';
import { optional, t } from '../core/types';

/**
 * The `file_system` output of efs-filesystem and input of the mount modules.
 * `allowed_security_group_ids` lists the client groups efs-filesystem lets in (the values of its
 * `allowed_security_groups`): the file system owns its clients' NFS rules, so a mount checks
 * that its client group is among them instead of adding a rule of its own. Optional: null when
 * the reference is written by hand rather than taken from efs-filesystem.
 */
export const FILE_SYSTEM_REFERENCE = t.object(
  {
    id: t.string(),
    arn: t.string(),
    security_group_id: optional(t.string()),
    mount_target_ids: t.map(t.string()),
    allowed_security_group_ids: optional(t.list(t.string())),
  },
  'FileSystemReference',
);

/**
 * An access point as efs-filesystem's `access_points` output gives each entry: the mount modules'
 * `access_point` input takes one (`module.efs.access_points["data"]`). The same TypeScript name
 * as that output's entries, so `efs.outputs.accessPoints.data` fits as it is.
 */
export const ACCESS_POINT_REFERENCE = t.object({ id: t.string(), arn: t.string() }, 'AccessPointReference');

/** A POSIX user of an access point, one shape (and TypeScript name) for every module. */
export const POSIX_USER = t.object(
  { uid: t.number(), gid: t.number(), secondary_gids: optional(t.list(t.number()), []) },
  'PosixUser',
);

/** Names every module takes: the prefix of everything it creates, so AWS's tightest name limits apply. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

/** A rule of every module that declares a `name` input. */
export function nameFormatRule(): Rule<'name'> {
  const input = inputReader<'name'>();
  return {
    id: 'name-format',
    inputs: ['name'],
    summary: 'name is 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit',
    condition: call('matches', input('name'), lit(NAME_PATTERN)),
    message: template`${name('name')} must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got ${show(input('name'))}).`,
  };
}

/** The port NFS clients reach the mount targets on (TCP). */
export const NFS_PORT = 2049;

/** The largest uid or gid EFS accepts (PosixUser, CreationInfo). */
export const MAX_POSIX_ID = 4294967295;

/** Patterns both efs-filesystem and the mount modules check values against. */
export const SHARED_PATTERNS = {
  /** Directory permissions as EFS takes them (CreationInfo.Permissions): 3 or 4 octal digits. */
  octal: '^[0-7]{3,4}$',
  securityGroupId: '^sg-[0-9a-f]{8,17}$',
};

/** `x` matches `pattern` entirely (see the `matches` function of src/core/expr.ts). */
export const matches = (x: Expr, pattern: string): Expr => call('matches', x, lit(pattern));

/** "no " before the name of a field left out, for messages about which fields are given. */
export const given = (x: Expr): Expr => cond(isNull(x), lit('no '), lit(''));

/** `x` is a whole number from `min` to `max`. */
export const isWholeIn = (x: Expr, min: number, max: number): Expr =>
  and(ge(x, lit(min)), le(x, lit(max)), eq(call('floor', x), x));

/** `x` is a uid or gid EFS accepts. */
export const isPosixId = (x: Expr): Expr => isWholeIn(x, 0, MAX_POSIX_ID);

/** An access point's root directory (EFS RootDirectory.Path): at most 100 characters and four levels. */
export const ROOT_DIRECTORY_MAX_LENGTH = 100;
export const ROOT_DIRECTORY_MAX_DEPTH = 4;

/**
 * The checks of a root directory, each with what it allows, as messages phrase it ("<input> must
 * be …"). `..` is refused so that a path cannot climb out of the tree it names. `/` is the file
 * system's own root; any other directory EFS creates only with CreationInfo (owner and
 * permissions), and mounts fail while it does not exist.
 */
export const rootDirectory = {
  /** The file system's own root, which exists already and needs no creation info. */
  isFileSystemRoot: (path: Expr): Expr => eq(path, lit('/')),
  isAbsolute: (path: Expr): Expr => and(matches(path, '^/'), not(matches(path, '(^|/)\\.\\.(/|$)'))),
  mustBeAbsolute: 'must be an absolute path without ".." segments, such as "/data"',
  isShortEnough: (path: Expr): Expr => le(call('length', path), lit(ROOT_DIRECTORY_MAX_LENGTH)),
  mustBeShortEnough: `must be at most ${ROOT_DIRECTORY_MAX_LENGTH} characters`,
  isShallowEnough: (path: Expr): Expr => le(call('pathDepth', path), lit(ROOT_DIRECTORY_MAX_DEPTH)),
  mustBeShallowEnough: `must be at most ${ROOT_DIRECTORY_MAX_DEPTH} directories deep`,
};

/** Directory permissions as EFS takes them (CreationInfo.Permissions). */
export const octalPermissions = {
  isOctal: (value: Expr): Expr => matches(value, SHARED_PATTERNS.octal),
  mustBe: 'must be 3 or 4 octal digits such as "0755"',
};
