/**
 * efs-filesystem `backup_plan`: an AWS Backup plan for the file system, declared once
 * (input, defaults, rules). The resources are in build-backup-plan.ts.
 *
 * AWS Backup facts behind the rules (AWS Backup API reference: BackupRuleInput, Lifecycle,
 * CopyAction; Terraform aws_backup_plan), in our words:
 * - A recovery point moved to cold storage stays there at least 90 days, so the retention
 *   (DeleteAfterDays) must be at least MoveToColdStorageAfterDays + 90. Retention is at most
 *   100 years (36500 days).
 * - StartWindowMinutes, when given, is at least 60; the completion window must end at least
 *   60 minutes after the start window does.
 * - ScheduleExpression is a cron expression in six fields, `cron(minutes hours day-of-month
 *   month day-of-week year)`, where exactly one of day-of-month and day-of-week is `?`;
 *   jobs may not run less than 60 minutes apart, so the minutes field is one number.
 * - Vault names are 2 to 50 letters, digits, `-` or `_`; a copy action names its destination by
 *   vault ARN, and a copy without a lifecycle keeps the source's.
 */
import {
  Expr,
  and,
  call,
  cond,
  eq,
  forEach,
  ge,
  get,
  inputReader,
  isNull,
  le,
  lit,
  name,
  ne,
  not,
  notNull,
  nullOr,
  show,
  template,
} from '../../core/expr';
import { doc, hclOnly, nm, val } from '../../core/doc';
import type { Rule } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { optional, t } from '../../core/types';

/** AWS Backup's own default schedule: every day at 05:00 UTC. */
export const DEFAULT_BACKUP_SCHEDULE = 'cron(0 5 ? * * *)';
const MAX_RETENTION_DAYS = 36500;
const COLD_STORAGE_MINIMUM_DAYS = 90;
const MIN_START_WINDOW = 60;
const MIN_WINDOW_GAP = 60;

const FIELD = '[0-9A-Za-z*?,/#-]+';
export const BACKUP_PATTERNS = {
  /** Six fields; the minutes one number, as jobs run at most once an hour. */
  cron: `^cron\\([0-5]?[0-9] ${FIELD} ${FIELD} ${FIELD} ${FIELD} ${FIELD}\\)$`,
  /** Exactly one of day-of-month (third field) and day-of-week (fifth) is `?`. */
  cronDays: `^cron\\(\\S+ \\S+ (\\? \\S+ [^?\\s]\\S*|[^?\\s]\\S* \\S+ \\?) \\S+\\)$`,
  vaultName: '^[A-Za-z0-9_-]{2,50}$',
  vaultArn: '^arn:aws[a-z-]*:backup:[a-z]{2}(-[a-z]+)+-[0-9]+:[0-9]{12}:backup-vault:[A-Za-z0-9_-]{2,50}$',
  roleArn: '^arn:aws[a-z-]*:iam::[0-9]{12}:role/[A-Za-z0-9+=,.@_/-]{1,512}$',
  kmsKeyArn: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$',
};

export const backupPlanInputs = defineInputs([
  {
    name: 'backup_plan',
    onChange:
      'Adding creates the plan, its selection, the role (unless `create_backup_role = false`) and the vault (with `vault_name`); ' +
      'schedule, windows, retention and copies update the plan in place; removing deletes them (AWS refuses to delete a vault that still holds recovery points); ' +
      'a new `vault_name` replaces the vault. The file system is never touched.',
    type: t.object(
      {
        schedule: optional(t.string(), DEFAULT_BACKUP_SCHEDULE),
        start_window_minutes: optional(t.number(), 60),
        completion_window_minutes: optional(t.number(), 1440),
        delete_after_days: optional(t.number(), 35),
        cold_storage_after_days: optional(t.number()),
        vault_name: optional(t.string()),
        vault_kms_key_arn: optional(t.string()),
        vault_arn: optional(t.string()),
        copy_to: optional(
          t.list(
            t.object({ destination_vault_arn: t.string(), delete_after_days: optional(t.number()) }, 'BackupCopy'),
          ),
          [],
        ),
        create_backup_role: optional(t.bool(), true),
        backup_role_arn: optional(t.string()),
      },
      'BackupPlan',
    ),
    description: doc.unset(
      'no backup plan',
    )`An AWS Backup plan for this file system${hclOnly('; null: none')}. ${nm('schedule')} is an AWS Backup cron expression in UTC (default ${val(DEFAULT_BACKUP_SCHEDULE)}, daily at 05:00); a job must start within ${nm('start_window_minutes')} (at least 60) and finish within ${nm('completion_window_minutes')} (at least 60 more). Recovery points are kept ${nm('delete_after_days')} (default 35) and may move to cold storage after ${nm('cold_storage_after_days')}, which then must be at least 90 days before deletion. Give ${nm('vault_name')} to create a vault (encrypted with ${nm('vault_kms_key_arn')} when set) or ${nm('vault_arn')} to use an existing one. ${nm('copy_to')} copies each recovery point to other vaults (other Regions or accounts), kept ${nm('delete_after_days')} there (left out: as long as the source). The module creates the role AWS Backup uses, with the AWS managed backup and restore policies, unless ${nm('create_backup_role')} is ${val(false)} and ${nm('backup_role_arn')} names your own. Independent of ${nm('backup_enabled')}: with both on, AWS keeps two sets of recovery points (the automatic daily ones in the default vault, and this plan's); set ${nm('backup_enabled')} to ${val(false)} when the plan replaces the automatic backup.`,
  },
]);

