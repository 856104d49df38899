/**
 * examples/ec2, planned offline with the real AWS provider, in HCL and as its TypeScript twin
 * (the `ec2` stack of main.ts): an instance that takes `user_data` and an Auto Scaling group
 * whose launch template takes `user_data_base64`. The VPC, subnets, role, instance profile and
 * security group are created in the same configuration, so the role name, the group and the
 * access point's ID are unknown at plan time. `terraform graph` proves the instance and the
 * launch template (so the group) are created after the mount targets; the two plans hold the
 * same resources and values; and the doctor finds nothing to say about either.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diagnose } from '../../src/doctor';
import type { PlanJson as DoctorPlan } from '../../src/doctor';
import { PlannedExample, changes, node, only, planHcl, planTs, samePlans, waitsFor } from '../support/mounts/examples';

const VARS = { 'terraform.tfvars': 'ami_id = "ami-0123456789abcdef0"\n' };
const MOUNT_TARGETS = /aws_efs_mount_target/;

let hcl: PlannedExample;
let ts: PlannedExample;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([planHcl('ec2', VARS), planTs('ec2', VARS)]);
});

describe.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('examples/ec2 in %s', (_how, example) => {
  test('creates an access point rooted at /shared, created owned by the POSIX user 1000:1000 with 0755', () => {
    const { after } = only(example().plan, 'aws_efs_access_point').change;
    expect(after.root_directory).toEqual([
      { path: '/shared', creation_info: [{ owner_uid: 1000, owner_gid: 1000, permissions: '0755' }] },
    ]);
  });

  test('attaches ClientMount and ClientWrite to the instance role, only through that access point, although the role name is unknown', () => {
    const document = only(example().plan, 'aws_iam_policy_document', /mount/);
    expect(document.change.after.statement).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        condition: [expect.objectContaining({ test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn' })],
      }),
    ]);
    const policy = only(example().plan, 'aws_iam_role_policy').change;
    expect(policy.after.name).toBe('efs-ec2-efs-mount');
    expect(policy.after_unknown.role).toBe(true);
  });

  test('the instance and the launch template get the script, known once the access point exists', () => {
    const script = only(example().plan, 'terraform_data', /mount_script/).change;
    expect(script.actions).toEqual(['create']);
    expect(script.after_unknown.input).toBe(true);
    const instance = only(example().plan, 'aws_instance').change;
    expect(instance.after_unknown.user_data).toBe(true);
    expect(instance.after.user_data_replace_on_change).toBe(true);
    expect(only(example().plan, 'aws_launch_template').change.after_unknown.user_data).toBe(true);
  });

  test('creates the instance and the launch template after the mount targets, the Auto Scaling group after the template', () => {
    for (const type of ['aws_instance', 'aws_launch_template']) {
      const before = [...waitsFor(example().graph, node(only(example().plan, type)))];
      expect(before.filter((r) => MOUNT_TARGETS.test(r))).toHaveLength(1);
      expect(before).toContain(node(only(example().plan, 'terraform_data', /mount_script/)));
    }
    const group = node(only(example().plan, 'aws_autoscaling_group'));
    expect(waitsFor(example().graph, group)).toContain(node(only(example().plan, 'aws_launch_template')));
  });

  test("the NFS rule from the instances' group is the file system's, and the mount creates none", () => {
    const rules = changes(example().plan, 'aws_vpc_security_group_ingress_rule');
    expect(rules.filter((r) => !/efs/.test(r.address))).toEqual([]);
    const fromInstances = rules.filter(
      (r) =>
        r.change.after_unknown.referenced_security_group_id === true &&
        r.change.after.description !== 'NFS from members of this security group',
    );
    expect(fromInstances).toHaveLength(1);
    expect(fromInstances[0].change.after).toMatchObject({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049 });
  });

  test('only creates', () => {
    const all = example().plan.resource_changes ?? [];
    expect(all.filter((c) => !['create', 'read'].includes(c.change.actions.join()))).toEqual([]);
    expect(changes(example().plan, 'aws_efs_mount_target').map((c) => c.index)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  test('efs-modules doctor finds nothing to report', () => {
    expect(diagnose(example().plan as unknown as DoctorPlan)).toEqual([]);
  });
});

test('the HCL instance waits for the mount targets through module.mount alone (no depends_on in main.tf)', () => {
  const main = readFileSync(join(__dirname, '..', '..', 'examples', 'ec2', 'main.tf'), 'utf8');
  expect(main).not.toMatch(/depends_on|attach_role_policy/);
  expect(waitsFor(hcl.graph, 'aws_instance.this')).toContain('module.efs.aws_efs_mount_target.this');
});

test('the TypeScript instance and launch template also depend on the mount targets directly (mountOn adds depends_on)', () => {
  const config = JSON.parse(readFileSync(join(ts.dir, 'cdk.tf.json'), 'utf8'));
  for (const type of ['aws_instance', 'aws_launch_template']) {
    const [resource] = Object.values(config.resource[type]) as { depends_on: string[] }[];
    expect(resource.depends_on).toEqual([expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/)]);
  }
});

test('TypeScript plans the same resources and values as HCL', () => {
  samePlans(ts, hcl);
});
