/**
 * examples/efs-filesystem/backup-and-alarms, planned offline with the real AWS provider in HCL
 * and as its TypeScript twin: the backup plan and alarms the inputs ask for, only the alarms
 * that apply to each file system's modes, keys known although the topic, key and role ARNs
 * are not, and the construct planning the very same resources and values as the HCL module.
 */
import { NormalizedChange, normalizedChanges, planHclExample, planStack } from '../support/examples';
import { PlanJson, ResourceChange } from '../support/terraform';
import { doctorFindings } from '../support/doctor-clean';

let hcl: PlanJson;
let ts: PlanJson;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([
    planHclExample('efs-filesystem/backup-and-alarms'),
    planStack('efs-filesystem-backup-and-alarms'),
  ]);
});

const inModule = (p: PlanJson, module: string, type: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.address.startsWith(`module.${module}.`) && c.type === type);
const one = (p: PlanJson, module: string, type: string) => {
  const found = inModule(p, module, type);
  expect(found).toHaveLength(1);
  return found[0];
};

describe('backup_plan', () => {
  test('creates the vault, encrypted with a key not known yet', () => {
    const vault = one(hcl, 'shared', 'aws_backup_vault');
    expect(vault.index).toBe('vault');
    expect(vault.change.after).toMatchObject({ name: 'shared-efs' });
    expect(vault.change.after_unknown.kms_key_arn).toBe(true);
  });

  test('writes one rule with the schedule, windows, lifecycle and the copy to another Region', () => {
    const [rule] = one(hcl, 'shared', 'aws_backup_plan').change.after.rule;
    expect(rule).toMatchObject({
      rule_name: 'shared-efs',
      target_vault_name: 'shared-efs',
      schedule: 'cron(0 3 ? * * *)',
      start_window: 60,
      completion_window: 480,
      lifecycle: [expect.objectContaining({ cold_storage_after: 30, delete_after: 365 })],
      copy_action: [
        expect.objectContaining({
          destination_vault_arn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:efs-copies',
          lifecycle: [expect.objectContaining({ delete_after: 90 })],
        }),
      ],
    });
  });

  test('creates a role for AWS Backup with the managed backup and restore policies', () => {
    const role = one(hcl, 'shared', 'aws_iam_role');
    expect(JSON.parse(role.change.after.assume_role_policy).Statement[0].Principal).toEqual({
      Service: 'backup.amazonaws.com',
    });
    const attachments = inModule(hcl, 'shared', 'aws_iam_role_policy_attachment');
    expect(Object.fromEntries(attachments.map((a) => [a.index, a.change.after.policy_arn]))).toEqual({
      backup: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup',
      restores: 'arn:aws:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForRestores',
    });
  });

  test('selects the file system, whose ARN is not known yet', () => {
    const selection = one(hcl, 'shared', 'aws_backup_selection');
    expect(selection.change.after.name).toBe('shared-efs');
    expect(selection.change.after_unknown.resources).toBe(true);
  });

  test("uses an existing vault and the caller's role without creating either", () => {
    expect(inModule(hcl, 'scratch', 'aws_backup_vault')).toEqual([]);
    expect(inModule(hcl, 'scratch', 'aws_iam_role')).toEqual([]);
    expect(one(hcl, 'scratch', 'aws_backup_plan').change.after.rule[0].target_vault_name).toBe('central');
    expect(one(hcl, 'scratch', 'aws_backup_selection').change.after_unknown.iam_role_arn).toBe(true);
  });

  test('leaves the automatic backup as asked, beside the plan', () => {
    expect(one(hcl, 'shared', 'aws_efs_backup_policy').change.after.backup_policy).toEqual([{ status: 'DISABLED' }]);
    expect(one(hcl, 'scratch', 'aws_efs_backup_policy').change.after.backup_policy).toEqual([{ status: 'ENABLED' }]);
  });
});