/** The input this file declares (part of `EfsFilesystemInput`). */
export type BackupPlanInput = InputName<typeof backupPlanInputs>;
const input = inputReader<BackupPlanInput>();
const plan = input('backup_plan');
const field = (f: string) => get(plan, f);
const isWhole = (x: Expr) => eq(call('floor', x), x);
const wholeIn = (x: Expr, min: number, max: number) => and(ge(x, lit(min)), le(x, lit(max)), isWhole(x));
/** A rule on the plan, which holds when there is no plan. */
const planRule = (id: string, summary: string, ok: Expr, message: Expr): Rule<BackupPlanInput> => ({
  id,
  inputs: ['backup_plan'],
  summary,
  condition: nullOr(plan, ok),
  // Terraform evaluates a validation's message even when its condition holds: read no field of a null plan.
  message: cond(isNull(plan), lit('backup_plan is null'), message),
});
const matches = (x: Expr, pattern: string) => call('matches', x, lit(pattern));
const copyOk = (c: Expr) =>
  and(
    matches(get(c, 'destination_vault_arn'), BACKUP_PATTERNS.vaultArn),
    nullOr(get(c, 'delete_after_days'), wholeIn(get(c, 'delete_after_days'), 1, MAX_RETENTION_DAYS)),
  );
const destinations = forEach(field('copy_to'), (_i, c) => get(c, 'destination_vault_arn'), undefined, ['i', 'c']);

