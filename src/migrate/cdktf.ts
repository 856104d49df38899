/**
 * Maps a CDKTF stack that uses our constructs onto our HCL modules: one module block per
 * construct instance, with the inputs that keep every resource as the state holds it, and a
 * `moved` block per resource, from the construct's logical ID to the module's address.
 *
 * Inputs are read from the state, so they are the values AWS has, not the expressions the stack
 * wrote. Where the value is the `id`/`name` of another resource of the same state, the input
 * refers to that resource instead (`aws_subnet.private-a.id`), which is what the stack wrote in
 * nearly every case and what `cdktf synth --hcl` keeps under the same address. What the state
 * cannot give is printed as a placeholder (`"FILL-IN: …"`) that fails the plan until it is
 * replaced, and listed in `placeholders`.
 */
import { CREATED_TAG } from '../modules/efs-filesystem/birth-tag';
import { MODULE_OF, type ConstructKind } from './cdktf-parts';
import { readBootScript, scriptUsers, type ScriptUser } from './cdktf-ec2';
import { findConstructs, type ConstructResource, type FoundConstruct } from './cdktf-recognise';
import type { StateResource } from './state';
import type { Moved } from './terraform-aws-efs';

/** An HCL expression printed as is (a reference), not as a quoted string. */
export class Ref {
  constructor(readonly expression: string) {}
  toJSON(): string {
    return `\${${this.expression}}`;
  }
}

/**
 * An input the state cannot give: printed as a string that fails the plan until it is replaced.
 * For a free-text input, which any string satisfies, it is printed as an object instead, which
 * the input's type refuses.
 */
export class Placeholder {
  constructor(
    readonly what: string,
    readonly freeText = false,
  ) {}
  toJSON(): string {
    return `FILL-IN: ${this.what}`;
  }
}

export interface ModuleCall {
  /** The module block's name: the human part of the construct's logical IDs. */
  readonly name: string;
  readonly kind: ConstructKind;
  /** `efs-filesystem`, … */
  readonly module: string;
  /** The construct's path below the stack. */
  readonly path: string;
  readonly inputs: Record<string, unknown>;
  /** What the rest of the configuration reads from the construct, and the module output that replaces it. */
  readonly uses: { construct: string; module: string }[];
}

export interface CdktfMigration {
  readonly modules: ModuleCall[];
  readonly moved: Moved[];
  /** Module inputs printed as placeholders: `module.<name>.<input>: what to write`. */
  readonly placeholders: string[];
  /** Resources under a construct that no module holds (grants): they stay where they are. */
  readonly notes: string[];
  /** What cannot be carried over; a non-empty list means no output. */
  readonly refused: string[];
}

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s !== '';
const list = <T = any>(x: T[] | null | undefined): T[] => x ?? [];
const withoutKeys = (tags: Record<string, string> | null | undefined, drop: string[]) =>
  Object.fromEntries(Object.entries(tags ?? {}).filter(([k]) => !drop.includes(k)));

/** Module block names: letters, digits, `_` and `-`, starting with a letter or `_`. */
const moduleName = (prefix: string) => prefix.replace(/[^A-Za-z0-9_-]/g, '_').replace(/^([^A-Za-z_])/, '_$1');

