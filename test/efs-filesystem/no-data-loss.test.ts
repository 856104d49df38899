/**
 * Nothing lost by surprise, proven with the real AWS provider: each case below is planned
 * with `terraform plan -refresh=false` against a state in which the module was applied with
 * the base inputs. One root module holds one module instance per case, so one plan covers them.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { attr, blank, renderBlock } from '../../src/core/hcl-writer';
import { ROOT } from '../support/examples';
import { OFFLINE_PLAN_ARGS, plannedPolicies } from '../support/prepared-root';
import { Statement, decide } from '../support/policy';
import { awsSchema, patchState, stateFromPlan } from '../support/state';
import { PlanJson, ResourceChange, init, plan, providerOverride, stage, terraform } from '../support/terraform';
import { hclKey, hclLiteral } from '../../src/core/hcl-values';

interface PlannedModule {
  address: string;
  resources: { type: string; values: { json?: string } & Record<string, unknown> }[];
}

const BASE: Record<string, unknown> = {
  name: 'keep',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' }, b: { subnet_id: 'subnet-0123456789abcdef1' } },
  access_points: {
    app: { root_directory: '/app', posix_user: { uid: 1000, gid: 1000 } },
    logs: { root_directory: '/logs', posix_user: { uid: 1001, gid: 1001 } },
  },
  allowed_security_groups: { app: 'sg-0123456789abcdef0' },
  tags: { env: 'test' },
};

/** Changes to mutable inputs: each must update in place or add/remove only what it names. */
const MUTABLE: Record<string, Record<string, unknown>> = {
  unchanged: {},
  throughput_to_provisioned: { throughput_mode: 'provisioned', provisioned_throughput_in_mibps: 128 },
  throughput_to_bursting: { throughput_mode: 'bursting' },
  lifecycle_sooner: { lifecycle_policy: { transition_to_ia: 'AFTER_7_DAYS' } },
  lifecycle_off: { lifecycle_policy: {} },
  backup_off: { backup_enabled: false },
  tls_preset_off: { enforce_tls: false },
  deny_root_preset: { deny_root_access: true },
  read_only_preset: { read_only: true },
  access_point_preset: { enforce_access_point: true },
  extra_statement: {
    policy_statements: [
      {
        sid: 'NoWriteFromOutside',
        effect: 'Deny',
        actions: ['elasticfilesystem:ClientWrite'],
        conditions: [{ test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['false'] }],
      },
    ],
  },
  allowed_groups_added: { allowed_security_groups: { app: 'sg-0123456789abcdef0', batch: 'sg-0123456789abcdef1' } },
  allowed_cidr_added: { allowed_cidrs: { office: '10.0.0.0/16' } },
  tags_changed: { tags: { env: 'prod', team: 'storage' } },
  mount_target_added: {
    mount_targets: { ...(BASE.mount_targets as object), c: { subnet_id: 'subnet-0123456789abcdef2' } },
  },
  mount_target_removed: { mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } } },
  mount_targets_reordered: {
    mount_targets: { b: { subnet_id: 'subnet-0123456789abcdef1' }, a: { subnet_id: 'subnet-0123456789abcdef0' } },
  },
  access_point_added: {
    access_points: {
      ...(BASE.access_points as object),
      ops: { root_directory: '/ops', posix_user: { uid: 1002, gid: 1002 } },
    },
  },
  access_point_removed: { access_points: { app: { root_directory: '/app', posix_user: { uid: 1000, gid: 1000 } } } },
  backup_plan_added: { backup_plan: { vault_name: 'keep-efs' } },
  alarms_added: { alarms: {} },
  nfs_from_self_off: { allow_nfs_from_self: false },
  client_egress_off: { client_egress_rules: false },
  revoke_rules_on: { security_group_revoke_rules_on_delete: true },
  source_document_added: {
    source_policy_documents: [
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Describe',
            Effect: 'Allow',
            Action: 'elasticfilesystem:DescribeMountTargets',
            Principal: { AWS: '*' },
            Resource: '*',
          },
        ],
      }),
    ],
  },
  renamed: { name: 'kept' },
};

/** Changes that would replace the file system: refused unless allowed. */
const IMMUTABLE: Record<string, Record<string, unknown>> = {
  performance_mode: { performance_mode: 'maxIO', throughput_mode: 'bursting' },
  encrypted: { encrypted: false },
  kms_key_arn: { kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
  availability_zone_name: {
    availability_zone_name: 'us-east-1a',
    mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } },
  },
};

