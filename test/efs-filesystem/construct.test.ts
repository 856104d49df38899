/** EfsFilesystem as CDKTF users meet it: synthesis, defaults, tokens, and errors. */
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { App, TerraformOutput, TerraformStack } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, RemovalPolicy, ValidationError } from '../../src';
import { synthStack as synth } from '../support/synth';

const PROPS: EfsFilesystemProps = {
  name: 'files',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};

const only = (json: Record<string, any>, type: string): any => {
  const blocks = Object.values(json.resource[type] ?? {});
  expect(blocks).toHaveLength(1);
  return blocks[0];
};

test('writes the props, defaults applied, where the resources read them, with no inputs local', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  expect(Object.keys(json.locals).filter((name) => name.includes('inputs'))).toEqual([]);
  expect(only(json, 'aws_efs_file_system')).toMatchObject({
    throughput_mode: 'elastic',
    performance_mode: 'generalPurpose',
    encrypted: true,
    provisioned_throughput_in_mibps: null,
    tags: expect.stringContaining('Name = "files"'),
  });
  expect(only(json, 'aws_efs_backup_policy').backup_policy).toEqual({ status: 'ENABLED' });
  expect(json.locals.efs_lifecycle_transitions).toContain(
    '{ transition_to_ia = "AFTER_30_DAYS", transition_to_archive = null, transition_to_primary_storage_class = "AFTER_1_ACCESS" }',
  );
  expect(json.locals.efs_file_system_policy_statements).toContain('[local.efs_deny_unencrypted_transport_statement]');
  const fromSelf = Object.values(json.resource.aws_vpc_security_group_ingress_rule).find(
    (r: any) => r.description === 'NFS from members of this security group',
  );
  expect(fromSelf).toMatchObject({ count: 1 });
  expect(only(json, 'aws_efs_mount_target').for_each).toEqual({
    a: { subnet_id: 'subnet-0123456789abcdef0', ip_address: null },
  });
});

test('applies optional() defaults inside map entries', () => {
  const json = synth(
    (s) => new EfsFilesystem(s, 'efs', { ...PROPS, accessPoints: { app: { posixUser: { uid: 1, gid: 2 } } } }),
  );
  expect(only(json, 'aws_efs_access_point').for_each.app).toEqual({
    root_directory: '/',
    posix_user: { uid: 1, gid: 2, secondary_gids: [] },
    creation_info: null,
    tags: {},
  });
});

test('writes each input where the HCL module reads its variable, constants folded', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  const fs = only(json, 'aws_efs_file_system');
  expect(fs.throughput_mode).toBe('elastic');
  // The replacement guard reads the inputs too: `false || …` (no permission) is written as what remains.
  const [guard] = fs.lifecycle.postcondition;
  expect(guard.condition).toMatch(/^\$\{lookup\(self\.tags, "efs-modules:created", null\) != plantimestamp\(\) \|\| /);
  expect(guard.error_message).toContain('replace the file system "files"');
  // Rules decided at synth time are not rendered again.
  expect(fs.lifecycle.precondition ?? []).toEqual([]);
});

test('two instances in one stack do not collide', () => {
  const json = synth((s) => {
    new EfsFilesystem(s, 'a', PROPS);
    new EfsFilesystem(s, 'b', { ...PROPS, name: 'other' });
  });
  expect(Object.keys(json.resource.aws_efs_file_system)).toHaveLength(2);
  expect(json.locals.a_security_group_name).toBe('files-efs');
  expect(json.locals.b_security_group_name).toBe('other-efs');
});

test('skips checks on values that are only known at apply time', () => {
  const json = synth((s) => {
    const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new EfsFilesystem(s, 'efs', {
      ...PROPS,
      vpcId: vpc.id,
      allowedSecurityGroups: { default: vpc.defaultSecurityGroupId },
    });
  });
  expect(only(json, 'aws_security_group').vpc_id).toBe('${aws_vpc.vpc.id}');
});

test('names a missing required prop', () => {
  expect(
    () =>
      new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', { ...PROPS, name: undefined as unknown as string }),
  ).toThrow('EfsFilesystem "s/efs" has invalid props:\n  - name is required.');
});

test('reports every problem at once, naming the construct, without a stack trace', () => {
  let error: ValidationError | undefined;
  try {
    // As a JavaScript caller would pass them: TypeScript refuses these literals (test/types).
    const untyped = { throughputMode: 'fast', performanceMode: 'turbo' } as Record<string, string>;
    new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', { ...PROPS, ...untyped });
  } catch (e) {
    error = e as ValidationError;
  }
  expect(error?.message).toBe(
    'EfsFilesystem "s/efs" has invalid props:\n' +
      '  - throughputMode must be "elastic", "provisioned" or "bursting" (got "fast").\n' +
      '  - performanceMode must be "generalPurpose" or "maxIO" (got "turbo").',
  );
  expect(error?.stack).toBe(`ValidationError: ${error?.message}`);
});

