/**
 * The exit from CDKTF to plain HCL, planned with the real AWS provider: a CDKTF stack that uses
 * our constructs (cdktf-stack.ts) is synthesized and planned, the state that applying it would
 * leave is built (support/state.ts), `efs-modules migrate cdktf` reads that state, and a root
 * holding the stack's other resources, the printed module and moved blocks and our HCL modules
 * is planned against the same state with -refresh=false. Two plans in all.
 */
import { plainText } from '../../src/modules/efs-mount-ec2/text-parts';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { CdktfMigration } from '../../src/migrate/cdktf';
import { fstabLine, joinOptions, mountOptions } from '../../src/modules/efs-mount-ec2/fstab';
import { scriptLines } from '../../src/modules/efs-mount-ec2/script';
import { ROOT } from '../support/examples';
import { awsSchema, dynamic, stateFromPlan } from '../support/state';
import { synthStack } from '../support/synth';
import { init, makeTempDir, plan, providerOverride, ResourceChange as Change, stage } from '../support/terraform';
import { buildExitStack, RUN_AFTER_MOUNT, ZONES } from './cdktf-stack';

type ResourceChange = Change & { previous_address?: string };

function migrate(file: string, extra: string[] = []): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['migrate', 'cdktf', file, '--source', '../modules/{module}', ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    read: (f) => readFileSync(f, 'utf8'),
  });
  return { code, stdout, stderr };
}

const instances = (state: any, type: string, name?: string): any[] =>
  state.resources
    .filter((r: any) => r.type === type && (name === undefined || r.name === name))
    .flatMap((r: any) => r.instances);
const one = (state: any, type: string, name?: string): any => {
  const found = instances(state, type, name);
  if (found.length !== 1) throw new Error(`expected one ${type} ${name ?? ''} in the state, found ${found.length}`);
  return found[0].attributes;
};

/**
 * What an apply records that the create plan could not know: attributes that read another
 * resource's ID or name hold that resource's value. stateFromPlan gives each unknown a fake of
 * its own; here the ones the migration reads are set to the value they refer to in the stack.
 */
