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

test('holds the props, defaults applied, in one local per instance', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  expect(json.locals.efs_inputs).toMatchObject({
    name: 'files',
    throughput_mode: 'elastic',
    performance_mode: 'generalPurpose',
    encrypted: true,
    backup_enabled: true,
    enforce_tls: true,
    allow_nfs_from_self: true,
    lifecycle_policy: { transition_to_ia: 'AFTER_30_DAYS', transition_to_archive: null, transition_to_primary_storage_class: 'AFTER_1_ACCESS' },
    provisioned_throughput_in_mibps: null,
    mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0', ip_address: null } },
  });
});

test('applies optional() defaults inside map entries', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', { ...PROPS, accessPoints: { app: { posixUser: { uid: 1, gid: 2 } } } }));
  expect(json.locals.efs_inputs.access_points.app).toEqual({
    root_directory: '/',
    posix_user: { uid: 1, gid: 2, secondary_gids: [] },
    creation_info: null,
    tags: {},
  });
});

test('reads every input through the local, as the HCL module reads its variables', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  const [fs] = Object.values(json.resource.aws_efs_file_system) as any[];
  expect(fs.throughput_mode).toBe('${local.efs_inputs.throughput_mode}');
  // The replacement guard reads the inputs too; rules decided at synth time are not rendered again.
  expect(JSON.stringify(fs.lifecycle.postcondition)).toContain('local.efs_inputs.allow_file_system_replacement');
  expect(fs.lifecycle.precondition ?? []).toEqual([]);
});

test('two instances in one stack do not collide', () => {
  const json = synth((s) => {
    new EfsFilesystem(s, 'a', PROPS);
    new EfsFilesystem(s, 'b', { ...PROPS, name: 'other' });
  });
  expect(Object.keys(json.resource.aws_efs_file_system)).toHaveLength(2);
  expect(json.locals.a_inputs.name).toBe('files');
  expect(json.locals.b_inputs.name).toBe('other');
});

test('skips checks on values that are only known at apply time', () => {
  const json = synth((s) => {
    const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
    new EfsFilesystem(s, 'efs', { ...PROPS, vpcId: vpc.id, allowedSecurityGroups: { default: vpc.defaultSecurityGroupId } });
  });
  expect(json.locals.efs_inputs.vpc_id).toBe('${aws_vpc.vpc.id}');
});

test('names a missing required prop', () => {
  expect(() => new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', { ...PROPS, name: undefined as unknown as string }))
    .toThrow('EfsFilesystem "s/efs" has invalid props:\n  - name is required.');
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
    expect(Object.keys(efs.fileSystem).sort()).toEqual(['allowedSecurityGroupIds', 'arn', 'id', 'mountTargetIds', 'securityGroupId']);
    new TerraformOutput(s, 'id', { value: efs.fileSystemId });
    new TerraformOutput(s, 'mount_targets', { value: efs.fileSystem.mountTargetIds });
  });
  expect(json.output.id.value).toMatch(/^\$\{aws_efs_file_system\.efs_file_system_[0-9A-F]+\.id\}$/);
  expect(json.output.mount_targets.value).toMatch(/aws_efs_mount_target\.efs_mount_target_[0-9A-F]+ : key => mount_target\.id/);
});

describe('removalPolicy', () => {
  const fileSystemOf = (json: Record<string, any>) => Object.values(json.resource.aws_efs_file_system)[0] as any;

  test('RETAIN (the default) keeps the replacement guard and refuses destroy', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
    expect(json.locals.efs_inputs.allow_file_system_replacement).toBe(false);
    expect(fileSystemOf(json).lifecycle.prevent_destroy).toBe(true);
  });

  test('DESTROY allows replacement and destroy', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', { ...PROPS, removalPolicy: RemovalPolicy.DESTROY }));
    expect(json.locals.efs_inputs.allow_file_system_replacement).toBe(true);
    expect(fileSystemOf(json).lifecycle.prevent_destroy).toBeUndefined();
  });

  test('contradicting allowFileSystemReplacement is refused', () => {
    expect(() => new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', {
      ...PROPS, removalPolicy: RemovalPolicy.RETAIN, allowFileSystemReplacement: true,
    })).toThrow('removalPolicy RETAIN contradicts allowFileSystemReplacement: true; give one of them.');
  });
});

describe('allowClient', () => {
  const rulesOf = (json: Record<string, any>, type: string) => Object.values(json.resource[type] ?? {}) as any[];

  test('adds the group to allowedSecurityGroups under its name, as the prop would', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      expect(efs.allowClient('app', 'sg-0123456789abcdef0')).toBe('app');
    });
    expect(json.locals.efs_inputs.allowed_security_groups).toEqual({ app: 'sg-0123456789abcdef0' });
    const forEach = rulesOf(json, 'aws_vpc_security_group_ingress_rule').map((r) => r.for_each);
    expect(forEach).toContain('${local.efs_inputs.create_security_group ? local.efs_inputs.allowed_security_groups : {}}');
  });

  test('the same group token twice adds one entry, and answers with its first name', () => {
    const json = synth((s) => {
      const vpc = new Vpc(s, 'vpc', { cidrBlock: '10.0.0.0/16' });
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      expect(efs.allowClient('lambda', vpc.defaultSecurityGroupId)).toBe('lambda');
      expect(efs.allowClient('service', vpc.defaultSecurityGroupId)).toBe('lambda');
    });
    expect(json.locals.efs_inputs.allowed_security_groups).toEqual({ lambda: '${aws_vpc.vpc.default_security_group_id}' });
  });

  test('a group already given as a prop is not added again', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', { ...PROPS, allowedSecurityGroups: { app: 'sg-0123456789abcdef0' } });
      expect(efs.allowClient('other', 'sg-0123456789abcdef0')).toBe('app');
    });
    expect(json.locals.efs_inputs.allowed_security_groups).toEqual({ app: 'sg-0123456789abcdef0' });
  });

  test('a name taken by another group is refused, naming both', () => {
    const efs = new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', { ...PROPS, allowedSecurityGroups: { app: 'sg-0123456789abcdef0' } });
    expect(() => efs.allowClient('app', 'sg-0123456789abcdef1')).toThrow(
      'allowedSecurityGroups["app"] already allows "sg-0123456789abcdef0"; allowClient cannot give the name to "sg-0123456789abcdef1": choose another name.',
    );
  });

  test('a malformed ID is refused with the prop rule\'s message', () => {
    const efs = new EfsFilesystem(new TerraformStack(new App(), 's'), 'efs', PROPS);
    expect(() => efs.allowClient('app', 'default')).toThrow(
      'every allowedSecurityGroups value must be a security group ID such as "sg-0123456789abcdef0" (got allowedSecurityGroups["app"] = "default").',
    );
  });
});

test('EfsFilesystem.DEFAULT_PORT is the NFS port its rules open', () => {
  const json = synth((s) => new EfsFilesystem(s, 'efs', PROPS));
  const rules = Object.values(json.resource.aws_vpc_security_group_ingress_rule as Record<string, { from_port: number; to_port: number }>);
  expect(rules.length).toBeGreaterThan(0);
  for (const rule of rules) expect([rule.from_port, rule.to_port]).toEqual([EfsFilesystem.DEFAULT_PORT, EfsFilesystem.DEFAULT_PORT]);
});
