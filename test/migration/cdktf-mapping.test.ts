/**
 * `efs-modules migrate cdktf` without terraform: where each construct resource lands in its
 * module (checked against the builds themselves), how constructs are recognised, the inputs of
 * an ECS mount, an EC2 mount read back from its boot script, placeholders and refusals, and the
 * three forms of state it reads.
 * (cdktf-exit.test.ts plans a whole migration with the real provider.)
 */
import { plainText } from '../../src/modules/efs-mount-ec2/text-parts';
import { createHash } from 'node:crypto';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformResource, TerraformStack } from '../../src/cdktf';
import { moduleContext, type ModuleDefinition } from '../../src/core/module';
import { main } from '../../src/cli';
import { mapCdktf } from '../../src/migrate/cdktf';
import { EC2_MOUNT_PARTS, FILESYSTEM_PARTS, MOUNT_PARTS, type Part } from '../../src/migrate/cdktf-parts';
import type { StateResource } from '../../src/migrate/state';
import { efsFilesystem } from '../../src/modules/efs-filesystem/definition';
import { efsMountEc2 } from '../../src/modules/efs-mount-ec2/definition';
import { fstabLine, joinOptions, mountOptions } from '../../src/modules/efs-mount-ec2/fstab';
import { scriptLines } from '../../src/modules/efs-mount-ec2/script';
import { efsMountEcs } from '../../src/modules/efs-mount-ecs/definition';
import { efsMountLambda } from '../../src/modules/efs-mount-lambda/definition';

/** Each resource's construct id and HCL name, from a build in module mode. */
function partsOf(definition: ModuleDefinition): Part[] {
  const stack = new TerraformStack(new App({ skipValidation: true }), definition.spec.name);
  new AwsProvider(stack, 'aws', {});
  definition.build(moduleContext(stack, definition.spec));
  return stack.node
    .findAll()
    .filter((c): c is TerraformResource => c instanceof TerraformResource)
    .map((r) => ({ type: r.terraformResourceType, part: r.node.id, hcl: r.friendlyUniqueId }));
}
const sorted = (parts: readonly Part[]) => [...parts].map((p) => `${p.type} ${p.part} -> ${p.hcl}`).sort();

describe('where each construct resource lives in its module', () => {
  test('efs-filesystem: the table is what the build names in module mode', () => {
    expect(sorted(FILESYSTEM_PARTS)).toEqual(sorted(partsOf(efsFilesystem as ModuleDefinition)));
  });

  test.each([
    ['efs-mount-lambda', efsMountLambda],
    ['efs-mount-ecs', efsMountEcs],
  ])('%s: the table is what the build names in module mode', (_name, definition) => {
    expect(sorted(MOUNT_PARTS)).toEqual(sorted(partsOf(definition as ModuleDefinition)));
  });

  test('efs-mount-ec2: the table is what the build names in module mode', () => {
    expect(sorted(EC2_MOUNT_PARTS)).toEqual(sorted(partsOf(efsMountEc2 as ModuleDefinition)));
  });
});

// ---- small states, as `terraform show -json` lists their resources
const hash = (path: string) => createHash('md5').update(path).digest('hex').slice(0, 8).toUpperCase();
/** A construct resource: logical ID `<path joined by _>_<part>_<hash>`, as cdktf names it. */
function ours(
  type: string,
  path: string,
  part: string,
  values: Record<string, unknown>,
  index?: string | number,
): StateResource {
  const name = `${path.replace(/\//g, '_')}_${part}_${hash(`${path}/${part}`)}`;
  return {
    address: `${type}.${name}${index === undefined ? '' : `[${JSON.stringify(index)}]`}`,
    mode: 'managed',
    type,
    name,
    ...(index !== undefined ? { index } : {}),
    values,
  };
}
const theirs = (type: string, name: string, values: Record<string, unknown>): StateResource => ({
  address: `${type}.${name}`,
  mode: 'managed',
  type,
  name,
  values,
});