function settle(state: any): void {
  // What AWS reports for a Regional file system encrypted with the AWS managed key.
  Object.assign(one(state, 'aws_efs_file_system'), {
    availability_zone_name: '',
    kms_key_id: 'arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d',
    creation_token: 'terraform-20261207000000000000000002',
  });
  const vpc = one(state, 'aws_vpc');
  // IDs in AWS's forms (stateFromPlan's fakes for these types are not), which the module's rules check.
  vpc.id = 'vpc-0e1f2a3b4c5d6e7f8';
  instances(state, 'aws_subnet').forEach((i, n) => (i.attributes.id = `subnet-0e1f2a3b4c5d6e7f${n}`));
  const group = one(state, 'aws_security_group', 'function-group');
  const instanceGroup = one(state, 'aws_security_group', 'instance-group');
  const groupOfClient: Record<string, string> = { function: group.id, 'boot-mount': instanceGroup.id };
  const role = one(state, 'aws_iam_role', 'function-role');
  role.name = 'exit-20261207000000000000000001';
  const taskRole = one(state, 'aws_iam_role', 'task-role');
  taskRole.name = 'exit-task-20261207000000000000000004';
  const fileSystem = one(state, 'aws_efs_file_system');
  for (const r of state.resources)
    for (const i of r.instances) if ('vpc_id' in i.attributes) i.attributes.vpc_id = vpc.id;
  for (const i of instances(state, 'aws_efs_mount_target'))
    i.attributes.subnet_id = one(state, 'aws_subnet', `subnet-${i.index_key}`).id;
  for (const i of instances(state, 'aws_vpc_security_group_ingress_rule')) {
    if (i.index_key in groupOfClient) i.attributes.referenced_security_group_id = groupOfClient[i.index_key];
  }
  for (const i of instances(state, 'aws_vpc_security_group_egress_rule'))
    i.attributes.security_group_id = groupOfClient[i.index_key];
  const accessPointOf = (mount: string) =>
    state.resources.find((r: any) => r.type === 'aws_efs_access_point' && r.name.startsWith(`${mount}_`)).instances[0]
      .attributes;
  const policyOf = (mount: string) =>
    state.resources.find((r: any) => r.type === 'aws_iam_role_policy' && r.name.startsWith(`${mount}_`)).instances[0]
      .attributes;
  const mountAccessPoint = accessPointOf('data-mount');
  Object.assign(one(state, 'aws_lambda_function'), {
    role: role.arn,
    vpc_config: [
      {
        ...one(state, 'aws_lambda_function').vpc_config[0],
        security_group_ids: [group.id],
        subnet_ids: instances(state, 'aws_subnet').map((i) => i.attributes.id),
      },
    ],
  });
  one(state, 'aws_lambda_function').file_system_config[0].arn = mountAccessPoint.arn;
  // A security group created with name_prefix is named by AWS from it.
  for (const i of instances(state, 'aws_security_group'))
    i.attributes.name = `${i.attributes.name_prefix}20261207000000000000000003`;
  policyOf('data-mount').role = role.name;
  policyOf('reports-mount').role = taskRole.name;
  const task = one(state, 'aws_ecs_task_definition');
  task.task_role_arn = taskRole.arn;
  const efs = task.volume[0].efs_volume_configuration[0];
  efs.file_system_id = fileSystem.id;
  efs.authorization_config[0].access_point_id = accessPointOf('reports-mount').id;

  const instanceRole = one(state, 'aws_iam_role', 'instance-role');
  instanceRole.name = 'exit-instance-20261207000000000000000005';
  policyOf('boot-mount').role = instanceRole.name;
  const script = bootScript(accessPointOf('boot-mount').id, fileSystem.id);
  const mountScript = state.resources.find(
    (r: any) => r.type === 'terraform_data' && r.name.startsWith('boot-mount_mount_script_'),
  );
  Object.assign(mountScript.instances[0].attributes, { input: dynamic(script), output: dynamic(script) });
  // The provider stores an instance's user data as the SHA-1 of its text, a launch template's as given.
  Object.assign(one(state, 'aws_instance'), {
    user_data: createHash('sha1').update(script).digest('hex'),
    subnet_id: one(state, 'aws_subnet', `subnet-${ZONES[0]}`).id,
    vpc_security_group_ids: [instanceGroup.id],
  });
  one(state, 'aws_launch_template').user_data = Buffer.from(script).toString('base64');
}

/**
 * The boot script the apply stores for the stack's EfsMountEc2 (its text reads the access point's
 * ID, unknown to the create plan): the construct's values in the script's text, which the build
 * writes into the HCL template that Terraform evaluates.
 */
function bootScript(accessPointId: string, fileSystemId: string): string {
  const options = joinOptions(mountOptions({ iam: 'iam', readOnly: '', accessPointId }, plainText));
  return scriptLines(
    {
      distribution: 'amazon-linux-2023',
      mountPath: '/mnt/boot',
      fstabLine: fstabLine({ fileSystemId, mountPath: '/mnt/boot', options }, plainText),
      runAfterMount: RUN_AFTER_MOUNT,
    },
    plainText,
  ).join('\n');
}

/**
 * The stack's own configuration as `cdktf synth --hcl` keeps it, edited as docs/migrate-from-cdktf.md
 * says: the constructs' resources, data sources and locals deleted, and what the function, the task
 * definition, the instance and the launch template read from the mounts read from the modules instead.
 */