export function mapCdktf(resources: readonly StateResource[]): CdktfMigration {
  const out: CdktfMigration = { modules: [], moved: [], placeholders: [], notes: [], refused: [] };
  const found = findConstructs(resources);
  if (found.length === 0) {
    out.refused.push(
      'no resource of an EfsFilesystem, EfsMountLambda, EfsMountEcs or EfsMountEc2 in this state (their logical IDs end in _file_system_<hash>, _access_point_<hash>, …); is it the state of the right stack?',
    );
    return out;
  }
  const ours = new Set(found.flatMap((c) => c.resources.map((r) => r.resource.address)));
  const others = resources.filter((r) => !ours.has(r.address));
  const refer = referenceFinder(others);
  const fileSystems = new Map<string, string>();
  for (const c of found.filter((f) => f.kind === 'EfsFilesystem')) {
    const fs = c.resources.find((r) => r.part.part === 'file_system');
    if (fs) fileSystems.set(fs.resource.values.id, moduleName(c.prefix));
  }

  // File systems first: the mounts' blocks refer to them.
  for (const c of [...found].sort((a, b) => Number(b.kind === 'EfsFilesystem') - Number(a.kind === 'EfsFilesystem'))) {
    const name = moduleName(c.prefix);
    const call =
      c.kind === 'EfsFilesystem'
        ? mapFileSystem(c, name, refer, out)
        : mapMount(c, name, others, refer, fileSystems, out);
    if (!call) continue;
    out.modules.push(call);
    const seen = new Set<string>();
    for (const { resource, part } of c.resources) {
      const from = `${resource.type}.${resource.name}`;
      if (seen.has(from)) continue;
      seen.add(from);
      out.moved.push({ from, to: `module.${name}.${resource.type}.${part.hcl}` });
    }
  }
  // A grant (`efs.grantReadWrite(role)`) is a resource of the construct that the module does not hold.
  const grants = others.filter(
    (r) => found.some((c) => r.name.startsWith(`${c.prefix}_`)) && /_[0-9A-F]{8}$/.test(r.name),
  );
  for (const g of grants)
    out.notes.push(
      `${g.address} is not part of the module (a grant or your own resource under the construct): it keeps its address; point what it reads from the construct at the module's outputs.`,
    );
  for (const [id, count] of countBy(out.modules.map((m) => m.name))) {
    if (count > 1) out.refused.push(`two constructs would both become module "${id}"; rename one construct`);
  }
  return out;
}

function countBy(xs: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return m;
}

/**
 * A reference to the resource outside the constructs whose `attribute` is `value`, when exactly
 * one has it (`aws_subnet.a.id`); otherwise the value itself.
 */
type Refer = (value: unknown, attribute?: 'id' | 'name' | 'arn') => unknown;

function referenceFinder(others: readonly StateResource[]): Refer {
  return (value, attribute = 'id') => {
    if (!nonEmpty(value)) return value;
    const hits = others.filter((r) => r.values[attribute] === value);
    if (hits.length !== 1) return value;
    return new Ref(
      `${hits[0].type}.${hits[0].name}${hits[0].index === undefined ? '' : `[${JSON.stringify(hits[0].index)}]`}.${attribute}`,
    );
  };
}

const byPart = (c: FoundConstruct, part: string): ConstructResource[] =>
  c.resources.filter((r) => r.part.part === part);

function mapFileSystem(c: FoundConstruct, name: string, refer: Refer, out: CdktfMigration): ModuleCall | undefined {
  const [fsResource] = byPart(c, 'file_system');
  if (!fsResource) {
    out.refused.push(
      `EfsFilesystem "${c.path}": its aws_efs_file_system is not in the state (only ${c.resources.map((r) => r.resource.address).join(', ')})`,
    );
    return undefined;
  }
  const fs = fsResource.resource.values;
  const inputs: Record<string, unknown> = {};
  inputs.name = fs.tags?.Name;
  if (!nonEmpty(inputs.name))
    out.refused.push(
      `EfsFilesystem "${c.path}": ${fsResource.resource.address} has no Name tag, which the construct always writes; is the state right?`,
    );
  const tags = withoutKeys(fs.tags, ['Name', CREATED_TAG]);
  const group = byPart(c, 'security_group')[0]?.resource.values;
  mountTargetInputs(c, group, refer, inputs, out);
  nfsRuleInputs(c, group, refer, inputs);
  if (group) securityGroupInputs(group, String(inputs.name), inputs);
  fileSystemSettingInputs(c, fs, refer, inputs);
  // The EfsFilesystem's own access points (accessPoints, addAccessPoint).
  inputs.access_points = Object.fromEntries(
    byPart(c, 'access_point').map(({ resource }) => [String(resource.index), accessPointInput(resource.values, tags)]),
  );
  const policy = byPart(c, 'file_system_policy')[0]?.resource;
  if (policy) mapPolicy(policy, name, inputs, out);
  const replication = byPart(c, 'replication')[0]?.resource.values;
  if (replication) inputs.replication = replicationInput(replication);
  unreadPlaceholders(c, name, inputs, out);
  inputs.tags = tags;
  return {
    name,
    kind: 'EfsFilesystem',
    module: MODULE_OF.EfsFilesystem,
    path: c.path,
    inputs,
    uses: fileSystemUses(name),
  };
}

