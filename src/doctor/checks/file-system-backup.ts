import { FILE_SYSTEM, intersects } from '../analysis/identity';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';
import { attachedTo } from './efs-resources';

const CHECK = 'file-system-backup';

/** Automatic backups on (or not known to be off) through an aws_efs_backup_policy of the file system. */
function automaticBackups(ctx: DoctorContext, fileSystem: PlanResource): boolean {
  return attachedTo(ctx, 'aws_efs_backup_policy', fileSystem).some((policy) => {
    const status = policy.after.at('backup_policy', 0, 'status');
    return status.unknown || status.string() === 'ENABLED';
  });
}

const WILDCARD = /^\*$|^arn:[^:]+:elasticfilesystem:[^:]*:[^:]*:(file-system\/)?\*$/;

/**
 * Whether an aws_backup_selection may select the file system: by its ARN (traced), by a
 * wildcard, or by tags (not compared: a selection by tag counts as selecting it). One whose
 * resources cannot be traced counts too: this check reports only what the plan proves.
 */
function selects(ctx: DoctorContext, selection: PlanResource, fileSystem: PlanResource): boolean {
  const byTag = ['selection_tag', 'condition'].some((block) => {
    const planned = selection.after.at(block);
    return planned.unknown || planned.items().length > 0;
  });
  if (byTag) return true;
  const resources = ctx.ids.referenced(selection, ['resources'], FILE_SYSTEM);
  if (resources.unresolved.length > 0) return true;
  if ([...resources.tokens].some((token) => WILDCARD.test(token.replace(/^id:/, '')))) return true;
  return intersects(resources.tokens, ctx.ids.self(fileSystem, FILE_SYSTEM));
}

function diagnose(ctx: DoctorContext, fileSystem: PlanResource): Finding[] {
  if (automaticBackups(ctx, fileSystem)) return [];
  if (ctx.resources.ofType('aws_backup_selection').some((selection) => selects(ctx, selection, fileSystem))) return [];
  return [
    finding(
      CHECK,
      'warning',
      fileSystem.address,
      'has automatic backups off and is in no AWS Backup plan selection of this plan (AWS Security Hub controls EFS.2 and EFS.7): a deleted file or a deleted file system cannot be restored.',
      'turn on automatic backups with `aws_efs_backup_policy { backup_policy { status = "ENABLED" } }`, or select the file system in an AWS Backup plan (`aws_backup_selection { resources = [<file system>.arn] }`); with modules/efs-filesystem keep backup_enabled = true or set backup_plan.',
    ),
  ];
}

export const fileSystemBackup: Check = {
  id: CHECK,
  summary: 'a file system has automatic backups off and is in no AWS Backup plan (Security Hub EFS.2, EFS.7)',
  help: 'A file system created by Terraform has no automatic backups unless an aws_efs_backup_policy enables them. AWS Security Hub controls EFS.7 (automatic backups) and EFS.2 (in a backup plan) fail a file system with neither. Enable the backup policy or select the file system in an AWS Backup plan.',
  securityHub: ['EFS.2', 'EFS.7'],
  run: (ctx) => ctx.resources.ofType('aws_efs_file_system').flatMap((fs) => diagnose(ctx, fs)),
};