function withoutConstructs(stack: any, migration: CdktfMigration): any {
  // Resources and data sources `<construct>_<part>_<hash>`, locals `<construct, with _ for ->_<name>`.
  const prefixes = migration.modules.map((m) => m.name);
  const ofConstruct = (name: string) => prefixes.some((p) => name.startsWith(`${p}_`) && /_[0-9A-F]{8}$/.test(name));
  const localOfConstruct = (name: string) => prefixes.some((p) => name.startsWith(`${p.replace(/-/g, '_')}_`));
  const kept = (blocks: Record<string, Record<string, unknown>>, drop: (type: string, name: string) => boolean) =>
    Object.fromEntries(
      Object.entries(blocks)
        .map(
          ([type, byName]) =>
            [type, Object.fromEntries(Object.entries(byName).filter(([name]) => !drop(type, name)))] as const,
        )
        .filter(([, byName]) => Object.keys(byName).length > 0),
    );
  const { data, locals, ...rest } = stack;
  const keptData = kept(data ?? {}, (_type, name) => ofConstruct(name));
  const keptLocals = Object.fromEntries(Object.entries(locals ?? {}).filter(([name]) => !localOfConstruct(name)));
  const out = {
    ...rest,
    resource: kept(stack.resource, (_type, name) => ofConstruct(name)),
    ...(Object.keys(keptData).length > 0 ? { data: keptData } : {}),
    ...(Object.keys(keptLocals).length > 0 ? { locals: keptLocals } : {}),
  };
  const mount = migration.modules.find((m) => m.kind === 'EfsMountLambda')!.name;
  const fn = out.resource.aws_lambda_function.function;
  fn.file_system_config = {
    arn: `\${module.${mount}.file_system_config.arn}`,
    local_mount_path: `\${module.${mount}.file_system_config.local_mount_path}`,
  };
  delete fn.depends_on;

  const ecs = migration.modules.find((m) => m.kind === 'EfsMountEcs')!.name;
  const task = out.resource.aws_ecs_task_definition.task;
  const volume = (field: string) => `\${module.${ecs}.volume.${field}}`;
  task.volume = [
    {
      name: volume('name'),
      efs_volume_configuration: {
        file_system_id: volume('efs_volume_configuration.file_system_id'),
        root_directory: volume('efs_volume_configuration.root_directory'),
        transit_encryption: volume('efs_volume_configuration.transit_encryption'),
        transit_encryption_port: volume('efs_volume_configuration.transit_encryption_port'),
        authorization_config: {
          access_point_id: volume('efs_volume_configuration.authorization_config.access_point_id'),
          iam: volume('efs_volume_configuration.authorization_config.iam'),
        },
      },
    },
  ];
  // The mount point the construct wrote into the container definitions, read from the module.
  const mountPoint = new RegExp(`\\{"sourceVolume" = local\\.${ecs.replace(/-/g, '_')}_volume_name[^}]*\\}`);
  if (!mountPoint.test(task.container_definitions))
    throw new Error(`no mount point of ${ecs} in ${task.container_definitions}`);
  task.container_definitions = task.container_definitions.replace(mountPoint, `module.${ecs}.mount_point`);
  delete task.depends_on;

  // What mountOn gave the instance and the launch template: the script, and a wait for the mount
  // targets, which the module's user data carries by itself.
  const ec2 = migration.modules.find((m) => m.kind === 'EfsMountEc2')!.name;
  const instance = out.resource.aws_instance.instance;
  const template = out.resource.aws_launch_template['launch-template'];
  instance.user_data = `\${module.${ec2}.user_data}`;
  template.user_data = `\${module.${ec2}.user_data_base64}`;
  delete instance.depends_on;
  delete template.depends_on;
  return out;
}

let migration: CdktfMigration;
let printed: { code: number; stdout: string; stderr: string };
let changes: ResourceChange[];
let state: any;
let stateFile: string;

beforeAll(async () => {
  const stack = synthStack(buildExitStack);
  const cdktfDir = makeTempDir('efs-modules-cdktf-stack-');
  writeFileSync(join(cdktfDir, 'cdk.tf.json'), JSON.stringify(stack, null, 2));
  writeFileSync(join(cdktfDir, 'provider_override.tf'), providerOverride());
  await init(cdktfDir);
  const created = await plan(cdktfDir);
  state = stateFromPlan(created, await awsSchema(cdktfDir));
  settle(state);
  stateFile = join(cdktfDir, 'terraform.tfstate');
  writeFileSync(stateFile, JSON.stringify(state, null, 2));

  printed = migrate(stateFile);
  migration = JSON.parse(migrate(stateFile, ['--json']).stdout) as CdktfMigration;

  const modules = ['efs-filesystem', 'efs-mount-lambda', 'efs-mount-ecs', 'efs-mount-ec2'].map((m) => `modules/${m}`);
  const top = stage(ROOT, modules, { 'root/provider_override.tf': providerOverride() });
  const dir = join(top, 'root');
  writeFileSync(join(dir, 'stack.tf.json'), JSON.stringify(withoutConstructs(stack, migration), null, 2));
  writeFileSync(join(dir, 'migrate.tf'), printed.stdout);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  await init(dir);
  changes = (await plan(dir, { extraArgs: ['-refresh=false', '-lock=false'] })).resource_changes ?? [];
}, 300_000);