const FS = {
  id: 'fs-0123456789abcdef0',
  tags: { Name: 'shared' },
  encrypted: true,
  performance_mode: 'generalPurpose',
  throughput_mode: 'elastic',
  lifecycle_policy: [],
};
const AP = {
  id: 'fsap-0123456789abcdef0',
  arn: 'arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/fsap-0123456789abcdef0',
  file_system_id: FS.id,
  tags: { Name: 'worker' },
  posix_user: [{ uid: 1000, gid: 1000, secondary_gids: [] }],
  root_directory: [{ path: '/worker', creation_info: [{ owner_uid: 1000, owner_gid: 1000, permissions: '0750' }] }],
};
const TASK = theirs('aws_ecs_task_definition', 'task', {
  volume: [
    {
      name: 'data',
      efs_volume_configuration: [
        {
          file_system_id: FS.id,
          transit_encryption: 'ENABLED',
          transit_encryption_port: 0,
          authorization_config: [{ access_point_id: AP.id, iam: 'ENABLED' }],
        },
      ],
    },
  ],
  container_definitions: JSON.stringify([
    { name: 'app', mountPoints: [{ sourceVolume: 'data', containerPath: '/mnt/data', readOnly: true }] },
  ]),
});
const ROLE = theirs('aws_iam_role', 'task-role', {
  name: 'task-role-1',
  arn: 'arn:aws:iam::123456789012:role/task-role-1',
});
const POLICY = {
  role: 'task-role-1',
  policy: JSON.stringify({ Statement: [{ Sid: 'MountThroughAccessPoint' }, { Sid: 'DenyWriteThroughAccessPoint' }] }),
};

test('a construct inside another construct is found by its path, which the hash confirms, and named after it', () => {
  const m = mapCdktf([ours('aws_efs_file_system', 'storage/efs', 'file_system', FS)]);
  expect(m.modules.map((x) => [x.name, x.path, x.kind])).toEqual([['storage_efs', 'storage/efs', 'EfsFilesystem']]);
  expect(m.moved).toEqual([
    {
      from: `aws_efs_file_system.storage_efs_file_system_${hash('storage/efs/file_system')}`,
      to: 'module.storage_efs.aws_efs_file_system.this',
    },
  ]);
});

test("a mount whose access point an ECS task definition uses is an EfsMountEcs, with the volume's settings", () => {
  const m = mapCdktf([
    ours('aws_efs_file_system', 'efs', 'file_system', FS),
    ours('aws_efs_access_point', 'worker', 'access_point', AP, 0),
    ours('aws_iam_role_policy', 'worker', 'iam_role_policy', POLICY, 'role'),
    TASK,
    ROLE,
  ]);
  const mount = m.modules.find((x) => x.name === 'worker')!;
  expect(mount.kind).toBe('EfsMountEcs');
  expect(JSON.parse(JSON.stringify(mount.inputs))).toEqual({
    file_system: '${module.efs.file_system}',
    name: 'worker',
    root_directory: '/worker',
    posix_user: { uid: 1000, gid: 1000 },
    root_directory_permissions: '0750',
    container_path: '/mnt/data',
    volume_name: 'data',
    read_only: true,
    iam_authorization: true,
    task_role_name: '${aws_iam_role.task-role.name}',
  });
  expect(m.moved).toContainEqual({
    from: `aws_iam_role_policy.worker_iam_role_policy_${hash('worker/iam_role_policy')}`,
    to: 'module.worker.aws_iam_role_policy.this',
  });
});

test("the policy presets are read back from the statement IDs the module writes; statements of the user's own become a placeholder", () => {
  const statements = [
    'AllowClientAccessThroughMountTargets',
    'DenyUnencryptedTransport',
    'DenyRootAccess',
    'AuditorsReadOnly',
  ].map((Sid) => ({ Sid }));
  const m = mapCdktf([
    ours('aws_efs_file_system', 'efs', 'file_system', FS),
    ours('aws_efs_file_system_policy', 'efs', 'file_system_policy', {
      policy: JSON.stringify({ Statement: statements }),
    }),
  ]);
  expect(JSON.parse(JSON.stringify(m.modules[0].inputs))).toMatchObject({
    allow_access_via_mount_targets: true,
    enforce_tls: true,
    deny_root_access: true,
    read_only: false,
    enforce_access_point: false,
    policy_statements:
      'FILL-IN: the policyStatements prop (statements "AuditorsReadOnly" of the policy), in HCL spelling',
  });
  expect(m.placeholders).toEqual(["module.efs.policy_statements: the construct's policyStatements, in HCL spelling"]);
});

