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
import { hclObject } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';
import { explainArgument } from '../../core/hcl-comments';

/** AWS managed policies for the role AWS Backup assumes, keyed by what they let it do. */
const BACKUP_POLICIES = {
  backup: 'AWSBackupServiceRolePolicyForBackup',
  restores: 'AWSBackupServiceRolePolicyForRestores',
};

/** One entry, `plan`, while `backup_plan` is set: the for_each of the plan and the selection. */
const onePlan = (plan: string) => `${plan} == null ? {} : { plan = ${plan} }`;

/** What every part reads: the build, `backup_plan` as an expression, the tags and the names' stem. */
interface BackupParts {
  readonly ctx: BuildContext<EfsFilesystemInput>;
  readonly plan: string;
  readonly tags: Record<string, string>;
  /** Backup plan, rule and selection names allow 50 characters: the first 46 of `name`, then `-efs`. */
  readonly shortName: string;
}

export function buildBackupPlan(ctx: BuildContext<EfsFilesystemInput>, fileSystem: { arn: string }): void {
  const { in: v } = ctx;
  const parts: BackupParts = {
    ctx,
    plan: v('backup_plan'),
    tags: stringMap(ex(v('tags'))),
    shortName: `\${substr(${v('name')}, 0, 46)}-efs`,
  };
  const vault = buildVault(parts);
  const role = buildRole(parts);
  const plan = buildPlan(parts, vault);
  buildSelection(parts, plan, role, fileSystem);
}

/** The vault the module creates when `backup_plan.vault_name` is given. */
function buildVault({ ctx, plan, tags }: BackupParts): BackupVault {
  return ctx.named(
    new BackupVault(ctx.scope, 'backup_vault', {
      forEach: forEachOf(ex(`${plan} == null ? {} : ${plan}.vault_name == null ? {} : { vault = ${plan} }`)),
      name: ex('each.value.vault_name'),
      kmsKeyArn: ex('each.value.vault_kms_key_arn'),
      tags,
    }),
    'this',
  );
}

/** The role AWS Backup assumes, with the AWS managed policies, unless `create_backup_role` is false. */
function buildRole({ ctx, plan, tags }: BackupParts): IamRole {
  const { scope, in: v } = ctx;
  const roleWanted = `${plan} == null ? {} : ${plan}.create_backup_role ? { backup = ${plan} } : {}`;
  const partition = ctx.named(
    new DataAwsPartition(scope, 'partition', { forEach: forEachOf(ex(roleWanted)) }),
    'current',
  );
  const role = ctx.named(
    new IamRole(scope, 'backup_role', {
      forEach: forEachOf(ex(roleWanted)),
      namePrefix: ex(`"\${substr(${v('name')}, 0, 25)}-backup-"`),
      description: 'Assumed by AWS Backup to back up and restore the EFS file system',
      assumeRolePolicy: ex(
        `jsonencode(${hclObject({
          Version: '"2012-10-17"',
          Statement: `[${hclObject({ Effect: '"Allow"', Action: '"sts:AssumeRole"', Principal: '{ Service = "backup.amazonaws.com" }' })}]`,
        })})`,
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
  const policies = Object.entries(BACKUP_POLICIES)
    .map(([key, policy]) => `${key} = "${policy}"`)
    .join(', ');
  ctx.named(
    new IamRolePolicyAttachment(scope, 'backup_role_policy', {
      forEach: forEachOf(ex(`${plan} == null ? {} : ${plan}.create_backup_role ? { ${policies} } : {}`)),
      role: ex(`${ctx.address(role)}["backup"].name`),
      policyArn: ex(
        `"arn:\${data.aws_partition.${partition.friendlyUniqueId}["backup"].partition}:iam::aws:policy/service-role/\${each.value}"`,
      ),
    }),
    'backup',
  );
  return role;
}

/** The plan and its one rule: schedule, windows, retention and copies, into the module's vault or the given one. */
function buildPlan({ ctx, plan, tags, shortName }: BackupParts, vault: BackupVault): BackupPlan {
  const { scope } = ctx;
  const backupPlan = ctx.named(
    new BackupPlan(scope, 'backup_plan', {
      forEach: forEachOf(ex(onePlan(plan))),
      name: ex(`"${shortName}"`),
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
  const targetVault = `each.value.vault_name != null ? ${ctx.address(vault)}["vault"].name : split(":", each.value.vault_arn)[6]`;
  setBlocks(backupPlan, 'rule', [
    {
      rule_name: ex(`"${shortName}"`),
      target_vault_name: ex(targetVault),
      schedule: ex('each.value.schedule'),
      start_window: ex('each.value.start_window_minutes'),
      completion_window: ex('each.value.completion_window_minutes'),
      lifecycle: {
        cold_storage_after: ex('each.value.cold_storage_after_days'),
        delete_after: ex('each.value.delete_after_days'),
      },
      dynamic: {
        copy_action: {
          for_each: ex('each.value.copy_to'),
          content: {
            destination_vault_arn: ex('copy_action.value.destination_vault_arn'),
            dynamic: {
              lifecycle: {
                for_each: ex(
                  'copy_action.value.delete_after_days == null ? [] : [copy_action.value.delete_after_days]',
                ),
                content: { delete_after: ex('lifecycle.value') },
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
  { ctx, plan, shortName }: BackupParts,
  backupPlan: BackupPlan,
  role: IamRole,
  fileSystem: { arn: string },
): void {
  ctx.named(
    new BackupSelection(ctx.scope, 'backup_selection', {
      forEach: forEachOf(ex(onePlan(plan))),
      name: ex(`"${shortName}"`),
      planId: ex(`${ctx.address(backupPlan)}["plan"].id`),
      iamRoleArn: ex(`each.value.create_backup_role ? ${ctx.address(role)}["backup"].arn : each.value.backup_role_arn`),
      resources: [fileSystem.arn],
    }),
    'this',
  );
}