const acts = (c: ResourceChange) => c.change.actions.join('+');
const moduleOf = (m: CdktfMigration, kind: string) => m.modules.find((x) => x.kind === kind)!;

test('the command recognises the file system and the three mounts, and prints their blocks with nothing to fill in', () => {
  expect(printed.stderr).toBe('');
  expect(printed.code).toBe(0);
  expect(migration.modules.map((m) => `${m.kind} ${m.name} ${m.path}`)).toEqual([
    'EfsFilesystem efs efs',
    'EfsMountEc2 boot-mount boot-mount',
    'EfsMountLambda data-mount data-mount',
    'EfsMountEcs reports-mount reports-mount',
  ]);
  expect(printed.stdout).toContain('module "efs" {');
  expect(printed.stdout).toMatch(/^ {2}file_system += module\.efs\.file_system$/m);
});

test("inputs that held another resource's ID or name refer to that resource", () => {
  const [efs, mount, ecsMount] = ['EfsFilesystem', 'EfsMountLambda', 'EfsMountEcs'].map((k) => moduleOf(migration, k));
  expect(ecsMount.inputs).toMatchObject({
    task_role_name: '${aws_iam_role.task-role.name}',
    container_path: '/mnt/reports',
    read_only: true,
    volume_name: 'exit-reports',
  });
  expect(efs.inputs).toMatchObject({
    vpc_id: '${aws_vpc.vpc.id}',
    mount_targets: Object.fromEntries(ZONES.map((z) => [z, { subnet_id: `\${aws_subnet.subnet-${z}.id}` }])),
    allowed_security_groups: {
      function: '${aws_security_group.function-group.id}',
      'boot-mount': '${aws_security_group.instance-group.id}',
    },
  });
  expect(mount.inputs).toMatchObject({
    role_name: '${aws_iam_role.function-role.name}',
    mount_path: '/mnt/data',
    root_directory: '/data',
  });
});

test("an EfsMountEc2's inputs are read back from its boot script, the commands after the mount escaped for HCL", () => {
  expect(JSON.parse(JSON.stringify(moduleOf(migration, 'EfsMountEc2').inputs))).toEqual({
    file_system: '${module.efs.file_system}',
    name: 'exit-boot',
    root_directory: '/boot',
    posix_user: { uid: 1003, gid: 1003 },
    mount_path: '/mnt/boot',
    read_only: false,
    iam_authorization: true,
    distribution: 'amazon-linux-2023',
    run_after_mount: RUN_AFTER_MOUNT,
    role_name: '${aws_iam_role.instance-role.name}',
  });
  // `${HOSTNAME}` is the shell's: HCL would read it as a reference unless written `$${`.
  expect(printed.stdout).toContain(
    'run_after_mount   = "echo \\"mounted at $(date)\\" >> /var/log/exit-boot.log\\nsystemctl start \\"exit-app@$${HOSTNAME}\\""',
  );
});

test('the instance and the launch template that boot with the script are named, with the output each reads instead', () => {
  expect(printed.stdout).toContain(
    `# - EfsMountEc2 "boot-mount": aws_instance.instance's user_data (mountOn) → module.boot-mount.user_data\n`,
  );
  expect(printed.stdout).toContain(
    `# - EfsMountEc2 "boot-mount": aws_launch_template.launch-template's user_data (mountOn) → module.boot-mount.user_data_base64\n`,
  );
});