test("an access point keeps the tags of its own, not the module's nor its Name", () => {
  const fs = { ...FS, tags: { Name: 'shared', team: 'storage' } };
  const ap = { ...AP, tags: { Name: 'shared-data', team: 'storage', purpose: 'reports' } };
  const m = mapCdktf([
    ours('aws_efs_file_system', 'efs', 'file_system', fs),
    ours('aws_efs_access_point', 'efs', 'access_point', ap, 'data'),
  ]);
  expect(m.modules[0].inputs.access_points).toMatchObject({ data: { tags: { purpose: 'reports' } } });
  expect(m.modules[0].inputs.tags).toEqual({ team: 'storage' });
});

// ---- EfsMountEc2: told by its boot script, whose values are read back
/** The boot script efs-mount-ec2 writes for AP on FS: read-only, Amazon Linux 2, no commands after the mount. */
const SCRIPT = scriptLines(
  {
    distribution: 'amazon-linux-2',
    mountPath: '/srv/worker',
    fstabLine: fstabLine(
      {
        fileSystemId: FS.id,
        mountPath: '/srv/worker',
        options: joinOptions(mountOptions({ iam: 'iam', readOnly: 'ro', accessPointId: AP.id }, plainText)),
      },
      plainText,
    ),
    runAfterMount: '',
  },
  plainText,
).join('\n');
const ec2Mount = (script: unknown) => [
  ours('aws_efs_file_system', 'efs', 'file_system', FS),
  ours('aws_efs_access_point', 'worker', 'access_point', AP, 0),
  ours('aws_iam_role_policy', 'worker', 'iam_role_policy', POLICY, 'role'),
  ours('terraform_data', 'worker', 'mount_script', { input: script }),
  ROLE,
  theirs('aws_instance', 'web', { user_data: createHash('sha1').update(SCRIPT).digest('hex') }),
];

test("a mount with a boot script is an EfsMountEc2, whose script gives the mount's path, options and distribution", () => {
  const m = mapCdktf(ec2Mount(SCRIPT));
  const mount = m.modules.find((x) => x.name === 'worker')!;
  expect(mount.kind).toBe('EfsMountEc2');
  expect(JSON.parse(JSON.stringify(mount.inputs))).toEqual({
    file_system: '${module.efs.file_system}',
    name: 'worker',
    root_directory: '/worker',
    posix_user: { uid: 1000, gid: 1000 },
    root_directory_permissions: '0750',
    mount_path: '/srv/worker',
    read_only: true,
    iam_authorization: true,
    distribution: 'amazon-linux-2',
    role_name: '${aws_iam_role.task-role.name}',
  });
  expect(m.placeholders).toEqual([]);
  expect(m.moved).toContainEqual({
    from: `terraform_data.worker_mount_script_${hash('worker/mount_script')}`,
    to: 'module.worker.terraform_data.mount_script',
  });
  expect(mount.uses[0]).toEqual({
    construct: "aws_instance.web's user_data (mountOn)",
    module: 'module.worker.user_data',
  });
});

test('a boot script that efs-mount-ec2 would not write again leaves the commands after the mount to fill in', () => {
  // As a release with other comments in the script would have written it.
  const m = mapCdktf(ec2Mount(SCRIPT.replace('# Mounts an Amazon EFS', '# Mounts Amazon EFS')));
  const mount = m.modules.find((x) => x.name === 'worker')!;
  expect(mount.inputs).toMatchObject({ mount_path: '/srv/worker', read_only: true, distribution: 'amazon-linux-2' });
  expect(m.placeholders).toEqual([
    expect.stringMatching(
      /^module\.worker\.run_after_mount: the runAfterMount prop \("" if none\): the boot script in the state is not the one efs-mount-ec2 writes .*replaces an aws_instance with user_data_replace_on_change$/,
    ),
  ]);
});