type Values = Record<string, any>;

/** Where the mount targets are (vpc_id, mount_targets) and the security groups they have beside the module's own. */
function mountTargetInputs(
  c: FoundConstruct,
  group: Values | undefined,
  refer: Refer,
  inputs: Record<string, unknown>,
  out: CdktfMigration,
): void {
  const mountTargets = byPart(c, 'mount_target').map((r) => r.resource);
  if (group) {
    inputs.vpc_id = refer(group.vpc_id);
  } else {
    inputs.create_security_group = false;
  }
  inputs.mount_targets = Object.fromEntries(
    mountTargets.map((t) => [String(t.index), { subnet_id: refer(t.values.subnet_id) }]),
  );
  const extraGroups = [
    ...new Set(mountTargets.flatMap((t) => list<string>(t.values.security_groups).filter((id) => id !== group?.id))),
  ].sort();
  const uneven = mountTargets.some(
    (t) => list<string>(t.values.security_groups).filter((id) => id !== group?.id).length !== extraGroups.length,
  );
  if (uneven)
    out.refused.push(
      `EfsFilesystem "${c.path}": its mount targets are in different security groups, which the module cannot express (one list for all)`,
    );
  if (extraGroups.length > 0) inputs.mount_target_security_group_ids = extraGroups.map((id) => refer(id));
}

/** Who may reach NFS, read back from the security group rules the module writes. */
function nfsRuleInputs(c: FoundConstruct, group: Values | undefined, refer: Refer, inputs: Record<string, unknown>) {
  const rules = (part: string) => byPart(c, part).map((r) => r.resource);
  inputs.allowed_security_groups = Object.fromEntries(
    rules('nfs_from_security_groups').map((r) => [String(r.index), refer(r.values.referenced_security_group_id)]),
  );
  inputs.allowed_cidrs = Object.fromEntries(
    rules('nfs_from_cidrs').map((r) => [String(r.index), r.values.cidr_ipv4 ?? r.values.cidr_ipv6]),
  );
  if (group) inputs.allow_nfs_from_self = rules('nfs_from_self').length > 0;
  if (rules('nfs_from_security_groups').length > 0) inputs.client_egress_rules = rules('nfs_to_file_system').length > 0;
}

/** The security group's name (only when it is not the default `<name>-efs`), description and revoke setting. */
function securityGroupInputs(group: Values, fileSystemName: string, inputs: Record<string, unknown>): void {
  const defaultName = `${fileSystemName}-efs`;
  if (nonEmpty(group.name_prefix) && String(group.name).startsWith(group.name_prefix)) {
    if (group.name_prefix !== `${defaultName}-`)
      inputs.security_group_name = String(group.name_prefix).replace(/-$/, '');
  } else {
    inputs.security_group_use_name_prefix = false;
    if (group.name !== defaultName) inputs.security_group_name = group.name;
  }
  inputs.security_group_description = group.description;
  if (group.revoke_rules_on_delete === true) inputs.security_group_revoke_rules_on_delete = true;
}