test('nothing is created, replaced or deleted; every resource of the constructs moves to its module address', () => {
  expect(changes.filter((c) => c.change.actions.includes('delete')).map((c) => `${acts(c)} ${c.address}`)).toEqual([]);
  expect(changes.filter((c) => c.change.actions.includes('create')).map((c) => `${acts(c)} ${c.address}`)).toEqual([]);
  const moved = changes.filter((c) => c.previous_address).map((c) => `${c.previous_address} -> ${c.address}`);
  expect(moved).toEqual(
    expect.arrayContaining([
      'aws_efs_file_system.efs_file_system_D9A5D3EE -> module.efs.aws_efs_file_system.this',
      'aws_security_group.efs_security_group_45359732[0] -> module.efs.aws_security_group.this[0]',
      ...ZONES.map(
        (z) => `aws_efs_mount_target.efs_mount_target_7FEFE387["${z}"] -> module.efs.aws_efs_mount_target.this["${z}"]`,
      ),
      'aws_efs_access_point.efs_access_point_348645C7["shared"] -> module.efs.aws_efs_access_point.this["shared"]',
      'aws_efs_access_point.efs_access_point_348645C7["reports"] -> module.efs.aws_efs_access_point.this["reports"]',
      'aws_efs_access_point.data-mount_access_point_CD045C8C[0] -> module.data-mount.aws_efs_access_point.this[0]',
      'aws_efs_access_point.reports-mount_access_point_460A623A[0] -> module.reports-mount.aws_efs_access_point.this[0]',
      'aws_efs_access_point.boot-mount_access_point_9856375C[0] -> module.boot-mount.aws_efs_access_point.this[0]',
      'aws_iam_role_policy.boot-mount_iam_role_policy_D35E873B["role"] -> module.boot-mount.aws_iam_role_policy.this["role"]',
      'terraform_data.boot-mount_input_checks_567E2FAE -> module.boot-mount.terraform_data.input_checks',
      'terraform_data.boot-mount_mount_script_04D35212 -> module.boot-mount.terraform_data.mount_script',
    ]),
  );
  // The task definition, the function, the instance and the launch template, which the mounts
  // wrote into, stay as they are: a new volume or container definition would replace the task
  // definition, a new script the instance (user_data_replace_on_change) and the template's version.
  const clients = ['aws_ecs_task_definition', 'aws_lambda_function', 'aws_instance', 'aws_launch_template'];
  expect(changes.filter((c) => clients.includes(c.type)).map((c) => `${acts(c)} ${c.address}`)).toEqual([
    'no-op aws_ecs_task_definition.task',
    'no-op aws_instance.instance',
    'no-op aws_lambda_function.function',
    'no-op aws_launch_template.launch-template',
  ]);
  expect(changes.find((c) => c.address === 'module.boot-mount.terraform_data.mount_script')?.change.actions).toEqual([
    'no-op',
  ]);
});

test('the only changes are the four policies whose JSON the built state could not hold', () => {
  // stateFromPlan writes a placeholder for values known only after apply, such as a policy
  // document's JSON: the plan computes the real document and updates it in place.
  const updated = changes.filter((c) => acts(c) === 'update');
  expect(updated.map((c) => c.address).sort()).toEqual([
    'module.boot-mount.aws_iam_role_policy.this["role"]',
    'module.data-mount.aws_iam_role_policy.this["role"]',
    'module.efs.aws_efs_file_system_policy.this',
    'module.reports-mount.aws_iam_role_policy.this["role"]',
  ]);
  for (const c of updated) {
    const differing = Object.keys(c.change.after).filter(
      (k) => JSON.stringify(c.change.after[k]) !== JSON.stringify((c.change as any).before[k]),
    );
    expect(differing).toEqual(['policy']);
  }
});

test("with the policies as the apply writes them, the command reads back the presets and the mounts' access the stack had", () => {
  // The policy documents the plan computed are what the apply would have stored.
  for (const c of changes.filter((x) => acts(x) === 'update')) {
    const from = migration.moved.find((m) => c.address.startsWith(`${m.to}`))!.from.split('.')[1];
    state.resources.find((r: any) => r.name === from).instances[0].attributes.policy = c.change.after.policy;
  }
  writeFileSync(stateFile, JSON.stringify(state));
  const again = JSON.parse(migrate(stateFile, ['--json']).stdout) as CdktfMigration;
  const [efs, lambda, ecs, ec2] = ['EfsFilesystem', 'EfsMountLambda', 'EfsMountEcs', 'EfsMountEc2'].map((k) =>
    moduleOf(again, k),
  );
  expect(efs.inputs).toMatchObject({
    allow_access_via_mount_targets: true,
    enforce_tls: true,
    deny_root_access: false,
    read_only: false,
    enforce_access_point: false,
  });
  expect(efs.inputs.policy_statements).toBeUndefined();
  expect([lambda.inputs.read_only, ecs.inputs.read_only, ec2.inputs.read_only]).toEqual([false, true, false]);
  expect(again.notes).toEqual([]);
});
