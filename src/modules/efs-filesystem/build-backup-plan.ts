/**
 * efs-filesystem `backup_plan`: vault, role, plan and the selection of this file system.
 * Input and rules: spec-backup-plan.ts.
 *
 * Whether each resource exists is decided by values known at plan time: `backup_plan` being
 * set, `vault_name` (a name the user writes) and `create_backup_role` (a switch), never by an
 * ARN that may only be known after apply. Each reads its inputs through `each.value` of a
 * for_each over at most one entry (see docs/design/build.md).
 */
import { BackupPlan } from '@cdktf/provider-aws/lib/backup-plan';
import { BackupSelection } from '@cdktf/provider-aws/lib/backup-selection';
import { BackupVault } from '@cdktf/provider-aws/lib/backup-vault';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { forEachOf, setBlocks, stringMap } from '../../core/blocks';
import {
  type FieldName,
  type Val,
  at,
  call,
  eachOf,
  get,
  cond,
  isNull,
  iteratorOf,
  list,
  lit,
  notNull,
  obj,
  template,
  oneIfSet,
} from '../../core/expr';
import type { EfsFilesystemContext, EfsFilesystemValues } from './spec';
import { explainArgument } from '../../core/hcl-comments';

/** AWS managed policies for the role AWS Backup assumes, keyed by what they let it do. */
const BACKUP_POLICIES = {
  backup: 'AWSBackupServiceRolePolicyForBackup',
  restores: 'AWSBackupServiceRolePolicyForRestores',
};

type Plan = Val<EfsFilesystemValues['backup_plan']>;

/** `{ <key> = backup_plan }` while `backup_plan` is set and `when` holds, else `{}`: a for_each of one entry. */
const planAs = (plan: Plan, key: string, when?: (plan: Plan) => Val) =>
  cond(isNull(plan), obj({}), when ? cond(when(plan), obj({ [key]: plan }), obj({})) : obj({ [key]: plan }));

/** What every part reads: the build, `backup_plan` as an expression, the tags and the names' stem. */
interface BackupParts {
  readonly ctx: EfsFilesystemContext;
  readonly plan: Plan;
  /** `{ plan = backup_plan }`, or `{}` without one: the for_each of the plan and the selection. */
  readonly onePlan: ReturnType<typeof planAs>;
  readonly tags: Record<string, string>;
  /** Backup plan, rule and selection names allow 50 characters: the first 46 of `name`, then `-efs`. */
  readonly shortName: Val;
}

export function buildBackupPlan(ctx: EfsFilesystemContext, fileSystem: { arn: string }): void {
  const { input: v } = ctx;
  const plan = v('backup_plan');
  const parts: BackupParts = {
    ctx,
    plan,
    onePlan: planAs(plan, 'plan'),
    tags: stringMap(ctx.tf(v('tags'))),
    shortName: template`${call('substr', v('name'), lit(0), lit(46))}-efs`,
  };
  const vault = buildVault(parts);
  const role = buildRole(parts);
  const backupPlan = buildPlan(parts, vault);
  buildSelection(parts, backupPlan, role, fileSystem);
}

/** The vault the module creates when `backup_plan.vault_name` is given. */
function buildVault({ ctx, plan, tags }: BackupParts): BackupVault {
  const vaults = planAs(plan, 'vault', (p) => notNull(get(p, 'vault_name')));
  const vault = eachOf(vaults).value;
  return ctx.named(
    new BackupVault(ctx.scope, 'backup_vault', {
      forEach: forEachOf(ctx.tf(vaults)),
      name: ctx.tf(get(vault, 'vault_name')),
      kmsKeyArn: ctx.tf(get(vault, 'vault_kms_key_arn')),
      tags,
    }),
    'this',
  );
}