/** The file system's own settings, written out: they are what the replacement guard compares. */
function fileSystemSettingInputs(c: FoundConstruct, fs: Values, refer: Refer, inputs: Record<string, unknown>): void {
  inputs.encrypted = fs.encrypted;
  if (nonEmpty(fs.kms_key_id)) inputs.kms_key_arn = refer(fs.kms_key_id, 'arn');
  inputs.performance_mode = fs.performance_mode;
  if (nonEmpty(fs.availability_zone_name)) inputs.availability_zone_name = fs.availability_zone_name;
  inputs.throughput_mode = fs.throughput_mode;
  if (fs.throughput_mode === 'provisioned') inputs.provisioned_throughput_in_mibps = fs.provisioned_throughput_in_mibps;
  inputs.lifecycle_policy = Object.assign(
    {},
    ...list(fs.lifecycle_policy).map((p: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(p).filter(([, v]) => nonEmpty(v))),
    ),
  );
  if (nonEmpty(fs.creation_token)) inputs.creation_token = fs.creation_token;
  const protection = list(fs.protection)[0]?.replication_overwrite;
  if (protection === 'ENABLED' || protection === 'DISABLED') inputs.replication_overwrite_protection = protection;
  const backup = byPart(c, 'backup_policy')[0]?.resource.values;
  if (backup) inputs.backup_enabled = list(backup.backup_policy)[0]?.status === 'ENABLED';
}

/** The `replication` input, from the replication configuration's destination. */
function replicationInput(replication: Values): Record<string, unknown> {
  const d = list(replication.destination)[0] ?? {};
  return {
    region: d.region,
    ...(nonEmpty(d.availability_zone_name) ? { availability_zone_name: d.availability_zone_name } : {}),
    ...(nonEmpty(d.kms_key_id) ? { kms_key_arn: d.kms_key_id } : {}),
    ...(nonEmpty(d.file_system_id) ? { file_system_id: d.file_system_id } : {}),
  };
}

/** Backup plans and alarms have a dozen settings each, spread over several resources; not read back yet. */
function unreadPlaceholders(c: FoundConstruct, name: string, inputs: Record<string, unknown>, out: CdktfMigration) {
  const fillIn = (input: string, what: string) => {
    inputs[input] = new Placeholder(what);
    out.placeholders.push(`module.${name}.${input}: ${what}`);
  };
  if (['backup_vault', 'backup_plan', 'backup_selection', 'backup_role'].some((p) => byPart(c, p).length > 0)) {
    fillIn(
      'backup_plan',
      'the backupPlan prop of the construct, in HCL spelling (schedule, delete_after_days, …); see the module README',
    );
  }
  if (byPart(c, 'alarm').length > 0)
    fillIn('alarms', 'the alarms prop of the construct, in HCL spelling; see the module README');
}

/** What the rest of a configuration reads from an EfsFilesystem, and the module output that replaces it. */
function fileSystemUses(name: string): ModuleCall['uses'] {
  return [
    { construct: 'fileSystemId, outputs.id', module: `module.${name}.id` },
    { construct: 'fileSystemArn, outputs.arn', module: `module.${name}.arn` },
    { construct: 'securityGroupId', module: `module.${name}.security_group_id` },
    { construct: "fileSystem (a mount's fileSystem prop)", module: `module.${name}.file_system` },
    {
      construct: 'mountTargetsAvailable (in dependsOn)',
      module: `module.${name}.mount_target_ids (or depends_on = [module.${name}])`,
    },
    { construct: 'outputs.<x>', module: `module.${name}.<x>` },
  ];
}

/** An access point's entry; its tags are the module's, its own and its Name: only its own are kept. */
function accessPointInput(v: Record<string, any>, moduleTags: Record<string, string>): Record<string, unknown> {
  const root = list(v.root_directory)[0] ?? { path: '/', creation_info: [] };
  const posix = list(v.posix_user)[0];
  const info = list(root.creation_info)[0];
  const ap: Record<string, unknown> = { root_directory: root.path ?? '/' };
  if (posix)
    ap.posix_user = {
      uid: posix.uid,
      gid: posix.gid,
      ...(list(posix.secondary_gids).length > 0 ? { secondary_gids: posix.secondary_gids } : {}),
    };
  if (info) ap.creation_info = { owner_uid: info.owner_uid, owner_gid: info.owner_gid, permissions: info.permissions };
  const tags = Object.fromEntries(
    Object.entries(v.tags ?? {}).filter(([k, value]) => k !== 'Name' && moduleTags[k] !== value),
  );
  if (Object.keys(tags).length > 0) ap.tags = tags;
  return ap;
}