describe('alarms', () => {
  const alarms = (module: string) => inModule(hcl, module, 'aws_cloudwatch_metric_alarm');
  const byKey = (module: string) => Object.fromEntries(alarms(module).map((a) => [a.index, a.change]));

  test('keys the alarms by name: all five where bursting General Purpose applies', () => {
    expect(
      alarms('shared')
        .map((a) => a.index)
        .sort(),
    ).toEqual([
      'burst_credit_balance',
      'client_connections',
      'percent_io_limit',
      'storage_growth',
      'throughput_utilization',
    ]);
  });

  test('creates no burst credit or I/O limit alarm for Max I/O with provisioned throughput, and none turned off', () => {
    expect(alarms('scratch').map((a) => a.index)).toEqual(['storage_growth']);
  });

  test('compares burst credits in bytes with a threshold given in GiB', () => {
    const { after } = byKey('shared').burst_credit_balance;
    expect(after).toMatchObject({
      comparison_operator: 'LessThanThreshold',
      threshold: 500 * 1073741824,
      evaluation_periods: 3,
    });
    expect(after.metric_query[0].metric[0]).toMatchObject({
      namespace: 'AWS/EFS',
      metric_name: 'BurstCreditBalance',
      stat: 'Minimum',
      period: 300,
    });
  });

  test('computes throughput utilisation with metric math over metered and permitted throughput', () => {
    const queries = byKey('shared').throughput_utilization.after.metric_query;
    expect(queries.map((q: { id: string }) => q.id).sort()).toEqual(['metered', 'permitted', 'utilization']);
    const math = queries.find((q: { id: string }) => q.id === 'utilization');
    expect(math).toMatchObject({
      expression: '100 * (metered / PERIOD(metered)) / permitted',
      return_data: true,
      metric: [],
    });
  });

  test('watches the growth of Total storage with the settings given', () => {
    const { after } = byKey('scratch').storage_growth;
    const stored = after.metric_query.find((q: { id: string }) => q.id === 'stored');
    expect(stored.metric[0]).toMatchObject({ metric_name: 'StorageBytes', period: 3600 });
    expect(after).toMatchObject({ threshold: 500, evaluation_periods: 6 });
  });

  test('treats missing client connection data as no clients', () => {
    expect(byKey('shared').client_connections.after).toMatchObject({
      treat_missing_data: 'breaching',
      threshold: 1,
      comparison_operator: 'LessThanThreshold',
    });
  });

  test('notifies the topic, not known yet, on alarm and on OK, with the file system as dimension', () => {
    for (const change of alarms('shared').map((a) => a.change)) {
      expect(change.after_unknown).toMatchObject({ alarm_actions: true, ok_actions: true });
      expect(
        change.after_unknown.metric_query.some(
          (q: { metric?: { dimensions?: boolean }[] }) => q.metric?.[0]?.dimensions === true,
        ),
      ).toBe(true);
    }
  });
});

describe('the TypeScript construct plans what the HCL module plans', () => {
  const types = (t: string) =>
    t.startsWith('aws_backup_') ||
    t === 'aws_cloudwatch_metric_alarm' ||
    t.startsWith('aws_iam_role') ||
    t.startsWith('aws_efs_');
  const compare = (): [NormalizedChange[], NormalizedChange[]] => [
    normalizedChanges(ts, types),
    normalizedChanges(hcl, types),
  ];

  test('same backup, alarm and file system resources, same planned values, same unknowns', () => {
    const [fromTs, fromHcl] = compare();
    expect(fromHcl.filter((c) => c.type === 'aws_cloudwatch_metric_alarm')).toHaveLength(6);
    expect(fromHcl.filter((c) => c.type.startsWith('aws_backup_'))).toHaveLength(5);
    expect(fromTs).toEqual(fromHcl);
  });
});

test.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('efs-modules doctor --strict passes the %s plan clean', (_how, plan) => {
  expect(doctorFindings(plan())).toEqual([]);
});