test('exposes outputs as tokens, and file_system as an object for the mount constructs', () => {
  const json = synth((s) => {
    const efs = new EfsFilesystem(s, 'efs', PROPS);
    expect(Object.keys(efs.fileSystem).sort()).toEqual([
      'allowedSecurityGroupIds',
      'arn',
      'id',
      'mountTargetIds',
      'securityGroupId',
    ]);
    new TerraformOutput(s, 'id', { value: efs.fileSystemId });
    new TerraformOutput(s, 'mount_targets', { value: efs.fileSystem.mountTargetIds });
  });
  expect(json.output.id.value).toMatch(/^\$\{aws_efs_file_system\.efs_file_system_[0-9A-F]+\.id\}$/);
  expect(json.output.mount_targets.value).toMatch(
    /aws_efs_mount_target\.efs_mount_target_[0-9A-F]+ : key => mount_target\.id/,
  );
});

describe('removalPolicy', () => {
  const fileSystemOf = (json: Record<string, any>) => Object.values(json.resource.aws_efs_file_system)[0] as any;

  test('RETAIN (the default) keeps the replacement guard and refuses destroy', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
    // No permission: the guard's condition is what remains of `false || …`.
    expect(fileSystemOf(json).lifecycle.postcondition[0].condition).toMatch(/^\$\{lookup\(self\.tags/);
    expect(fileSystemOf(json).lifecycle.prevent_destroy).toBe(true);
  });

  test('DESTROY allows replacement and destroy', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', { ...PROPS, removalPolicy: RemovalPolicy.DESTROY }));
    // The permission is written first, so the guard's condition holds.
    expect(fileSystemOf(json).lifecycle.postcondition[0].condition).toMatch(/^\$\{true \|\| lookup\(self\.tags/);
    expect(fileSystemOf(json).lifecycle.prevent_destroy).toBeUndefined();
  });

  test('contradicting allowFileSystemReplacement is refused', () => {
    expect(
      () =>
        new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', {
          ...PROPS,
          removalPolicy: RemovalPolicy.RETAIN,
          allowFileSystemReplacement: true,
        }),
    ).toThrow('removalPolicy RETAIN contradicts allowFileSystemReplacement: true; give one of them.');
  });
});

describe('allowClient', () => {
  const rulesOf = (json: Record<string, any>, type: string) => Object.values(json.resource[type] ?? {}) as any[];
  /** The for_each of the NFS rules from allowedSecurityGroups: the map itself, as the construct writes it. */
  const allowedGroups = (json: Record<string, any>) =>
    rulesOf(json, 'aws_vpc_security_group_ingress_rule').find(
      (r) => r.description === 'NFS from allowed security group ${each.key}',
    ).for_each;

  test('adds the group to allowedSecurityGroups under its name, as the prop would', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      expect(efs.allowClient('app', 'sg-0123456789abcdef0')).toBe('app');
    });
    expect(allowedGroups(json)).toEqual({ app: 'sg-0123456789abcdef0' });
    // The egress rule on the client group is keyed the same way (clientEgressRules defaults to true).
    expect(rulesOf(json, 'aws_vpc_security_group_egress_rule')[0].for_each).toContain('app = "sg-0123456789abcdef0"');
  });

  test('the same group token twice adds one entry, and answers with its first name', () => {
    const json = synth((s) => {
      const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      expect(efs.allowClient('lambda', vpc.defaultSecurityGroupId)).toBe('lambda');
      expect(efs.allowClient('service', vpc.defaultSecurityGroupId)).toBe('lambda');
    });
    expect(allowedGroups(json)).toBe('${{ lambda = aws_vpc.vpc.default_security_group_id }}');
  });

  test('a group already given as a prop is not added again', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', { ...PROPS, allowedSecurityGroups: { app: 'sg-0123456789abcdef0' } });
      expect(efs.allowClient('other', 'sg-0123456789abcdef0')).toBe('app');
    });
    expect(allowedGroups(json)).toEqual({ app: 'sg-0123456789abcdef0' });
  });

  test('a name taken by another group is refused, naming both', () => {
    const efs = new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', {
      ...PROPS,
      allowedSecurityGroups: { app: 'sg-0123456789abcdef0' },
    });
    expect(() => efs.allowClient('app', 'sg-0123456789abcdef1')).toThrow(
      'allowedSecurityGroups["app"] already allows "sg-0123456789abcdef0"; allowClient cannot give the name to "sg-0123456789abcdef1": choose another name.',
    );
  });

  test("a malformed ID is refused with the prop rule's message", () => {
    const efs = new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', PROPS);
    expect(() => efs.allowClient('app', 'default')).toThrow(
      'every allowedSecurityGroups value must be a security group ID such as "sg-0123456789abcdef0" (got allowedSecurityGroups["app"] = "default").',
    );
  });
});

test('EfsFilesystem.DEFAULT_PORT is the NFS port its rules open', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  const rules = Object.values(
    json.resource.aws_vpc_security_group_ingress_rule as Record<string, { from_port: number; to_port: number }>,
  );
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules)
    expect([rule.from_port, rule.to_port]).toEqual([EfsFilesystem.DEFAULT_PORT, EfsFilesystem.DEFAULT_PORT]);
});