/** The role AWS Backup assumes, with the AWS managed policies, unless `create_backup_role` is false. */
function buildRole({ ctx, plan, tags }: BackupParts): IamRole {
  const { scope, input: v } = ctx;
  const roleWanted = planAs(plan, 'backup', (p) => get(p, 'create_backup_role'));
  const partition = ctx.named(
    new DataAwsPartition(scope, 'partition', { forEach: forEachOf(ctx.tf(roleWanted)) }),
    'current',
  );
  const role = ctx.named(
    new IamRole(scope, 'backup_role', {
      forEach: forEachOf(ctx.tf(roleWanted)),
      namePrefix: ctx.tf(template`${call('substr', v('name'), lit(0), lit(25))}-backup-`),
      description: 'Assumed by AWS Backup to back up and restore the EFS file system',
      assumeRolePolicy: ctx.tf(
        call(
          'jsonencode',
          obj({
            Version: lit('2012-10-17'),
            Statement: list(
              obj({
                Effect: lit('Allow'),
                Action: lit('sts:AssumeRole'),
                Principal: obj({ Service: lit('backup.amazonaws.com') }),
              }),
            ),
          }),
        ),
      ),
      tags,
    }),
    'backup',
  );
  ctx.explain(
    role,
    'Created only when backup_plan.create_backup_role is true, a plain bool: whether the role exists never waits ' +
      'for an ARN known after apply. name_prefix allows 38 characters, so it keeps the first 25 of name.',
  );
  const policies = cond(isNull(plan), obj({}), cond(get(plan, 'create_backup_role'), lit(BACKUP_POLICIES), obj({})));
  const partitionName = get(at(ctx.ref(partition), 'backup'), 'partition');
  ctx.named(
    new IamRolePolicyAttachment(scope, 'backup_role_policy', {
      forEach: forEachOf(ctx.tf(policies)),
      role: ctx.tf(get(at(ctx.ref(role), 'backup'), 'name')),
      policyArn: ctx.tf(template`arn:${partitionName}:iam::aws:policy/service-role/${eachOf(policies).value}`),
    }),
    'backup',
  );
  return role;
}

/** The plan and its one rule: schedule, windows, retention and copies, into the module's vault or the given one. */
function buildPlan({ ctx, onePlan, tags, shortName }: BackupParts, vault: BackupVault): BackupPlan {
  const { scope } = ctx;
  const backupPlan = ctx.named(
    new BackupPlan(scope, 'backup_plan', {
      forEach: forEachOf(ctx.tf(onePlan)),
      name: ctx.tf(shortName),
      rule: [],
      tags,
    }),
    'this',
  );
  ctx.explain(
    backupPlan,
    'Backup plan, rule and selection names allow 50 characters and name allows 64, so they keep its first 46. ' +
      'The rule writes to the vault the module creates, or to the vault named inside backup_plan.vault_arn ' +
      '(arn:partition:backup:region:account:backup-vault:NAME).',
  );
  explainArgument(backupPlan, 'rule.copy_action.lifecycle', "Without a lifecycle the copy keeps the source's.");
  const settings = eachOf(onePlan).value;
  const setting = <K extends FieldName<EfsFilesystemValues['backup_plan']>>(name: K) => get(settings, name);
  const targetVault = cond(
    notNull(setting('vault_name')),
    get(at(ctx.ref(vault), 'vault'), 'name'),
    at(call('split', lit(':'), setting('vault_arn')), 6),
  );
  const copy = iteratorOf('copy_action', setting('copy_to')).value;
  const copyLifecycles = oneIfSet(get(copy, 'delete_after_days'));
  setBlocks(backupPlan, 'rule', [
    {
      rule_name: ctx.tf(shortName),
      target_vault_name: ctx.tf(targetVault),
      schedule: ctx.tf(setting('schedule')),
      start_window: ctx.tf(setting('start_window_minutes')),
      completion_window: ctx.tf(setting('completion_window_minutes')),
      lifecycle: {
        cold_storage_after: ctx.tf(setting('cold_storage_after_days')),
        delete_after: ctx.tf(setting('delete_after_days')),
      },
      dynamic: {
        copy_action: {
          for_each: ctx.tf(setting('copy_to')),
          content: {
            destination_vault_arn: ctx.tf(get(copy, 'destination_vault_arn')),
            dynamic: {
              lifecycle: {
                for_each: ctx.tf(copyLifecycles),
                content: { delete_after: ctx.tf(iteratorOf('lifecycle', copyLifecycles).value) },
              },
            },
          },
        },
      },
    },
  ]);
  return backupPlan;
}

/** The selection that puts this file system in the plan, with the role the module made or the one given. */
function buildSelection(
  { ctx, onePlan, shortName }: BackupParts,
  backupPlan: BackupPlan,
  role: IamRole,
  fileSystem: { arn: string },
): void {
  const settings = eachOf(onePlan).value;
  ctx.named(
    new BackupSelection(ctx.scope, 'backup_selection', {
      forEach: forEachOf(ctx.tf(onePlan)),
      name: ctx.tf(shortName),
      planId: ctx.tf(get(at(ctx.ref(backupPlan), 'plan'), 'id')),
      iamRoleArn: ctx.tf(
        cond(
          get(settings, 'create_backup_role'),
          get(at(ctx.ref(role), 'backup'), 'arn'),
          get(settings, 'backup_role_arn'),
        ),
      ),
      resources: [fileSystem.arn],
    }),
    'this',
  );
}