/** Statement IDs of the presets efs-filesystem writes (build-policy.ts), by input. */
const PRESET_SIDS: Record<string, string> = {
  allow_access_via_mount_targets: 'AllowClientAccessThroughMountTargets',
  enforce_tls: 'DenyUnencryptedTransport',
  deny_root_access: 'DenyRootAccess',
  read_only: 'DenyWrite',
  enforce_access_point: 'DenyAccessWithoutAccessPoint',
};

function mapPolicy(policy: StateResource, name: string, inputs: Record<string, unknown>, out: CdktfMigration): void {
  let statements: { Sid?: string }[];
  try {
    const parsed = JSON.parse(policy.values.policy ?? '');
    statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement].filter(Boolean);
  } catch {
    out.notes.push(
      `module.${name}: ${policy.address} holds no policy JSON; the presets keep their defaults, so check the plan's policy change.`,
    );
    return;
  }
  const sids = new Set(statements.map((s) => s.Sid ?? ''));
  for (const [input, sid] of Object.entries(PRESET_SIDS)) inputs[input] = sids.has(sid);
  const own = statements.filter((s) => !Object.values(PRESET_SIDS).includes(s.Sid ?? ''));
  if (own.length > 0) {
    inputs.policy_statements = new Placeholder(
      `the policyStatements prop (statements ${own.map((s) => JSON.stringify(s.Sid ?? '')).join(', ')} of the policy), in HCL spelling`,
    );
    out.placeholders.push(`module.${name}.policy_statements: the construct's policyStatements, in HCL spelling`);
  }
}

function mapMount(
  c: FoundConstruct,
  name: string,
  others: readonly StateResource[],
  refer: Refer,
  fileSystems: Map<string, string>,
  out: CdktfMigration,
): ModuleCall | undefined {
  const ap = byPart(c, 'access_point')[0]?.resource.values;
  if (!ap) {
    out.refused.push(
      `mount "${c.path}": it has no access point of its own (the accessPoint prop); this command cannot tell its settings: write its module block by hand`,
    );
    return undefined;
  }
  const script = byPart(c, 'mount_script')[0]?.resource;
  if (script) return mapEc2Mount(c, name, ap, script, others, refer, fileSystems, out);
  const { fn, task } = mountUsers(ap, others);
  if (!fn && !task) {
    out.refused.push(
      `mount "${c.path}": no Lambda function or ECS task definition in the state mounts its access point ${ap.id}, so it is neither an EfsMountLambda nor an EfsMountEcs this command can read`,
    );
    return undefined;
  }
  const kind: ConstructKind = fn ? 'EfsMountLambda' : 'EfsMountEcs';
  const inputs: Record<string, unknown> = {};
  fileSystemInput(ap, name, fileSystems, inputs, out);
  accessPointSettingInputs(ap, inputs);
  const rolePolicy = byPart(c, 'iam_role_policy')[0]?.resource.values;
  const readOnly = rolePolicy ? deniesWrite(rolePolicy.policy) : undefined;
  if (fn) lambdaInputs(fn, ap, readOnly, inputs);
  else ecsInputs(task!, ap, readOnly, inputs);
  const roleInput = kind === 'EfsMountLambda' ? 'role_name' : 'task_role_name';
  if (rolePolicy) inputs[roleInput] = refer(rolePolicy.role, 'name');
  else inputs[kind === 'EfsMountLambda' ? 'attach_role_policy' : 'attach_task_role_policy'] = false;
  const tags = withoutKeys(ap.tags, ['Name']);
  if (Object.keys(tags).length > 0) inputs.tags = tags;
  return { name, kind, module: MODULE_OF[kind], path: c.path, inputs, uses: mountUses(kind, name) };
}

/**
 * An EfsMountEc2, told by its boot script: the access point's settings and the role as for the
 * other mounts, the rest read back from the script (cdktf-ec2.ts), the instances and launch
 * templates that boot with it named in `uses`.
 */
