/**
 * examples/lambda, planned offline with the real AWS provider, in HCL and as its TypeScript twin
 * (the `lambda` stack of main.ts). The VPC, subnets, role and security group are created in the
 * same configuration, so the role name and group ID are unknown at plan time, and the mount is
 * given them with no flag: the plan proves a new user's first configuration plans as written.
 * `terraform graph` proves the function is created after the mount targets, and the two plans hold
 * the same resources and values.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PlannedExample, changes, node, only, planHcl, planTs, samePlans, waitsFor } from '../support/mounts/examples';
import { doctorFindings } from '../support/doctor-clean';

let hcl: PlannedExample;
let ts: PlannedExample;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([planHcl('lambda'), planTs('lambda')]);
});

const MOUNT_TARGETS = /aws_efs_mount_target/;

describe.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('examples/lambda in %s', (_how, example) => {
  test('creates an access point rooted at /lambda, created owned by the POSIX user 1000:1000 with 0755', () => {
    const { after } = only(example().plan, 'aws_efs_access_point').change;
    expect(after.root_directory).toEqual([
      { path: '/lambda', creation_info: [{ owner_uid: 1000, owner_gid: 1000, permissions: '0755' }] },
    ]);
    // No secondary groups: the provider plans the empty set as null.
    expect(after.posix_user).toEqual([{ uid: 1000, gid: 1000, secondary_gids: null }]);
  });

  test('attaches ClientMount and ClientWrite to the role, only through that access point', () => {
    const document = only(example().plan, 'aws_iam_policy_document', /mount/);
    expect(document.change.actions).toEqual(['read']);
    expect(document.change.after.statement).toEqual([
      expect.objectContaining({
        effect: 'Allow',
        actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
        condition: [expect.objectContaining({ test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn' })],
      }),
    ]);
    // The access point's ARN is the condition's value: known only once it exists.
    expect(document.change.after_unknown.statement[0].condition[0].values).toEqual([true]);

    const policy = only(example().plan, 'aws_iam_role_policy').change;
    expect(policy.actions).toEqual(['create']);
    expect(policy.after.name).toBe('efs-lambda-efs-mount');
  });

  test('plans the policy although the role name is unknown, and no flag is set', () => {
    expect(only(example().plan, 'aws_iam_role').change.after_unknown.name).toBe(true);
    expect(only(example().plan, 'aws_security_group', /function/).change.after_unknown.id).toBe(true);
    expect(only(example().plan, 'aws_iam_role_policy').change.after_unknown.role).toBe(true);
  });

  test("the NFS rule from the function's group is the file system's, and the mount creates none", () => {
    const rules = changes(example().plan, 'aws_vpc_security_group_ingress_rule');
    expect(rules.filter((r) => !/^(module\.efs\.|aws_vpc_security_group_ingress_rule\.efs_)/.test(r.address))).toEqual(
      [],
    );
    const fromFunction = rules.filter(
      (r) =>
        r.change.after_unknown.referenced_security_group_id === true &&
        r.change.after.description !== 'NFS from members of this security group',
    );
    expect(fromFunction).toHaveLength(1);
    expect(fromFunction[0].change.after).toMatchObject({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049 });
    expect(fromFunction[0].address).toMatch(/efs/);
  });

  test('gives the function the access point at /mnt/data', () => {
    const fn = only(example().plan, 'aws_lambda_function').change;
    expect(fn.after.file_system_config).toEqual([{ local_mount_path: '/mnt/data' }]);
    expect(fn.after_unknown.file_system_config).toEqual([{ arn: true }]);
    expect(fn.after.vpc_config).toHaveLength(1);
  });

  test('creates the function after the mount targets, and after the access point', () => {
    const fn = node(only(example().plan, 'aws_lambda_function'));
    const before = [...waitsFor(example().graph, fn)];
    expect(before.filter((r) => MOUNT_TARGETS.test(r))).toHaveLength(1);
    expect(before).toContain(node(only(example().plan, 'aws_efs_access_point')));
  });

  test('only creates', () => {
    const all = example().plan.resource_changes ?? [];
    expect(all.filter((c) => !['create', 'read'].includes(c.change.actions.join()))).toEqual([]);
    expect(changes(example().plan, 'aws_efs_mount_target').map((c) => c.index)).toEqual(['us-east-1a', 'us-east-1b']);
  });
});

test('examples/lambda gives the mount no flag: role and group from the same apply are enough', () => {
  const main = readFileSync(join(__dirname, '..', '..', 'examples', 'lambda', 'main.tf'), 'utf8');
  expect(main).not.toMatch(/attach_role_policy|create_security_group_rule/);
});

test('the HCL function waits for the mount targets through module.mount alone (no depends_on in main.tf)', () => {
  expect(hcl.graph.get('aws_lambda_function.this')).toEqual(
    new Set(['aws_iam_role_policy_attachment.vpc_access', 'module.mount.aws_efs_access_point.this']),
  );
  expect(waitsFor(hcl.graph, 'module.mount.aws_efs_access_point.this')).toContain(
    'module.efs.aws_efs_mount_target.this',
  );
});

test('the TypeScript function also depends on the mount targets directly (EfsMountLambda adds depends_on)', () => {
  // terraform graph drops edges implied by longer paths, so this one is read from the synthesized JSON.
  const config = JSON.parse(readFileSync(join(ts.dir, 'cdk.tf.json'), 'utf8'));
  const [fn] = Object.values(config.resource.aws_lambda_function) as { depends_on: string[] }[];
  expect(fn.depends_on).toEqual([
    'aws_iam_role_policy_attachment.vpc-access',
    expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/),
  ]);
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
