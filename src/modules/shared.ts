/** Types shared by the modules: what `efs-filesystem` hands to the `efs-mount-*` modules. */
import { call, input, lit, name, show, template } from '../core/expr';
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

/** Names every module takes: the prefix of everything it creates, so AWS's tightest name limits apply. */
export const NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

export function nameFormatRule(): Rule {
  return {
    id: 'name-format',
    inputs: ['name'],
    summary: 'name is 1–64 letters, digits, `.`, `_` or `-`, starting with a letter or digit',
    condition: call('matches', input('name'), lit(NAME_PATTERN)),
    message: template`${name('name')} must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit (got ${show(input('name'))}).`,
  };
}
