/**
 * examples/complete, planned offline in HCL and as its TypeScript twin (the `complete` stack of
 * main.ts): one file system serving two Lambda functions and one ECS service whose task mounts
 * two volumes, every mount through its own access point. Several mounts of one file system,
 * several volumes in one task, roles and groups unknown at plan time.
 */
import { diagnose, parsePlan } from '../../src/doctor';
import { PlannedExample, changes, node, only, planHcl, planTs, samePlans, waitsFor } from '../support/mounts/examples';

let hcl: PlannedExample;
let ts: PlannedExample;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([planHcl('complete'), planTs('complete')]);
});

const MOUNT = 'elasticfilesystem:ClientMount';
const WRITE = 'elasticfilesystem:ClientWrite';

describe.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('examples/complete in %s', (_how, example) => {
  test('has one file system with two mount targets and four access points, each created owned by its user', () => {
    const p = example().plan;
    expect(changes(p, 'aws_efs_file_system')).toHaveLength(1);
    expect(changes(p, 'aws_efs_mount_target')).toHaveLength(2);
    const roots = changes(p, 'aws_efs_access_point').map((c) => {
      const [root] = c.change.after.root_directory;
      return `${root.path} ${root.creation_info[0].owner_uid}:${root.creation_info[0].owner_gid} ${c.change.after.posix_user[0].uid}`;
    });
    expect(roots.sort()).toEqual([
      '/ingest 1000:1000 1000',
      '/ingest 1000:1000 1000',
      '/reports 2000:2000 2000',
      '/reports 2000:2000 2000',
    ]);
  });

  test('mounts each function at its own path, after the mount targets', () => {
    const p = example().plan;
    const functions = changes(p, 'aws_lambda_function');
    expect(functions.map((f) => f.change.after.file_system_config[0].local_mount_path).sort()).toEqual([
      '/mnt/ingest',
      '/mnt/reports',
    ]);
    const mountTargets = node(changes(p, 'aws_efs_mount_target')[0]);
    for (const f of functions) expect(waitsFor(example().graph, node(f))).toContain(mountTargets);
  });

  test('gives the worker task two volumes and two mount points, the ingest one read-only', () => {
    const task = only(example().plan, 'aws_ecs_task_definition').change.after;
    const volumes = task.volume.map(
      (v: any) =>
        `${v.name} ${v.efs_volume_configuration[0].transit_encryption} ${v.efs_volume_configuration[0].authorization_config[0].iam}`,
    );
    expect(volumes.sort()).toEqual([
      'efs-complete-worker-ingest ENABLED ENABLED',
      'efs-complete-worker-reports ENABLED ENABLED',
    ]);
    expect(JSON.parse(task.container_definitions)[0].mountPoints).toEqual([
      { sourceVolume: 'efs-complete-worker-ingest', containerPath: '/mnt/ingest', readOnly: true },
      { sourceVolume: 'efs-complete-worker-reports', containerPath: '/mnt/reports', readOnly: false },
    ]);
    expect(only(example().plan, 'aws_ecs_service').change.after.platform_version).toBe('1.4.0');
    expect(waitsFor(example().graph, node(only(example().plan, 'aws_ecs_service')))).toContain(
      node(changes(example().plan, 'aws_efs_mount_target')[0]),
    );
  });

  test('attaches four least-privilege policies: read-write for the functions and reports, read-only for ingest', () => {
    const p = example().plan;
    expect(
      changes(p, 'aws_iam_role_policy')
        .map((c) => c.change.after.name)
        .sort(),
    ).toEqual([
      'efs-complete-ingest-efs-mount',
      'efs-complete-report-efs-mount',
      'efs-complete-worker-ingest-efs-mount',
      'efs-complete-worker-reports-efs-mount',
    ]);
    const grants = changes(p, 'aws_iam_policy_document')
      .filter((c) => /mount|worker/.test(c.address) && c.change.after.statement[0].sid === 'MountThroughAccessPoint')
      .map((c) => c.change.after.statement.map((s: any) => `${s.effect} ${s.actions.join('+')}`).join(', '))
      .sort();
    expect(grants).toEqual([
      `Allow ${MOUNT}+${WRITE}`,
      `Allow ${MOUNT}+${WRITE}`,
      `Allow ${MOUNT}+${WRITE}`,
      `Allow ${MOUNT}, Deny ${WRITE}`,
    ]);
  });

  test("admits each client group once on NFS, through the file system's rules: two functions and the worker, whose two mounts share one", () => {
    const rules = changes(example().plan, 'aws_vpc_security_group_ingress_rule');
    expect(rules.filter((r) => !/^(module\.efs\.|aws_vpc_security_group_ingress_rule\.efs_)/.test(r.address))).toEqual(
      [],
    );
    const fromClients = rules.filter((r) => r.change.after.description.startsWith('NFS from allowed security group '));
    expect(fromClients).toHaveLength(3);
    expect(
      fromClients.every(
        (r) => r.change.after_unknown.referenced_security_group_id === true && r.change.after.from_port === 2049,
      ),
    ).toBe(true);
  });
});

test('TypeScript plans the same resources and values as HCL', () => {
  samePlans(ts, hcl, [
    'aws_iam_role',
    'aws_iam_role_policy_attachment',
    'aws_security_group',
    'aws_vpc_security_group_egress_rule',
    'aws_lambda_function',
  ]);
});

describe('efs-modules doctor on the plan of examples/complete', () => {
  test('HCL: no finding at all', () => {
    const findings = diagnose(parsePlan(JSON.stringify(hcl.plan)));
    expect(findings.map((f) => `${f.severity} ${f.check} ${f.address}: ${f.message}`)).toEqual([]);
  });

  test('TypeScript: no finding at all (constructs write the values the resources read, so every reference is in the plan JSON)', () => {
    const findings = diagnose(parsePlan(JSON.stringify(ts.plan)));
    expect(findings.map((f) => `${f.severity} ${f.check} ${f.address}: ${f.message}`)).toEqual([]);
  });
});
