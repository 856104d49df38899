import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { isCreated, type PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'file-system-encryption';

/**
 * Whether the file system is encrypted at rest; undefined when unknown. EFS creates unencrypted
 * file systems unless asked.
 */
function encrypted(ctx: DoctorContext, fileSystem: PlanResource): boolean | undefined {
  const planned = fileSystem.after.at('encrypted');
  if (!planned.unknown) return planned.bool() ?? false;
  return ctx.graph.expressionsAt(fileSystem.configAddress, ['encrypted']).kind === 'unset' ? false : undefined;
}

/**
 * Error when this plan creates the file system unencrypted: encryption is chosen once, at
 * creation, and changing it later replaces the file system and deletes its data. A warning for
 * one that exists already: the fix is a migration, not an edit that can stop this plan.
 */
function diagnose(ctx: DoctorContext, fileSystem: PlanResource): Finding[] {
  if (encrypted(ctx, fileSystem) !== false) return [];
  const problem =
    'is not encrypted at rest, which AWS Security Hub controls EFS.1 and EFS.8 fail; encryption is chosen when a file system is created and never changes after, so turning it on later replaces the file system and deletes its data.';
  return isCreated(fileSystem)
    ? [
        finding(
          CHECK,
          'error',
          fileSystem.address,
          `would be created unencrypted: it ${problem}`,
          'set encrypted = true (and kms_key_id for a key of your own) before this plan is applied; modules/efs-filesystem encrypts by default (encrypted = true).',
        ),
      ]
    : [
        finding(
          CHECK,
          'warning',
          fileSystem.address,
          problem.replace(/^is/, 'exists and is'),
          'create an encrypted file system and copy the data to it (AWS DataSync, or restore an AWS Backup recovery point into it), then remove this one.',
        ),
      ];
}

export const fileSystemEncryption: Check = {
  id: CHECK,
  summary: 'a file system is not encrypted at rest (Security Hub EFS.1, EFS.8)',
  help: 'EFS encrypts a file system at rest only if asked when it is created (encrypted = true, optionally with a KMS key); it cannot be turned on later without replacing the file system and losing its data. AWS Security Hub controls EFS.1 and EFS.8 fail unencrypted file systems. An error when this plan creates one, a warning for one that exists.',
  securityHub: ['EFS.1', 'EFS.8'],
  run: (ctx) => ctx.resources.ofType('aws_efs_file_system').flatMap((fs) => diagnose(ctx, fs)),
};
