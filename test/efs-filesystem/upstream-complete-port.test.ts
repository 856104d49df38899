/**
 * terraform-aws-efs's examples/complete, ported to efs-filesystem
 * (examples/efs-filesystem/from-terraform-aws-efs), planned offline with the real AWS provider:
 * each test is one intent of the upstream example that the port must keep.
 */
import { planHclExample } from '../support/examples';
import { PlanJson, ResourceChange } from '../support/terraform';
import { doctorFindings } from '../support/doctor-clean';

let plan: PlanJson;

beforeAll(async () => {
  plan = await planHclExample('efs-filesystem/from-terraform-aws-efs');
});

const inModule = (module: string, type: string): ResourceChange[] =>
  (plan.resource_changes ?? []).filter((c) => c.module_address === module && c.type === type);
const afterOf = (module: string, type: string) => inModule(module, type).map((c) => c.change.after);

test('creates the file system with the creation token, encryption and the lifecycle of the upstream example', () => {
  const [fileSystem] = inModule('module.efs', 'aws_efs_file_system');
  expect(fileSystem.change.after).toMatchObject({
    creation_token: 'ex-complete',
    encrypted: true,
    lifecycle_policy: [
      expect.objectContaining({ transition_to_ia: 'AFTER_30_DAYS' }),
      expect.objectContaining({ transition_to_primary_storage_class: 'AFTER_1_ACCESS' }),
    ],
  });
  // The KMS key is created in the same apply: its ARN is unknown when planned.
  expect(fileSystem.change.after_unknown).toMatchObject({ kms_key_id: true });
});

test('puts one mount target in each of the three private subnets, keyed by zone', () => {
  expect(
    inModule('module.efs', 'aws_efs_mount_target')
      .map((c) => c.index)
      .sort(),
  ).toEqual(['eu-west-1a', 'eu-west-1b', 'eu-west-1c']);
});

test('allows NFS from the three subnet CIDRs under the upstream rule keys, on a group with the upstream description', () => {
  expect(afterOf('module.efs', 'aws_security_group')).toEqual([
    expect.objectContaining({ description: 'Example EFS security group' }),
  ]);
  const rules = inModule('module.efs', 'aws_vpc_security_group_ingress_rule').filter(
    (c) => c.name === 'nfs_from_cidrs',
  );
  expect(Object.fromEntries(rules.map((c) => [c.index, c.change.after.cidr_ipv4]))).toEqual({
    vpc_1: '10.99.3.0/24',
    vpc_2: '10.99.4.0/24',
    vpc_3: '10.99.5.0/24',
  });
  expect(rules.map((c) => c.change.after)).toEqual(
    rules.map(() => expect.objectContaining({ from_port: 2049, to_port: 2049, ip_protocol: 'tcp' })),
  );
});

test('requires TLS and adds the example statement granting ClientMount to one principal', () => {
  const [document] = afterOf('module.efs', 'aws_iam_policy_document');
  expect(document.statement).toContainEqual(
    expect.objectContaining({ sid: 'DenyUnencryptedTransport', effect: 'Deny' }),
  );
  expect(document.statement).toContainEqual(
    expect.objectContaining({ sid: 'Example', effect: 'Allow', actions: ['elasticfilesystem:ClientMount'] }),
  );
  expect(inModule('module.efs', 'aws_efs_file_system_policy')).toHaveLength(1);
});

test('creates the POSIX-user and the root-directory access points with their owner and permissions', () => {
  const byKey = Object.fromEntries(
    inModule('module.efs', 'aws_efs_access_point').map((c) => [c.index, c.change.after]),
  );
  expect(Object.keys(byKey).sort()).toEqual(['posix_example', 'root_example']);
  expect(byKey.posix_example).toMatchObject({
    posix_user: [{ uid: 1001, gid: 1001, secondary_gids: [1002] }],
    tags: expect.objectContaining({ Additionl: 'yes' }),
  });
  expect(byKey.root_example.root_directory).toEqual([
    expect.objectContaining({
      path: '/example',
      creation_info: [{ owner_uid: 1001, owner_gid: 1001, permissions: '755' }],
    }),
  ]);
});

test('turns on the backup policy and replicates to eu-west-2', () => {
  expect(afterOf('module.efs', 'aws_efs_backup_policy')).toEqual([
    expect.objectContaining({ backup_policy: [{ status: 'ENABLED' }] }),
  ]);
  expect(afterOf('module.efs', 'aws_efs_replication_configuration')).toEqual([
    expect.objectContaining({ destination: [expect.objectContaining({ region: 'eu-west-2' })] }),
  ]);
});

test('creates the default file system from a name alone: no mount target and no security group', () => {
  expect(afterOf('module.efs_default', 'aws_efs_file_system')).toEqual([
    expect.objectContaining({ encrypted: true, tags: expect.objectContaining({ Name: 'ex-complete-default' }) }),
  ]);
  expect(inModule('module.efs_default', 'aws_efs_mount_target')).toEqual([]);
  expect(inModule('module.efs_default', 'aws_security_group')).toEqual([]);
});

test('creates nothing for the disabled instance', () => {
  expect((plan.resource_changes ?? []).filter((c) => c.module_address?.startsWith('module.efs_disabled'))).toEqual([]);
});

test('passes efs-modules doctor --strict clean (each access point has a root directory and a user)', () => {
  expect(doctorFindings(plan)).toEqual([]);
});
