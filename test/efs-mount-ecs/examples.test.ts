/**
 * examples/ecs, planned offline with the real AWS provider, in HCL and as its TypeScript twin
 * (the `ecs` stack of main.ts): a Fargate service whose task definition takes its volume from
 * the module (`dynamic "volume"` in HCL, `taskDefinition` in TypeScript). The task role and the
 * service's group are created in the same configuration, so their name and ID are unknown at
 * plan time. `terraform graph` proves the service is created after the mount targets.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlannedExample, changes, node, only, planHcl, planTs, samePlans, waitsFor } from '../support/mounts/examples';
import { doctorFindings } from '../support/doctor-clean';

let hcl: PlannedExample;
let ts: PlannedExample;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([planHcl('ecs'), planTs('ecs')]);
});

describe.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('examples/ecs in %s', (_how, example) => {
  test('creates an access point rooted at /ecs, created owned by the POSIX user', () => {
    const { after } = only(example().plan, 'aws_efs_access_point').change;
    expect(after.root_directory).toEqual([
      { path: '/ecs', creation_info: [{ owner_uid: 1000, owner_gid: 1000, permissions: '0755' }] },
    ]);
  });

  test('gives the task definition an EFS volume with TLS, IAM authorization and the access point, its root left to the access point', () => {
    const task = only(example().plan, 'aws_ecs_task_definition').change;
    expect(task.after.volume).toEqual([
      expect.objectContaining({
        name: 'efs-ecs',
        efs_volume_configuration: [
          expect.objectContaining({
            transit_encryption: 'ENABLED',
            // The module leaves both null; the provider plans its defaults: "/" (the only root
            // allowed with an access point) and 0 (no port set).
            transit_encryption_port: 0,
            root_directory: '/',
            authorization_config: [{ iam: 'ENABLED' }],
          }),
        ],
      }),
    ]);
    // The access point ID and the file system ID are only known once they exist.
    expect(task.after_unknown.volume).toEqual([
      expect.objectContaining({
        efs_volume_configuration: [
          expect.objectContaining({ file_system_id: true, authorization_config: [{ access_point_id: true }] }),
        ],
      }),
    ]);
  });

  test('mounts the volume in the container at /mnt/data, read-write', () => {
    const task = only(example().plan, 'aws_ecs_task_definition').change.after;
    const [container] = JSON.parse(task.container_definitions);
    expect(container.mountPoints).toEqual([{ sourceVolume: 'efs-ecs', containerPath: '/mnt/data', readOnly: false }]);
    expect(task.task_role_arn).toBeUndefined(); // unknown: the role is created in this apply
  });

  test('runs on Fargate platform 1.4.0, which EFS volumes need', () => {
    expect(only(example().plan, 'aws_ecs_service').change.after).toMatchObject({
      launch_type: 'FARGATE',
      platform_version: '1.4.0',
    });
  });

  test("lets the task role mount and write through the access point, with the role's name unknown at plan time and no flag", () => {
    expect(only(example().plan, 'aws_iam_role', /task/).change.after_unknown.name).toBe(true);
    const document = only(example().plan, 'aws_iam_policy_document', /mount/).change.after;
    expect(document.statement).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        condition: [expect.objectContaining({ variable: 'elasticfilesystem:AccessPointArn' })],
      }),
    ]);
    expect(only(example().plan, 'aws_iam_role_policy').change.after_unknown.role).toBe(true);
  });

  test("the NFS rule from the service's group is the file system's, and the mount creates none", () => {
    const rules = changes(example().plan, 'aws_vpc_security_group_ingress_rule');
    expect(rules.filter((r) => !/^(module\.efs\.|aws_vpc_security_group_ingress_rule\.efs_)/.test(r.address))).toEqual(
      [],
    );
    const fromService = rules.filter(
      (r) =>
        r.change.after_unknown.referenced_security_group_id === true &&
        r.change.after.description !== 'NFS from members of this security group',
    );
    expect(fromService).toHaveLength(1);
    expect(fromService[0].change.after).toMatchObject({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049 });
  });

  test('creates the task definition and the service after the mount targets', () => {
    const mountTargets = node(only(example().plan, 'aws_efs_mount_target', /us-east-1a/));
    for (const type of ['aws_ecs_task_definition', 'aws_ecs_service']) {
      expect(waitsFor(example().graph, node(only(example().plan, type)))).toContain(mountTargets);
    }
  });

  test('only creates', () => {
    const all = example().plan.resource_changes ?? [];
    expect(all.filter((c) => !['create', 'read'].includes(c.change.actions.join()))).toEqual([]);
  });
});

test('examples/ecs gives the mount no flag: task role and group from the same apply are enough', () => {
  const main = readFileSync(join(__dirname, '..', '..', 'examples', 'ecs', 'main.tf'), 'utf8');
  expect(main).not.toMatch(/attach_task_role_policy|create_security_group_rule/);
});

test('the TypeScript task definition also depends on the mount targets directly (EfsMountEcs adds depends_on)', () => {
  const config = JSON.parse(readFileSync(join(ts.dir, 'cdk.tf.json'), 'utf8'));
  const [task] = Object.values(config.resource.aws_ecs_task_definition) as { depends_on: string[] }[];
  expect(task.depends_on).toEqual([expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/)]);
});

test('TypeScript plans the same resources and values as HCL', () => {
  samePlans(ts, hcl);
});

test.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('efs-modules doctor --strict passes the %s plan clean', (_how, example) => {
  expect(doctorFindings(example().plan)).toEqual([]);
});