test('the commands after the mount, free text that any string satisfies, are printed to fill in as an object, which fails the plan', () => {
  const { code, stdout } = run(shown(ec2Mount(SCRIPT.replace('# Mounts an Amazon EFS', '# Mounts Amazon EFS'))));
  expect(code).toBe(1);
  expect(stdout).toMatch(/^ {2}run_after_mount += \{ FILL-IN = "the runAfterMount prop \(\\"\\" if none\): .*" \}$/m);
});

test('without a boot script in the state, every input only it holds is a placeholder, and the command exits 1', () => {
  const { code, stderr } = run(shown(ec2Mount('')));
  expect(code).toBe(1);
  for (const input of ['mount_path', 'read_only', 'iam_authorization', 'distribution', 'run_after_mount'])
    expect(stderr).toContain(`module.worker.${input}: `);
});

// ---- the command
function run(text: string, extra: string[] = []): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['migrate', 'cdktf', 'state.json', ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    read: () => text,
  });
  return { code, stdout, stderr };
}
const shown = (resources: StateResource[]) =>
  JSON.stringify({ format_version: '1.0', values: { root_module: { resources } } });

test('a mount of a file system that is not in the stack gets a FILL-IN placeholder, named on stderr, and exit code 1', () => {
  const { code, stdout, stderr } = run(shown([ours('aws_efs_access_point', 'worker', 'access_point', AP, 0), TASK]));
  expect(code).toBe(1);
  expect(stdout).toMatch(
    /^ {2}file_system += "FILL-IN: the file system fs-0123456789abcdef0 as \{ id, arn, security_group_id, mount_target_ids \}"$/m,
  );
  expect(stderr).toContain(
    'module.worker.file_system: file system fs-0123456789abcdef0 is not an EfsFilesystem of this stack',
  );
});

test('a state without our constructs is refused with exit code 2 and nothing printed', () => {
  const { code, stdout, stderr } = run(shown([ROLE]));
  expect([code, stdout]).toEqual([2, '']);
  expect(stderr).toContain('no resource of an EfsFilesystem, EfsMountLambda, EfsMountEcs or EfsMountEc2 in this state');
});

describe('what it reads', () => {
  const resources = [ours('aws_efs_file_system', 'efs', 'file_system', FS)];
  const expected = `to   = module.efs.aws_efs_file_system.this`;

  test('the state file itself (terraform state pull)', () => {
    const state = {
      version: 4,
      resources: [
        { mode: 'managed', type: 'aws_efs_file_system', name: resources[0].name, instances: [{ attributes: FS }] },
      ],
    };
    expect(run(JSON.stringify(state)).stdout).toContain(expected);
  });

  test('a plan that changes nothing: its prior state', () => {
    const planned = {
      format_version: '1.2',
      prior_state: { values: { root_module: { resources } } },
      resource_changes: [{ address: resources[0].address, mode: 'managed', change: { actions: ['no-op'] } }],
    };
    expect(run(JSON.stringify(planned)).stdout).toContain(expected);
  });

  test('a plan that changes something is refused: apply first', () => {
    const planned = {
      format_version: '1.2',
      prior_state: { values: { root_module: { resources } } },
      resource_changes: [{ address: resources[0].address, mode: 'managed', change: { actions: ['update'] } }],
    };
    const { code, stderr } = run(JSON.stringify(planned));
    expect(code).toBe(2);
    expect(stderr).toContain(`this plan changes 1 resource(s) (${resources[0].address}); apply it first`);
  });

  test('--module belongs to terraform-aws-efs', () => {
    const { code, stderr } = run(shown(resources), ['--module', 'efs']);
    expect(code).toBe(2);
    expect(stderr).toContain('--module is for terraform-aws-efs');
  });
});