function root(
  cases: Record<string, Record<string, unknown>>,
  inputs: (name: string) => Record<string, unknown>,
): string {
  return Object.keys(cases)
    .map((name) =>
      renderBlock(`module ${JSON.stringify(name)}`, [
        attr('source', '"../modules/efs-filesystem"'),
        blank,
        ...Object.entries(inputs(name)).map(([k, v]) => attr(hclKey(k), hclLiteral(v))),
      ]),
    )
    .join('\n\n');
}

/** Stages a root with one instance per case, planned for creation with the base inputs. */
async function stagedRoot(cases: Record<string, Record<string, unknown>>): Promise<{ dir: string; created: PlanJson }> {
  const top = stage(ROOT, ['modules/efs-filesystem'], { 'root/provider.tf': providerOverride() });
  const dir = join(top, 'root');
  writeFileSync(
    join(dir, 'main.tf'),
    root(cases, () => BASE),
  );
  await init(dir);
  return { dir, created: await plan(dir) };
}

/** Writes the state of the creation plan as applied, then the cases' inputs into the root. */
async function applyAsState(
  { dir, created }: { dir: string; created: PlanJson },
  cases: Record<string, Record<string, unknown>>,
  schema: Awaited<ReturnType<typeof awsSchema>>,
  settle: boolean,
): Promise<string> {
  const state = stateFromPlan(created, schema);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  if (settle) {
    // The policy JSON holds the file system's ARN, unknown when it was created: record it as applied.
    const documents = plannedPolicies(await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS }));
    writeFileSync(
      join(dir, 'terraform.tfstate'),
      JSON.stringify(patchState(state, 'aws_efs_file_system_policy', 'policy', (m) => documents.get(m) ?? null)),
    );
  }
  writeFileSync(
    join(dir, 'main.tf'),
    root(cases, (name) => ({ ...BASE, ...cases[name] })),
  );
  return dir;
}

