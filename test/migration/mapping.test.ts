/**
 * `efs-modules migrate terraform-aws-efs`: what it prints for the upstream fixture states, and
 * what it refuses, item by item, when a deployment holds something efs-filesystem cannot keep.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { Migration } from '../../src/migrate/terraform-aws-efs';
import { makeTempDir, terraform } from '../support/terraform';
import { fixtureText } from './support';

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the command on `state` (JSON text), as a user would with a file. */
function run(state: string, extra: string[] = []): Run {
  let stdout = '';
  let stderr = '';
  const code = main(['migrate', 'terraform-aws-efs', 'state.json', ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    read: () => state,
  });
  return { code, stdout, stderr };
}

const mapped = (state: string): Migration => JSON.parse(run(state, ['--json']).stdout) as Migration;

/** The complete fixture with its resources edited: edit(resource values, address). */
function edited(edit: (values: Record<string, any>, address: string) => void): string {
  const shown = JSON.parse(fixtureText('complete'));
  for (const r of shown.values.root_module.child_modules[0].resources) edit(r.values, r.address);
  return JSON.stringify(shown);
}

describe('mapping of the complete v1.8.1 deployment', () => {
  const m = mapped(fixtureText('complete'));

  test('moves the count-indexed resources to their efs-filesystem addresses, and nothing else', () => {
    expect(m.moved).toEqual([
      { from: 'module.efs.aws_efs_file_system.this[0]', to: 'module.efs.aws_efs_file_system.this' },
      { from: 'module.efs.aws_efs_backup_policy.this[0]', to: 'module.efs.aws_efs_backup_policy.this' },
      { from: 'module.efs.aws_efs_file_system_policy.this[0]', to: 'module.efs.aws_efs_file_system_policy.this' },
      {
        from: 'module.efs.aws_efs_replication_configuration.this[0]',
        to: 'module.efs.aws_efs_replication_configuration.this["replica"]',
      },
    ]);
  });

  test('imports each rule by the security group rule ID the state records, and forgets the old resource', () => {
    expect(m.imports.map(({ to, id }) => ({ to, id }))).toEqual([
      {
        to: 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]',
        id: 'sgr-00000000000000001',
      },
      { to: 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"]', id: 'sgr-00000000000000002' },
    ]);
    expect(m.removed).toEqual(['module.efs.aws_security_group_rule.this']);
  });

  test('carries every setting that would replace the file system, mount targets, access points or group', () => {
    expect(m.inputs).toMatchObject({
      encrypted: true,
      kms_key_arn: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
      performance_mode: 'generalPurpose',
      creation_token: 'terraform-20240101000000000000000004',
      vpc_id: 'vpc-0123456789abcdef0',
      security_group_name: 'shared',
      security_group_use_name_prefix: false,
      security_group_description: 'NFS for the shared file system',
      mount_targets: {
        'us-east-1a': { subnet_id: 'subnet-0123456789abcdef0' },
        'us-east-1b': { subnet_id: 'subnet-0123456789abcdef1' },
      },
      access_points: {
        root: { root_directory: '/' },
        app: {
          root_directory: '/app',
          posix_user: { uid: 1000, gid: 1000 },
          creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: '755' },
        },
      },
      replication: { region: 'us-west-2' },
    });
    expect(m.inputs).not.toHaveProperty('availability_zone_name');
  });

  test('keeps access as it was: the upstream rules by name, no self rule, no new client egress', () => {
    expect(m.inputs).toMatchObject({
      allowed_security_groups: { app: 'sg-0aaaaaaaaaaaaaaa1' },
      allowed_cidrs: { office: '10.20.0.0/16' },
      allow_nfs_from_self: false,
      client_egress_rules: false,
    });
  });

  test('names the policy statements it does not carry over', () => {
    expect(m.notes.join('\n')).toContain('"ReadOnlyForAuditors"');
  });

  test('prints HCL that terraform fmt leaves unchanged, and exits 0', async () => {
    const { code, stdout } = run(fixtureText('complete'));
    expect(code).toBe(0);
    const dir = makeTempDir('efs-modules-migrate-fmt-');
    writeFileSync(join(dir, 'main.tf'), stdout);
    await expect(terraform(dir, ['fmt', '-check', '-diff', '-no-color'])).resolves.toMatchObject({ exitCode: 0 });
  });
});

test('the replication overwrite protection a user can set is carried over; REPLICATING, set by AWS, is left out', () => {
  const withProtection = (status: string) =>
    mapped(
      edited((v, address) => {
        if (address.endsWith('aws_efs_file_system.this[0]')) v.protection = [{ replication_overwrite: status }];
      }),
    );
  expect(mapped(fixtureText('complete')).inputs).not.toHaveProperty('replication_overwrite_protection');
  expect(withProtection('DISABLED').inputs.replication_overwrite_protection).toBe('DISABLED');
  const replicating = withProtection('REPLICATING');
  expect(replicating.inputs).not.toHaveProperty('replication_overwrite_protection');
  expect(replicating.notes.join('\n')).toContain('"REPLICATING" is set by AWS and kept');
});

