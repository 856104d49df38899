/**
 * The efs-filesystem examples, planned offline with the real AWS provider, in HCL and as
 * their TypeScript twins: the HCL plan shows what the README promises, and the TypeScript
 * construct plans the very same resources and values as the HCL module.
 */
import {
  NormalizedChange,
  fileSystemModuleTypes,
  normalizedChanges,
  planHclExample,
  planStack,
} from '../support/examples';
import { PlanJson, ResourceChange } from '../support/terraform';
import { doctorFindings } from '../support/doctor-clean';

const plans: Record<string, PlanJson> = {};

beforeAll(async () => {
  const [basicHcl, completeHcl, basicTs, completeTs] = await Promise.all([
    planHclExample('efs-filesystem/basic'),
    planHclExample('efs-filesystem/complete'),
    planStack('efs-filesystem-basic'),
    planStack('efs-filesystem-complete'),
  ]);
  Object.assign(plans, { basicHcl, completeHcl, basicTs, completeTs });
});

const changes = (p: PlanJson, type: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.type === type);
const after = (p: PlanJson, type: string) => changes(p, type).map((c) => c.change.after);

describe('examples/efs-filesystem/basic (name, vpc_id and two mount targets only)', () => {
  test('creates one encrypted file system with elastic throughput in General Purpose mode', () => {
    expect(after(plans.basicHcl, 'aws_efs_file_system')).toEqual([
      expect.objectContaining({ encrypted: true, throughput_mode: 'elastic', performance_mode: 'generalPurpose' }),
    ]);
  });

  test('creates two mount targets keyed by zone', () => {
    expect(changes(plans.basicHcl, 'aws_efs_mount_target').map((c) => c.index)).toEqual(['us-east-1a', 'us-east-1b']);
  });

  test('creates one security group whose only ingress is NFS 2049', () => {
    expect(changes(plans.basicHcl, 'aws_security_group')).toHaveLength(1);
    expect(after(plans.basicHcl, 'aws_vpc_security_group_ingress_rule')).toEqual([
      expect.objectContaining({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049, cidr_ipv4: null, cidr_ipv6: null }),
    ]);
  });

  test('turns on the AWS-managed backup', () => {
    expect(after(plans.basicHcl, 'aws_efs_backup_policy')).toEqual([
      expect.objectContaining({ backup_policy: [{ status: 'ENABLED' }] }),
    ]);
  });

  test('attaches a file system policy that denies access without TLS', () => {
    expect(changes(plans.basicHcl, 'aws_efs_file_system_policy')).toHaveLength(1);
    // The document is read at plan time (it does not read the file system): it is in prior_state.
    const read = (
      plans.basicHcl as unknown as {
        prior_state: {
          values: { root_module: { child_modules: { resources: { type: string; values: { json: string } }[] }[] } };
        };
      }
    ).prior_state.values.root_module.child_modules.flatMap((m) => m.resources);
    const document = JSON.parse(read.find((r) => r.type === 'aws_iam_policy_document')!.values.json);
    expect(document.Statement).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Action: '*',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
  });

  test('creates nothing else and destroys nothing', () => {
    const created = (plans.basicHcl.resource_changes ?? []).filter((c) => c.mode === 'managed');
    expect(created.every((c) => c.change.actions.join() === 'create')).toBe(true);
    expect([...new Set(created.map((c) => c.type))].sort()).toEqual([
      'aws_efs_backup_policy',
      'aws_efs_file_system',
      'aws_efs_file_system_policy',
      'aws_efs_mount_target',
      'aws_security_group',
      'aws_vpc_security_group_ingress_rule',
      'terraform_data', // module_created and creation_token: witnesses of the replacement guard (see allow_file_system_replacement)
    ]);
  });
});

describe('examples/efs-filesystem/complete (network, client group and key created in the same apply)', () => {
  test('plans mount targets whose subnets are not known yet, keyed by zone', () => {
    const mountTargets = changes(plans.completeHcl, 'aws_efs_mount_target');
    expect(mountTargets.map((c) => c.index)).toEqual(['us-east-1a', 'us-east-1b']);
    expect(mountTargets.every((c) => c.change.after_unknown.subnet_id === true)).toBe(true);
  });

  test('allows NFS in from a client group whose id is not known yet, and from a CIDR, one rule per name', () => {
    const rules = changes(plans.completeHcl, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((c) => c.address).sort()).toEqual([
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"]',
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["clients"]',
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
    ]);
  });

  test("lets that client group out to NFS on the mount targets' group", () => {
    const [egress, ...more] = changes(plans.completeHcl, 'aws_vpc_security_group_egress_rule');
    expect(more).toEqual([]);
    expect(egress.address).toBe('module.efs.aws_vpc_security_group_egress_rule.nfs_to_file_system["clients"]');
    expect(egress.change.after).toMatchObject({ ip_protocol: 'tcp', from_port: 2049, to_port: 2049 });
    expect(egress.change.after_unknown).toMatchObject({ security_group_id: true, referenced_security_group_id: true });
  });

  test('encrypts with the customer key and archives after IA', () => {
    const [fs] = changes(plans.completeHcl, 'aws_efs_file_system');
    expect(fs.change.after_unknown.kms_key_id).toBe(true);
    expect(fs.change.after.lifecycle_policy).toHaveLength(3);
  });

  test('creates each access point with its directory owner and permissions', () => {
    const byKey = Object.fromEntries(
      changes(plans.completeHcl, 'aws_efs_access_point').map((c) => [c.index, c.change.after]),
    );
    expect(byKey.app.root_directory).toEqual([
      { path: '/app', creation_info: [{ owner_uid: 1000, owner_gid: 1000, permissions: '0755' }] },
    ]);
    expect(byKey.reports.posix_user).toEqual([{ uid: 2000, gid: 2000, secondary_gids: [3000] }]);
    expect(byKey.reports.root_directory[0].creation_info[0].permissions).toBe('0750');
  });

  test('replicates to the requested Region', () => {
    expect(after(plans.completeHcl, 'aws_efs_replication_configuration')).toEqual([
      expect.objectContaining({ destination: [expect.objectContaining({ region: 'us-west-2' })] }),
    ]);
  });
});

describe('the TypeScript construct plans what the HCL module plans', () => {
  const compare = (ts: PlanJson, hcl: PlanJson): [NormalizedChange[], NormalizedChange[]] => [
    normalizedChanges(ts, fileSystemModuleTypes),
    normalizedChanges(hcl, fileSystemModuleTypes),
  ];

  test('basic: same resources, same planned values', () => {
    const [ts, hcl] = compare(plans.basicTs, plans.basicHcl);
    expect(hcl.length).toBeGreaterThan(5);
    expect(ts).toEqual(hcl);
  });

  test('complete: same resources, same planned values, same unknowns', () => {
    const [ts, hcl] = compare(plans.completeTs, plans.completeHcl);
    expect(hcl.length).toBeGreaterThan(10);
    expect(ts).toEqual(hcl);
  });
});

describe('efs-modules doctor --strict passes the examples clean', () => {
  test.each(['basicHcl', 'completeHcl', 'basicTs', 'completeTs'])('%s', (name) => {
    expect(doctorFindings(plans[name])).toEqual([]);
  });
});