const changesOf = (p: PlanJson, name: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter(
    (c) => c.module_address === `module.${name}` && c.mode === 'managed' && c.change.actions.join() !== 'no-op',
  );
const summary = (p: PlanJson, name: string) =>
  changesOf(p, name)
    .map((c) => `${c.change.actions.join('+')} ${c.address.replace(`module.${name}.`, '')}`)
    .sort();

// Four plans of twenty module instances each: minutes on a loaded machine.
jest.setTimeout(900_000);

const ALLOWED = { allowed: { ...IMMUTABLE.performance_mode, allow_file_system_replacement: true } };
let mutable: PlanJson;
let refused = '';

beforeAll(async () => {
  const [mutableRoot, refusedRoot] = await Promise.all([stagedRoot({ ...MUTABLE, ...ALLOWED }), stagedRoot(IMMUTABLE)]);
  const schema = await awsSchema(mutableRoot.dir);
  const [mutableDir, refusedDir] = await Promise.all([
    applyAsState(mutableRoot, { ...MUTABLE, ...ALLOWED }, schema, true),
    // This plan must fail whatever the policy says: no need to settle it.
    applyAsState(refusedRoot, IMMUTABLE, schema, false),
  ]);
  const args = ['-refresh=false', '-lock=false'];
  const [planned, failed] = await Promise.all([
    plan(mutableDir, { extraArgs: args }),
    terraform(refusedDir, ['plan', '-no-color', '-input=false', ...args], { allowFailure: true }),
  ]);
  mutable = planned;
  expect(failed.exitCode).toBe(1);
  refused = failed.stderr.replace(/│ ?/g, '').replace(/\s+/g, ' ');
}, 600_000); // two roots of many module instances, planned three times each, on a shared machine

test('the prepared state matches the base inputs: planning them again changes nothing', () => {
  expect(summary(mutable, 'unchanged')).toEqual([]);
});

describe('mutable inputs update in place and never replace anything', () => {
  // The policy document does not read the file system (see build-policy.ts): a pending update of
  // the file system leaves the policy as it is, instead of showing it as known after apply.
  const fileSystemUpdate = ['update aws_efs_file_system.this'];
  const expected: Record<string, string[]> = {
    throughput_to_provisioned: fileSystemUpdate,
    throughput_to_bursting: fileSystemUpdate,
    lifecycle_sooner: fileSystemUpdate,
    lifecycle_off: fileSystemUpdate,
    backup_off: ['update aws_efs_backup_policy.this'],
    tls_preset_off: ['update aws_efs_file_system_policy.this'],
    deny_root_preset: ['update aws_efs_file_system_policy.this'],
    read_only_preset: ['update aws_efs_file_system_policy.this'],
    access_point_preset: ['update aws_efs_file_system_policy.this'],
    extra_statement: ['update aws_efs_file_system_policy.this'],
    allowed_groups_added: [
      'create aws_vpc_security_group_egress_rule.nfs_to_file_system["batch"]',
      'create aws_vpc_security_group_ingress_rule.nfs_from_security_groups["batch"]',
    ],
    allowed_cidr_added: ['create aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"]'],
    backup_plan_added: [
      'create aws_backup_plan.this["plan"]',
      'create aws_backup_selection.this["plan"]',
      'create aws_backup_vault.this["vault"]',
      'create aws_iam_role.backup["backup"]',
      'create aws_iam_role_policy_attachment.backup["backup"]',
      'create aws_iam_role_policy_attachment.backup["restores"]',
    ],
    // Elastic throughput, General Purpose (the base): no burst credit alarm; client connections is off by default.
    nfs_from_self_off: ['delete aws_vpc_security_group_ingress_rule.nfs_from_self[0]'],
    client_egress_off: ['delete aws_vpc_security_group_egress_rule.nfs_to_file_system["app"]'],
    revoke_rules_on: ['update aws_security_group.this[0]'],
    source_document_added: ['update aws_efs_file_system_policy.this'],
    alarms_added: [
      'create aws_cloudwatch_metric_alarm.this["percent_io_limit"]',
      'create aws_cloudwatch_metric_alarm.this["storage_growth"]',
      'create aws_cloudwatch_metric_alarm.this["throughput_utilization"]',
    ],
  };
  test.each(Object.entries(expected))('%s', (name, changes) => {
    expect(summary(mutable, name)).toEqual(changes);
  });

  test('tags_changed: every tagged resource updates in place', () => {
    const actions = changesOf(mutable, 'tags_changed').map((c) => c.change.actions.join());
    expect(actions.length).toBeGreaterThan(5);
    expect(new Set(actions)).toEqual(new Set(['update']));
    // The policy has no tags: its text stays as it is.
    expect(summary(mutable, 'tags_changed')).not.toContain('update aws_efs_file_system_policy.this');
  });

  test('renamed: tags and rule descriptions update in place; the group keeps its name; nothing is replaced', () => {
    const changes = changesOf(mutable, 'renamed');
    expect(changes.length).toBeGreaterThan(3);
    expect(new Set(changes.map((c) => c.change.actions.join()))).toEqual(new Set(['update']));
    const group = changes.find((c) => c.type === 'aws_security_group')!;
    expect((group.change.after as { name_prefix: string }).name_prefix).toBe('keep-efs-');
    expect(summary(mutable, 'renamed')).not.toContain('update aws_efs_file_system_policy.this');
  });

  test('every policy in the plan is known at plan time: none is re-written as known after apply', () => {
    const unknownPolicies = (mutable.resource_changes ?? [])
      .filter((c) => c.type === 'aws_efs_file_system_policy' && c.module_address !== 'module.allowed')
      .filter((c) => (c.change.after_unknown as Record<string, unknown> | undefined)?.policy === true)
      .map((c) => c.address);
    expect(unknownPolicies).toEqual([]);
  });
});

describe('mount targets and access points: only the entries that change are touched', () => {
  test.each([
    ['mount_target_added', ['create aws_efs_mount_target.this["c"]']],
    ['mount_target_removed', ['delete aws_efs_mount_target.this["b"]']],
    ['mount_targets_reordered', []],
    ['access_point_added', ['create aws_efs_access_point.this["ops"]']],
    ['access_point_removed', ['delete aws_efs_access_point.this["logs"]']],
  ])('%s', (name, changes) => {
    expect(summary(mutable, name)).toEqual(changes);
  });
});

describe('settings that replace the file system are refused at plan time', () => {
  test.each(Object.keys(IMMUTABLE))('%s', (input) => {
    const before = {
      encrypted: true,
      kms_key_arn: null,
      performance_mode: 'generalPurpose',
      availability_zone_name: null,
      creation_token: null,
    };
    const after: Record<string, unknown> = {
      ...before,
      ...Object.fromEntries(Object.entries(IMMUTABLE[input]).filter(([k]) => k in before)),
    };
    const asked = Object.keys(before)
      .map((k) => `${k} = ${JSON.stringify(after[k])}`)
      .join(', ');
    expect(refused).toContain(
      'allow_file_system_replacement is false, and this plan would replace the file system "keep" and destroy its data: ' +
        'encrypted, kms_key_arn, performance_mode, availability_zone_name and creation_token cannot change on an existing file system ' +
        `(the configuration asks for ${asked})`,
    );
  });

  test('with allow_file_system_replacement = true the file system is replaced', () => {
    // create+delete: access points are replaced create-before-destroy, which Terraform extends to
    // what they depend on, the file system included (the new one is created before the old goes).
    expect(summary(mutable, 'allowed')).toContain('create+delete aws_efs_file_system.this');
  });
});

describe('policy presets, on the policy document the plan computes', () => {
  const planned = (name: string, type: string): Record<string, unknown> => {
    const modules = (mutable.planned_values as unknown as { root_module: { child_modules: PlannedModule[] } })
      .root_module.child_modules;
    return modules.find((m) => m.address === `module.${name}`)!.resources.find((r) => r.type === type)!.values;
  };
  const policyOf = (name: string): Statement[] =>
    JSON.parse(planned(name, 'aws_efs_file_system_policy').policy as string).Statement as Statement[];
  const AP = 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0';
  /** What an efs-mount-* grantee sends: TLS, through a mount target and an access point. */
  const grantee = (action: string) => ({
    action: `elasticfilesystem:${action}`,
    context: {
      'aws:SecureTransport': 'true',
      'elasticfilesystem:AccessedViaMountTarget': 'true',
      'elasticfilesystem:AccessPointArn': AP,
    },
  });

  test.each([
    ['unchanged', ['AllowClientAccessThroughMountTargets', 'DenyUnencryptedTransport']],
    ['tls_preset_off', ['AllowClientAccessThroughMountTargets']],
    ['deny_root_preset', ['AllowClientAccessThroughMountTargets', 'DenyUnencryptedTransport', 'DenyRootAccess']],
    ['read_only_preset', ['AllowClientAccessThroughMountTargets', 'DenyUnencryptedTransport', 'DenyWrite']],
    [
      'access_point_preset',
      ['AllowClientAccessThroughMountTargets', 'DenyUnencryptedTransport', 'DenyAccessWithoutAccessPoint'],
    ],
    ['extra_statement', ['AllowClientAccessThroughMountTargets', 'DenyUnencryptedTransport', 'NoWriteFromOutside']],
  ])('%s writes its statements in order', (name, sids) => {
    expect(policyOf(name).map((st) => st.Sid)).toEqual(sids);
  });

  test.each([
    'unchanged',
    'tls_preset_off',
    'deny_root_preset',
    'read_only_preset',
    'access_point_preset',
    'extra_statement',
  ])('%s: a grantee mounting with TLS through an access point keeps ClientMount', (name) => {
    expect(decide(policyOf(name), grantee('ClientMount'))).toBe('allow');
  });

  test('each preset denies exactly what it names', () => {
    expect(
      decide(policyOf('unchanged'), {
        ...grantee('ClientMount'),
        context: { ...grantee('ClientMount').context, 'aws:SecureTransport': 'false' },
      }),
    ).toBe('deny');
    expect(decide(policyOf('read_only_preset'), grantee('ClientWrite'))).toBe('deny');
    expect(decide(policyOf('unchanged'), grantee('ClientWrite'))).toBe('allow');
    expect(decide(policyOf('deny_root_preset'), grantee('ClientRootAccess'))).toBe('deny');
    expect(decide(policyOf('unchanged'), grantee('ClientRootAccess'))).toBe('allow');
    const { 'elasticfilesystem:AccessPointArn': _ap, ...withoutAccessPoint } = grantee('ClientMount').context;
    expect(
      decide(policyOf('access_point_preset'), { action: 'elasticfilesystem:ClientMount', context: withoutAccessPoint }),
    ).toBe('deny');
    expect(
      decide(policyOf('unchanged'), { action: 'elasticfilesystem:ClientMount', context: withoutAccessPoint }),
    ).toBe('allow');
  });

  test('every statement applies to this file system only', () => {
    const arn = planned('unchanged', 'aws_efs_file_system').arn;
    expect(policyOf('unchanged').every((st) => (st as unknown as { Resource: string }).Resource === arn)).toBe(true);
  });
});
