/**
 * efs-mount-ecs given an access point of efs-filesystem created in the same configuration: the
 * README's "Mounting an access point you already have", planned as a first plan with the real
 * AWS provider. The mount creates no access point, and the task definition's volume authorizes
 * through the given one, after the mount targets.
 */
import { diagnose, parsePlan } from '../../src/doctor';
import { PlannedExample, changes, node, only, waitsFor } from '../support/mounts/examples';
import { accessPointUsage, planAccessPointUsage } from '../support/mounts/readme-access-point';

let usage: PlannedExample;

beforeAll(async () => {
  usage = await planAccessPointUsage('efs-mount-ecs');
}, 900_000);

test("the README block gives the mount efs-filesystem's access point and none of the inputs that describe its own", () => {
  const hcl = accessPointUsage('efs-mount-ecs');
  expect(hcl).toMatch(/access_point\s+= module\.efs\.access_points\["worker"\]/);
  expect(/^module "data" \{[\s\S]*?^\}/m.exec(hcl)![0]).not.toMatch(/root_directory|posix_user/);
});

test("the first plan creates one access point, the file system's: the mount creates none", () => {
  const accessPoints = changes(usage.plan, 'aws_efs_access_point');
  expect(accessPoints.map((c) => `${c.change.actions} ${c.address}`)).toEqual([
    'create module.efs.aws_efs_access_point.this["worker"]',
  ]);
});

test("the task definition's volume authorizes through that access point, created after it and the mount targets", () => {
  const task = only(usage.plan, 'aws_ecs_task_definition');
  expect(task.change.after_unknown.volume).toEqual([
    expect.objectContaining({
      efs_volume_configuration: [expect.objectContaining({ authorization_config: [{ access_point_id: true }] })],
    }),
  ]);
  const before = [...waitsFor(usage.graph, node(task))];
  expect(before).toContain('module.efs.aws_efs_access_point.this');
  expect(before).toContain('module.efs.aws_efs_mount_target.this');
  const config = usage.plan.configuration as any;
  expect(config.root_module.module_calls.data.expressions.access_point.references).toContain(
    'module.efs.access_points["worker"]',
  );
});

test('the role policy allows mounting only through that access point', () => {
  const document = only(usage.plan, 'aws_iam_policy_document', /^module\.data\./);
  expect(document.change.after.statement[0].condition).toEqual([
    expect.objectContaining({ test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn' }),
  ]);
  expect(document.change.after_unknown.statement[0].condition[0].values).toEqual([true]);
});

test('efs-modules doctor follows the given access point through the mount and finds nothing', () => {
  const findings = diagnose(parsePlan(JSON.stringify(usage.plan)));
  expect(findings.map((f) => `${f.severity} ${f.check} ${f.address}: ${f.message}`)).toEqual([]);
});