test('a security group named by prefix keeps the prefix', () => {
  expect(mapped(fixtureText('maxio')).inputs).toMatchObject({
    security_group_name: 'scratch',
    security_group_use_name_prefix: true,
    performance_mode: 'maxIO',
  });
});

test('a rule with several CIDR blocks becomes one entry per block, and its IDs are left to fill in (exit 1)', () => {
  const state = edited((v, address) => {
    if (address.endsWith('aws_security_group_rule.this["office"]')) {
      v.cidr_blocks = ['10.20.0.0/16', '10.21.0.0/16'];
      v.security_group_rule_id = '';
    }
  });
  const result = run(state);
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('office-1 = "10.20.0.0/16"');
  expect(result.stdout).toContain('office-2 = "10.21.0.0/16"');
  expect(result.stdout).toContain('id = "FILL-IN-sgr-ID"');
  expect(result.stderr).toContain('nfs_from_cidrs["office-2"]');
});

test('what efs-filesystem cannot keep is refused with exit 2, each item named, nothing printed', () => {
  const state = edited((v, address) => {
    if (address.endsWith('aws_security_group_rule.this["app"]')) v.type = 'egress';
    if (address.endsWith('aws_security_group_rule.this["office"]')) {
      v.cidr_blocks = null;
      v.prefix_list_ids = ['pl-0123456789abcdef0'];
    }
    if (address.endsWith('aws_efs_mount_target.this["us-east-1b"]'))
      v.security_groups = [...v.security_groups, 'sg-0bbbbbbbbbbbbbbb2'];
    if (address.endsWith('aws_efs_access_point.this["app"]')) v.root_directory = [{ path: '/', creation_info: [] }];
  });
  const result = run(state);
  expect(result.code).toBe(2);
  expect(result.stdout).toBe('');
  const lines = result.stderr.split('\n').filter((l) => l.startsWith('  - '));
  expect(lines).toHaveLength(4);
  expect(result.stderr).toContain('module.efs.aws_security_group_rule.this["app"]: an egress rule');
  expect(result.stderr).toContain(
    'module.efs.aws_security_group_rule.this["office"]: allows prefix list pl-0123456789abcdef0',
  );
  expect(result.stderr).toContain(
    'module.efs.aws_efs_mount_target.this["us-east-1b"]: is also in sg-0bbbbbbbbbbbbbbb2',
  );
  expect(result.stderr).toContain('module.efs.aws_efs_access_point.this["app"]: has a POSIX user but no creation_info');
});

test('a rule on another port is refused, naming the port', () => {
  const state = edited((v, address) => {
    if (address.endsWith('aws_security_group_rule.this["app"]')) v.from_port = v.to_port = 22;
  });
  expect(run(state)).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('this["app"]: allows tcp 22-22; efs-filesystem allows NFS (TCP 2049) only'),
  });
});

test('a module the state does not hold is refused, listing the modules it does hold', () => {
  expect(run(fixtureText('complete'), ['--module', 'storage'])).toMatchObject({
    code: 2,
    stderr: expect.stringContaining('no module.storage in the state; its modules are: module.efs'),
  });
});

test('a plan given instead of a state is refused with the command that makes a state', () => {
  const planJson = JSON.stringify({ format_version: '1.2', resource_changes: [], planned_values: {} });
  expect(run(planJson)).toMatchObject({ code: 2, stderr: expect.stringContaining('this is a plan; give the state') });
});

test('a rule from the group itself maps to allow_nfs_from_self and is imported into nfs_from_self[0]', () => {
  const state = edited((v, address) => {
    if (address.endsWith('aws_security_group_rule.this["app"]')) {
      v.source_security_group_id = null;
      v.self = true;
    }
  });
  const m = mapped(state);
  expect(m.inputs).toMatchObject({ allow_nfs_from_self: true, allowed_security_groups: {} });
  expect(m.imports[0]).toMatchObject({
    to: 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
    id: 'sgr-00000000000000001',
  });
});

test('an IPv6 block maps to allowed_cidrs like an IPv4 one', () => {
  const state = edited((v, address) => {
    if (address.endsWith('aws_security_group_rule.this["office"]')) {
      v.cidr_blocks = null;
      v.ipv6_cidr_blocks = ['2001:db8::/56'];
    }
  });
  expect(mapped(state).inputs.allowed_cidrs).toEqual({ office: '2001:db8::/56' });
});

test("a terraform-aws-efs 2.x state is refused: its rule resources are not v1's", () => {
  const shown = JSON.parse(fixtureText('complete'));
  const resources = shown.values.root_module.child_modules[0].resources;
  for (const r of resources.filter((x: any) => x.type === 'aws_security_group_rule')) {
    r.type = 'aws_vpc_security_group_ingress_rule';
    r.address = r.address.replace('aws_security_group_rule', 'aws_vpc_security_group_ingress_rule');
  }
  const result = run(JSON.stringify(shown));
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(
    'module.efs.aws_vpc_security_group_ingress_rule.this["app"]: terraform-aws-efs v1 has no aws_vpc_security_group_ingress_rule',
  );
});