function mapEc2Mount(
  c: FoundConstruct,
  name: string,
  ap: Values,
  script: StateResource,
  others: readonly StateResource[],
  refer: Refer,
  fileSystems: Map<string, string>,
  out: CdktfMigration,
): ModuleCall {
  const kind: ConstructKind = 'EfsMountEc2';
  const inputs: Record<string, unknown> = {};
  fileSystemInput(ap, name, fileSystems, inputs, out);
  accessPointSettingInputs(ap, inputs);
  const reading = readBootScript(script.values.input, ap.id, ap.file_system_id);
  for (const input of ['mount_path', 'read_only', 'iam_authorization', 'distribution', 'run_after_mount'] as const) {
    const unread = reading.unread.find((u) => u.input === input);
    if (unread) {
      inputs[input] = new Placeholder(unread.what, input === 'run_after_mount');
      out.placeholders.push(`module.${name}.${input}: ${unread.what}`);
    } else if (input !== 'run_after_mount' || reading.inputs.run_after_mount !== '') {
      inputs[input] = reading.inputs[input];
    }
  }
  const rolePolicy = byPart(c, 'iam_role_policy')[0]?.resource.values;
  if (rolePolicy) inputs.role_name = refer(rolePolicy.role, 'name');
  else inputs.attach_role_policy = false;
  const tags = withoutKeys(ap.tags, ['Name']);
  if (Object.keys(tags).length > 0) inputs.tags = tags;
  const users = reading.text === undefined ? [] : scriptUsers(reading.text, others);
  return {
    name,
    kind,
    module: MODULE_OF[kind],
    path: c.path,
    inputs,
    uses: [...ec2Uses(name, users), accessPointUse(name)],
  };
}

/** The Lambda function or ECS task definition of the state that mounts the access point `ap`. */
function mountUsers(
  ap: Values,
  others: readonly StateResource[],
): { fn: StateResource | undefined; task: StateResource | undefined } {
  const fn = others.find(
    (r) => r.type === 'aws_lambda_function' && list(r.values.file_system_config).some((f: any) => f.arn === ap.arn),
  );
  const task = others.find(
    (r) => r.type === 'aws_ecs_task_definition' && list(r.values.volume).some((v: any) => volumeUses(v, ap.id)),
  );
  return { fn, task };
}

/** The mount's `file_system`: the module of this stack's EfsFilesystem, or a placeholder for one from elsewhere. */
function fileSystemInput(
  ap: Values,
  name: string,
  fileSystems: Map<string, string>,
  inputs: Record<string, unknown>,
  out: CdktfMigration,
): void {
  const fsModule = fileSystems.get(ap.file_system_id);
  if (fsModule) inputs.file_system = new Ref(`module.${fsModule}.file_system`);
  else {
    inputs.file_system = new Placeholder(
      `the file system ${ap.file_system_id} as { id, arn, security_group_id, mount_target_ids }`,
    );
    out.placeholders.push(
      `module.${name}.file_system: file system ${ap.file_system_id} is not an EfsFilesystem of this stack; give { id, arn, security_group_id, mount_target_ids }`,
    );
  }
}

/** The mount's access point: its name, root directory, POSIX user and the root's permissions. */
function accessPointSettingInputs(ap: Values, inputs: Record<string, unknown>): void {
  inputs.name = ap.tags?.Name;
  const root = list(ap.root_directory)[0] ?? {};
  inputs.root_directory = root.path ?? '/';
  const posix = list(ap.posix_user)[0];
  if (posix)
    inputs.posix_user = {
      uid: posix.uid,
      gid: posix.gid,
      ...(list(posix.secondary_gids).length > 0 ? { secondary_gids: posix.secondary_gids } : {}),
    };
  const permissions = list(root.creation_info)[0]?.permissions;
  if (nonEmpty(permissions) && permissions !== '0755') inputs.root_directory_permissions = permissions;
}

/** An EfsMountLambda's inputs read from the function's file_system_config. */
function lambdaInputs(fn: StateResource, ap: Values, readOnly: boolean | undefined, inputs: Record<string, unknown>) {
  inputs.mount_path = list(fn.values.file_system_config).find((f: any) => f.arn === ap.arn)?.local_mount_path;
  if (readOnly !== undefined) inputs.read_only = readOnly;
}