export const backupPlanRules: Rule<BackupPlanInput>[] = [
  planRule(
    'backup-plan-schedule-format',
    'backup_plan.schedule is an AWS Backup cron expression of six fields, at most hourly',
    matches(field('schedule'), BACKUP_PATTERNS.cron),
    template`${name('backup_plan', 'schedule')} must be an AWS Backup cron expression, cron(minutes hours day-of-month month day-of-week year) such as "${lit(DEFAULT_BACKUP_SCHEDULE)}", with one number as minutes: AWS Backup starts jobs at least 60 minutes apart (got ${show(field('schedule'))}).`,
  ),
  planRule(
    'backup-plan-schedule-days',
    'backup_plan.schedule has `?` in exactly one of day-of-month and day-of-week',
    // Only judged once the format holds, so that one mistake gets one message.
    cond(
      matches(field('schedule'), BACKUP_PATTERNS.cron),
      matches(field('schedule'), BACKUP_PATTERNS.cronDays),
      lit(true),
    ),
    template`${name('backup_plan', 'schedule')} must have "?" in exactly one of day-of-month (third field) and day-of-week (fifth field), such as "cron(0 5 ? * * *)" or "cron(0 5 1 * ? *)" (got ${show(field('schedule'))}).`,
  ),
  planRule(
    'backup-plan-start-window',
    'backup_plan.start_window_minutes is a whole number of at least 60',
    wholeIn(field('start_window_minutes'), MIN_START_WINDOW, 52560000),
    template`${name('backup_plan', 'start_window_minutes')} must be a whole number of minutes from ${lit(MIN_START_WINDOW)} (AWS Backup's minimum) to 52560000 (got ${show(field('start_window_minutes'))}).`,
  ),
  planRule(
    'backup-plan-completion-window',
    'backup_plan.completion_window_minutes is whole and at least 60 more than the start window',
    and(
      ge(field('completion_window_minutes'), call('plus', field('start_window_minutes'), lit(MIN_WINDOW_GAP))),
      isWhole(field('completion_window_minutes')),
    ),
    template`${name('backup_plan', 'completion_window_minutes')} must be a whole number of minutes, at least ${lit(MIN_WINDOW_GAP)} more than ${name('backup_plan', 'start_window_minutes')} (got ${show(field('completion_window_minutes'))} with a start window of ${show(field('start_window_minutes'))}).`,
  ),
  planRule(
    'backup-plan-retention-range',
    `backup_plan.delete_after_days and cold_storage_after_days are whole numbers of days from 1 to ${MAX_RETENTION_DAYS}`,
    and(
      wholeIn(field('delete_after_days'), 1, MAX_RETENTION_DAYS),
      nullOr(field('cold_storage_after_days'), wholeIn(field('cold_storage_after_days'), 1, MAX_RETENTION_DAYS)),
    ),
    template`${name('backup_plan', 'delete_after_days')} and ${name('backup_plan', 'cold_storage_after_days')} must be whole numbers of days from 1 to ${lit(MAX_RETENTION_DAYS)} (got ${show(field('delete_after_days'))} and ${show(field('cold_storage_after_days'))}).`,
  ),
  planRule(
    'backup-plan-cold-storage-minimum',
    'recovery points stay in cold storage at least 90 days before deletion',
    nullOr(
      field('cold_storage_after_days'),
      ge(field('delete_after_days'), call('plus', field('cold_storage_after_days'), lit(COLD_STORAGE_MINIMUM_DAYS))),
    ),
    template`${name('backup_plan', 'delete_after_days')} must be at least ${name('backup_plan', 'cold_storage_after_days')} + ${lit(COLD_STORAGE_MINIMUM_DAYS)}: AWS Backup keeps a recovery point in cold storage at least ${lit(COLD_STORAGE_MINIMUM_DAYS)} days (got ${show(field('delete_after_days'))} and ${show(field('cold_storage_after_days'))}).`,
  ),
  planRule(
    'backup-plan-vault-choice',
    'backup_plan has exactly one of vault_name (a new vault) and vault_arn (an existing one)',
    ne(isNull(field('vault_name')), isNull(field('vault_arn'))),
    template`${name('backup_plan')} must have exactly one of ${name('backup_plan', 'vault_name')} (the module creates that vault) and ${name('backup_plan', 'vault_arn')} (an existing vault) (got ${show(field('vault_name'))} and ${show(field('vault_arn'))}).`,
  ),
  planRule(
    'backup-plan-vault-name-format',
    'backup_plan.vault_name, when set, is 2 to 50 letters, digits, `-` or `_`',
    nullOr(field('vault_name'), matches(field('vault_name'), BACKUP_PATTERNS.vaultName)),
    template`${name('backup_plan', 'vault_name')} must be 2 to 50 letters, digits, "-" or "_" (got ${show(field('vault_name'))}).`,
  ),
  planRule(
    'backup-plan-vault-arn-format',
    'backup_plan.vault_arn, when set, is a backup vault ARN',
    nullOr(field('vault_arn'), matches(field('vault_arn'), BACKUP_PATTERNS.vaultArn)),
    template`${name('backup_plan', 'vault_arn')} must be a backup vault ARN such as "arn:aws:backup:us-east-1:111122223333:backup-vault:efs" (got ${show(field('vault_arn'))}).`,
  ),
  planRule(
    'backup-plan-vault-kms-key',
    'backup_plan.vault_kms_key_arn, when set, is a KMS key ARN for a vault the module creates',
    nullOr(
      field('vault_kms_key_arn'),
      and(matches(field('vault_kms_key_arn'), BACKUP_PATTERNS.kmsKeyArn), notNull(field('vault_name'))),
    ),
    template`${name('backup_plan', 'vault_kms_key_arn')} must be a KMS key ARN such as "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", and only encrypts a vault the module creates (${name('backup_plan', 'vault_name')}) (got ${show(field('vault_kms_key_arn'))} with ${name('backup_plan', 'vault_name')} ${show(field('vault_name'))}).`,
  ),
  planRule(
    'backup-plan-role-choice',
    'backup_plan.backup_role_arn is given exactly when create_backup_role is false',
    ne(field('create_backup_role'), notNull(field('backup_role_arn'))),
    template`${name('backup_plan', 'backup_role_arn')} must be set when ${name('backup_plan', 'create_backup_role')} is false, and only then (got ${show(field('backup_role_arn'))} with ${name('backup_plan', 'create_backup_role')} ${show(field('create_backup_role'))}); the switch is separate so that whether the module creates a role never waits for an ARN known only after apply.`,
  ),
  planRule(
    'backup-plan-role-arn-format',
    'backup_plan.backup_role_arn, when set, is an IAM role ARN',
    nullOr(field('backup_role_arn'), matches(field('backup_role_arn'), BACKUP_PATTERNS.roleArn)),
    template`${name('backup_plan', 'backup_role_arn')} must be an IAM role ARN such as "arn:aws:iam::111122223333:role/backup" (got ${show(field('backup_role_arn'))}).`,
  ),
  planRule(
    'backup-plan-copy-to-format',
    'each backup_plan.copy_to entry names a backup vault ARN and keeps copies 1 to 36500 days',
    call(
      'alltrue',
      forEach(field('copy_to'), (_i, c) => copyOk(c), undefined, ['i', 'c']),
    ),
    call(
      'join',
      lit(' '),
      forEach(
        field('copy_to'),
        (i, c) =>
          template`${name('backup_plan', 'copy_to')}[${i}] must name a backup vault ARN such as "arn:aws:backup:us-west-2:111122223333:backup-vault:efs-copies" and keep copies a whole number of days from 1 to ${lit(MAX_RETENTION_DAYS)} (or none, to keep them as long as the source) (got ${show(c)}).`,
        (_i, c) => not(copyOk(c)),
        ['i', 'c'],
      ),
    ),
  ),
  planRule(
    'backup-plan-copy-to-distinct',
    "backup_plan.copy_to names each destination vault once, and not the plan's own vault",
    and(
      eq(call('length', call('distinct', destinations)), call('length', destinations)),
      nullOr(field('vault_arn'), not(call('contains', destinations, field('vault_arn')))),
    ),
    template`${name('backup_plan', 'copy_to')} must name each destination vault once, and not the vault the plan backs up to (got ${show(destinations)} with ${name('backup_plan', 'vault_arn')} ${show(field('vault_arn'))}).`,
  ),
];
