/** Bad `backup_plan` inputs of efs-filesystem, one rule each (see spec-backup-plan.ts). */
import type { BadInput } from '../../core/cases';
import type { BackupPlanInput } from './spec-backup-plan';

const VAULT = { vault_name: 'efs-backups' };
const COPY_VAULT = 'arn:aws:backup:us-west-2:111122223333:backup-vault:efs-copies';
const plan = (p: Record<string, unknown>) => ({ backup_plan: { ...VAULT, ...p } });

export const backupPlanBadInputs: BadInput<BackupPlanInput>[] = [
  {
    rule: 'backup-plan-schedule-format',
    title: 'backup schedule in five fields',
    set: plan({ schedule: 'cron(0 5 * * *)' }),
    names: ['backup_plan.schedule'],
    shows: ['"cron(0 5 * * *)"'],
  },
  {
    rule: 'backup-plan-schedule-format',
    title: 'backup schedule every 15 minutes',
    set: plan({ schedule: 'cron(0/15 * ? * * *)' }),
    names: ['backup_plan.schedule'],
    shows: ['"cron(0/15 * ? * * *)"'],
  },
  {
    rule: 'backup-plan-schedule-format',
    title: 'backup schedule as a rate',
    set: plan({ schedule: 'rate(1 day)' }),
    names: ['backup_plan.schedule'],
    shows: ['"rate(1 day)"'],
  },
  {
    rule: 'backup-plan-schedule-days',
    title: 'backup schedule without a question mark',
    set: plan({ schedule: 'cron(0 5 * * * *)' }),
    names: ['backup_plan.schedule'],
    shows: ['"cron(0 5 * * * *)"'],
  },
  {
    rule: 'backup-plan-schedule-days',
    title: 'backup schedule with two question marks',
    set: plan({ schedule: 'cron(0 5 ? * ? *)' }),
    names: ['backup_plan.schedule'],
    shows: ['"cron(0 5 ? * ? *)"'],
  },
  {
    rule: 'backup-plan-start-window',
    title: 'backup start window of 30 minutes',
    set: plan({ start_window_minutes: 30 }),
    names: ['backup_plan.start_window_minutes'],
    shows: ['got 30'],
  },
  {
    rule: 'backup-plan-completion-window',
    title: 'backup completion window too close to the start window',
    set: plan({ start_window_minutes: 120, completion_window_minutes: 150 }),
    names: ['backup_plan.completion_window_minutes', 'backup_plan.start_window_minutes'],
    shows: ['got 150', 'start window of 120'],
  },
  {
    rule: 'backup-plan-retention-range',
    title: 'backup kept zero days',
    set: plan({ delete_after_days: 0 }),
    names: ['backup_plan.delete_after_days'],
    shows: ['got 0 and null'],
    tsShows: ['got 0 and undefined'],
  },
  {
    rule: 'backup-plan-retention-range',
    title: 'backup kept over 100 years',
    set: plan({ delete_after_days: 40000 }),
    names: ['backup_plan.delete_after_days'],
    shows: ['got 40000'],
  },
  {
    rule: 'backup-plan-cold-storage-minimum',
    title: 'backup deleted 70 days after cold storage',
    set: plan({ cold_storage_after_days: 30, delete_after_days: 100 }),
    names: ['backup_plan.delete_after_days', 'backup_plan.cold_storage_after_days'],
    shows: ['got 100 and 30'],
  },
  {
    rule: 'backup-plan-vault-choice',
    title: 'backup plan without a vault',
    set: { backup_plan: {} },
    names: ['backup_plan.vault_name', 'backup_plan.vault_arn'],
    shows: ['got null and null'],
    tsShows: ['got undefined and undefined'],
  },
  {
    rule: 'backup-plan-vault-choice',
    title: 'backup plan with a new and an existing vault',
    set: plan({ vault_arn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:central' }),
    names: ['backup_plan.vault_name', 'backup_plan.vault_arn'],
    shows: ['"efs-backups"', '"arn:aws:backup:us-east-1:111122223333:backup-vault:central"'],
  },
  {
    rule: 'backup-plan-vault-name-format',
    title: 'backup vault name with a space',
    set: plan({ vault_name: 'efs backups' }),
    names: ['backup_plan.vault_name'],
    shows: ['"efs backups"'],
  },
  {
    rule: 'backup-plan-vault-arn-format',
    title: 'backup vault arn of another service',
    set: { backup_plan: { vault_arn: 'arn:aws:s3:::efs-backups' } },
    names: ['backup_plan.vault_arn'],
    shows: ['"arn:aws:s3:::efs-backups"'],
  },
  {
    rule: 'backup-plan-vault-kms-key',
    title: 'backup vault key given as an alias',
    set: plan({ vault_kms_key_arn: 'alias/backup' }),
    names: ['backup_plan.vault_kms_key_arn'],
    shows: ['"alias/backup"'],
  },
  {
    rule: 'backup-plan-vault-kms-key',
    title: 'backup vault key for an existing vault',
    set: {
      backup_plan: {
        vault_arn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:central',
        vault_kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      },
    },
    names: ['backup_plan.vault_kms_key_arn', 'backup_plan.vault_name'],
    shows: ['"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"'],
  },
  {
    rule: 'backup-plan-role-choice',
    title: 'backup role given while the module creates one',
    set: plan({ backup_role_arn: 'arn:aws:iam::111122223333:role/backup' }),
    names: ['backup_plan.backup_role_arn', 'backup_plan.create_backup_role'],
    shows: ['"arn:aws:iam::111122223333:role/backup"', 'true'],
  },
  {
    rule: 'backup-plan-role-choice',
    title: 'no backup role at all',
    set: plan({ create_backup_role: false }),
    names: ['backup_plan.backup_role_arn', 'backup_plan.create_backup_role'],
    shows: ['got null', 'false'],
    tsShows: ['got undefined', 'false'],
  },
  {
    rule: 'backup-plan-role-arn-format',
    title: 'backup role given by name',
    set: plan({ create_backup_role: false, backup_role_arn: 'backup' }),
    names: ['backup_plan.backup_role_arn'],
    shows: ['"backup"'],
  },
  {
    rule: 'backup-plan-copy-to-format',
    title: 'backup copy kept zero days',
    set: plan({ copy_to: [{ destination_vault_arn: COPY_VAULT, delete_after_days: 0 }] }),
    names: ['backup_plan.copy_to[0]'],
    shows: ['"delete_after_days":0'],
    tsShows: ['deleteAfterDays: 0'],
  },
  {
    rule: 'backup-plan-copy-to-format',
    title: 'backup copy to a vault name',
    set: plan({ copy_to: [{ destination_vault_arn: COPY_VAULT }, { destination_vault_arn: 'efs-copies' }] }),
    names: ['backup_plan.copy_to[1]'],
    shows: ['"efs-copies"'],
  },
  {
    rule: 'backup-plan-copy-to-distinct',
    title: 'backup copied twice to one vault',
    set: plan({
      copy_to: [{ destination_vault_arn: COPY_VAULT }, { destination_vault_arn: COPY_VAULT, delete_after_days: 90 }],
    }),
    names: ['backup_plan.copy_to'],
    shows: [`["${COPY_VAULT}","${COPY_VAULT}"]`],
    tsShows: [`["${COPY_VAULT}", "${COPY_VAULT}"]`],
  },
  {
    rule: 'backup-plan-copy-to-distinct',
    title: 'backup copied to its own vault',
    set: {
      backup_plan: {
        vault_arn: COPY_VAULT,
        copy_to: [{ destination_vault_arn: COPY_VAULT }],
      },
    },
    names: ['backup_plan.copy_to', 'backup_plan.vault_arn'],
    shows: [`"${COPY_VAULT}"`],
  },
];