/** An EfsMountEcs's inputs read from the task definition's volume and the container's mount point. */
function ecsInputs(task: StateResource, ap: Values, readOnly: boolean | undefined, inputs: Record<string, unknown>) {
  const volume = list(task.values.volume).find((v: any) => volumeUses(v, ap.id));
  const efs = list(volume.efs_volume_configuration)[0] ?? {};
  const mountPoint = containerMountPoint(task.values.container_definitions, volume.name);
  if (mountPoint?.containerPath) inputs.container_path = mountPoint.containerPath;
  inputs.volume_name = volume.name;
  inputs.read_only = readOnly ?? mountPoint?.readOnly === true;
  inputs.iam_authorization = list(efs.authorization_config)[0]?.iam === 'ENABLED';
  if (typeof efs.transit_encryption_port === 'number' && efs.transit_encryption_port > 0)
    inputs.transit_encryption_port = efs.transit_encryption_port;
}

/** What the rest of a configuration reads from a mount construct, and the module output that replaces it. */
function mountUses(kind: ConstructKind, name: string): ModuleCall['uses'] {
  const uses =
    kind === 'EfsMountLambda'
      ? [
          {
            construct: "the function's file_system_config",
            module: `module.${name}.file_system_config (arn, local_mount_path)`,
          },
          {
            construct: "the function's depends_on on the mount targets",
            module: `nothing: file_system_config waits for them`,
          },
        ]
      : [
          { construct: "the task definition's volume block", module: `module.${name}.volume` },
          { construct: 'mountPoint (in containerDefinitions)', module: `module.${name}.mount_point` },
        ];
  return [...uses, accessPointUse(name)];
}

/** Every mount's accessPointId and accessPointArn. */
function accessPointUse(name: string): ModuleCall['uses'][number] {
  return {
    construct: 'accessPointId, accessPointArn',
    module: `module.${name}.access_point_id, module.${name}.access_point_arn`,
  };
}

/**
 * What instances and launch templates read from an EfsMountEc2: those of the state whose user data
 * is its script, by address, or else what `mountOn` gives each kind.
 */
function ec2Uses(name: string, bootUsers: readonly ScriptUser[]): ModuleCall['uses'] {
  const userData =
    bootUsers.length > 0
      ? bootUsers.map((u) => ({
          construct: `${u.address}'s user_data (mountOn)`,
          module: `module.${name}.${u.output}`,
        }))
      : [
          { construct: "an instance's user data (mountOn, userData)", module: `module.${name}.user_data` },
          {
            construct: "a launch template's user data (mountOn, userDataBase64)",
            module: `module.${name}.user_data_base64`,
          },
        ];
  return [
    ...userData,
    {
      construct: "mountOn's depends_on on the mount targets",
      module: 'nothing: the user data waits for them',
    },
    {
      construct: 'cloudInitPart, fstabLine, mountCommand',
      module: `module.${name}.cloud_init_part, module.${name}.fstab_line, module.${name}.mount_command`,
    },
  ];
}

function volumeUses(volume: any, accessPointId: string): boolean {
  return list(volume.efs_volume_configuration).some((e: any) =>
    list(e.authorization_config).some((a: any) => a.access_point_id === accessPointId),
  );
}

function containerMountPoint(
  definitions: unknown,
  volume: string,
): { containerPath?: string; readOnly?: boolean } | undefined {
  try {
    const containers = JSON.parse(String(definitions)) as {
      mountPoints?: { sourceVolume?: string; containerPath?: string; readOnly?: boolean }[];
    }[];
    return containers.flatMap((c) => c.mountPoints ?? []).find((m) => m.sourceVolume === volume);
  } catch {
    return undefined;
  }
}

/** Whether the mount's role policy denies writes (read_only); undefined when it is no policy JSON. */
function deniesWrite(policy: unknown): boolean | undefined {
  try {
    const parsed = JSON.parse(String(policy));
    const statements: { Sid?: string }[] = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement];
    return statements.some((s) => s?.Sid === 'DenyWriteThroughAccessPoint');
  } catch {
    return undefined;
  }
}
