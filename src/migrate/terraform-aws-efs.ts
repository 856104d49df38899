/**
 * Maps a deployment of terraform-aws-modules/terraform-aws-efs v1.x (AWS provider 5.x) onto
 * efs-filesystem: the inputs that keep every resource as it is, the `moved` blocks for the
 * resources whose address changes, and `import` + `removed` blocks for the security group
 * rules, which change resource type (`aws_security_group_rule` → `aws_vpc_security_group_ingress_rule`),
 * something a `moved` block cannot do.
 *
 * Everything that efs-filesystem cannot reproduce without replacing or deleting something is
 * refused, item by item: the caller prints nothing but the list.
 */
import { indexSuffix, StateResource } from './state';

export interface Moved {
  from: string;
  to: string;
}

export interface Import {
  to: string;
  /** The AWS security group rule ID (`sgr-…`); undefined when the state does not record it. */
  id?: string;
  /** What the rule allows, to find its ID by hand: `sg-… → 2049/tcp`. */
  what: string;
}

export interface Migration {
  /** `module.efs`: the module block keeps its name, its source changes. */
  module: string;
  /** efs-filesystem inputs, in the order they are printed. */
  inputs: Record<string, unknown>;
  moved: Moved[];
  imports: Import[];
  /** Resources Terraform forgets without destroying (`removed { lifecycle { destroy = false } }`). */
  removed: string[];
  /** What changes in place, for the reader of the plan. */
  notes: string[];
  /** What cannot be carried over; a non-empty list means no output. */
  refused: string[];
}

const NFS_PORT = 2049;
/** Statement IDs of the policy terraform-aws-efs v1 writes itself; others are the user's. */
const UPSTREAM_SIDS = new Set(['NonSecureTransport', 'NonSecureTransportAccessedViaMountTarget']);

const nonEmpty = (s: unknown): s is string => typeof s === 'string' && s !== '';
// State values are untyped JSON: nested blocks are lists of objects, often empty or null.
const list = <T = any>(x: T[] | null | undefined): T[] => x ?? [];

/** Tags a resource has beyond the module-wide ones (and the Name the module writes). */
function ownTags(tags: Record<string, string> | null, moduleTags: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(tags ?? {}).filter(([k, v]) => k !== 'Name' && moduleTags[k] !== v));
}

/** Resource types terraform-aws-efs v1 creates: anything else means the module is not that one. */
const UPSTREAM_TYPES = new Set([
  'aws_efs_file_system',
  'aws_efs_mount_target',
  'aws_efs_access_point',
  'aws_security_group',
  'aws_security_group_rule',
  'aws_efs_backup_policy',
  'aws_efs_file_system_policy',
  'aws_efs_replication_configuration',
]);

/** An address inside the module block. */
type At = (local: string) => string;

export function mapTerraformAwsEfs(resources: readonly StateResource[], module: string): Migration {
  const m: Migration = { module, inputs: {}, moved: [], imports: [], removed: [], notes: [], refused: [] };
  const at: At = (local) => `${module}.${local}`;
  const byType = (type: string) => resources.filter((r) => r.type === type);
  for (const r of resources) {
    if (!UPSTREAM_TYPES.has(r.type))
      m.refused.push(`${r.address}: terraform-aws-efs v1 has no ${r.type}; is ${module} really that module?`);
  }

  const fileSystems = byType('aws_efs_file_system');
  if (fileSystems.length !== 1) {
    m.refused.push(
      `${module}: expected one aws_efs_file_system.this[0], found ${fileSystems.length} (a module with create = false has nothing to migrate)`,
    );
    return m;
  }
  const moduleTags = ownTags(fileSystems[0].values.tags, {});
  const group = byType('aws_security_group')[0];

  mapFileSystem(fileSystems[0], group, m, at);
  mapMountTargets(byType('aws_efs_mount_target'), group, m);
  if (group) mapSecurityGroup(group, m);
  mapRules(byType('aws_security_group_rule'), group, m, at);

  // ---- access points
  const accessPoints: Record<string, unknown> = {};
  for (const ap of byType('aws_efs_access_point')) accessPoints[String(ap.index)] = mapAccessPoint(ap, moduleTags, m);
  m.inputs.access_points = accessPoints;

  // ---- backup, policy, replication
  mapBackupPolicy(byType('aws_efs_backup_policy')[0], m, at);
  const policy = byType('aws_efs_file_system_policy')[0];
  if (policy) mapPolicy(policy, m, at);
  else
    m.notes.push(
      'no file system policy in the state (attach_policy = false): efs-filesystem attaches one (TLS only, and access through mount targets).',
    );
  const replication = byType('aws_efs_replication_configuration')[0];
  if (replication) mapReplication(replication, m, at);
  m.inputs.tags = moduleTags;
  return m;
}

/** The file system: every setting that replaces it, and the mutable ones as they are. */
function mapFileSystem(fileSystem: StateResource, group: StateResource | undefined, m: Migration, at: At): void {
  const fs = fileSystem.values;
  m.inputs.name = fs.tags?.Name ?? '';
  if (!nonEmpty(m.inputs.name))
    m.refused.push(
      `${fileSystem.address}: no Name tag (the module's name input was empty); efs-filesystem needs a name`,
    );
  if (group) m.inputs.vpc_id = group.values.vpc_id;
  m.inputs.encrypted = fs.encrypted;
  if (nonEmpty(fs.kms_key_id)) m.inputs.kms_key_arn = fs.kms_key_id;
  m.inputs.performance_mode = fs.performance_mode;
  if (nonEmpty(fs.availability_zone_name)) m.inputs.availability_zone_name = fs.availability_zone_name;
  m.inputs.throughput_mode = fs.throughput_mode;
  if (fs.throughput_mode === 'provisioned')
    m.inputs.provisioned_throughput_in_mibps = fs.provisioned_throughput_in_mibps;
  const lifecycle = Object.assign(
    {},
    ...list(fs.lifecycle_policy).map((p: Record<string, string | null>) =>
      Object.fromEntries(Object.entries(p).filter(([, v]) => nonEmpty(v))),
    ),
  );
  m.inputs.lifecycle_policy = lifecycle;
  m.moved.push({ from: at('aws_efs_file_system.this[0]'), to: at('aws_efs_file_system.this') });
  // Immutable: written out, so that a later change of it is refused by the replacement guard.
  if (nonEmpty(fs.creation_token)) m.inputs.creation_token = fs.creation_token;
  for (const p of list(fs.protection)) {
    // REPLICATING is a status AWS sets while the file system is a destination, not a value to send.
    if (p.replication_overwrite === 'ENABLED' || p.replication_overwrite === 'DISABLED')
      m.inputs.replication_overwrite_protection = p.replication_overwrite;
    else if (nonEmpty(p.replication_overwrite))
      m.notes.push(
        `protection.replication_overwrite ${JSON.stringify(p.replication_overwrite)} is set by AWS and kept: replication_overwrite_protection is left out.`,
      );
  }
}

/** The mount targets, keyed by their index; refused when they use groups the module does not hold. */
function mapMountTargets(mountTargets: StateResource[], group: StateResource | undefined, m: Migration): void {
  m.inputs.mount_targets = Object.fromEntries(mountTargets.map((t) => [t.index, { subnet_id: t.values.subnet_id }]));
  for (const t of mountTargets) {
    const extra = list<string>(t.values.security_groups).filter((id) => id !== group?.values.id);
    // efs-filesystem can hold both (create_security_group = false, mount_target_security_group_ids);
    // this command does not map them yet, and printing the module's group instead would change access.
    if (!group)
      m.refused.push(
        `${t.address}: uses only security groups managed outside the module (create_security_group = false), which this command does not carry over yet: write create_security_group = false and mount_target_security_group_ids by hand`,
      );
    else if (extra.length > 0)
      m.refused.push(
        `${t.address}: is also in ${extra.join(', ')}, which this command does not carry over yet: without mount_target_security_group_ids the apply would remove ${extra.length === 1 ? 'that group' : 'those groups'} and the access they give`,
      );
  }
}

/** The backup policy: its status, or a note when the state has none (efs-filesystem always manages one). */
function mapBackupPolicy(backup: StateResource | undefined, m: Migration, at: At): void {
  if (backup) {
    m.inputs.backup_enabled = list(backup.values.backup_policy)[0]?.status === 'ENABLED';
    m.moved.push({ from: at('aws_efs_backup_policy.this[0]'), to: at('aws_efs_backup_policy.this') });
  } else {
    m.notes.push(
      'no backup policy in the state (create_backup_policy = false): efs-filesystem manages one, and backup_enabled (default true) decides whether AWS Backup runs; set it to what the file system has.',
    );
  }
}

/** The replication configuration: its destination, moved to the module's one `replica` entry. */
function mapReplication(replication: StateResource, m: Migration, at: At): void {
  const d = list(replication.values.destination)[0] ?? {};
  m.inputs.replication = {
    region: d.region,
    ...(nonEmpty(d.availability_zone_name) ? { availability_zone_name: d.availability_zone_name } : {}),
    ...(nonEmpty(d.kms_key_id) ? { kms_key_arn: d.kms_key_id } : {}),
  };
  m.moved.push({
    from: at('aws_efs_replication_configuration.this[0]'),
    to: at('aws_efs_replication_configuration.this["replica"]'),
  });
}

function mapSecurityGroup(group: StateResource, m: Migration): void {
  const { name, name_prefix: prefix, description } = group.values;
  if (nonEmpty(prefix) && String(name).startsWith(prefix)) {
    // terraform-aws-efs writes the prefix as "<security_group_name>-", as efs-filesystem does.
    if (!prefix.endsWith('-'))
      m.refused.push(
        `${group.address}: its name prefix ${JSON.stringify(prefix)} does not end in "-"; efs-filesystem writes "<security_group_name>-" and would replace the group`,
      );
    m.inputs.security_group_name = prefix.replace(/-$/, '');
    m.inputs.security_group_use_name_prefix = true;
  } else {
    m.inputs.security_group_name = name;
    m.inputs.security_group_use_name_prefix = false;
  }
  m.inputs.security_group_description = description;
  // No moved block: both modules hold the group at aws_security_group.this[0] (count).
}

/** An upstream rule's sources, each of which is one AWS security group rule. */
function ruleSources(v: Record<string, any>): { kind: 'group' | 'cidr' | 'self' | 'prefix-list'; value: string }[] {
  return [
    ...(nonEmpty(v.source_security_group_id) ? [{ kind: 'group' as const, value: v.source_security_group_id }] : []),
    ...(v.self ? [{ kind: 'self' as const, value: 'self' }] : []),
    ...list<string>(v.cidr_blocks).map((value) => ({ kind: 'cidr' as const, value })),
    ...list<string>(v.ipv6_cidr_blocks).map((value) => ({ kind: 'cidr' as const, value })),
    ...list<string>(v.prefix_list_ids).map((value) => ({ kind: 'prefix-list' as const, value })),
  ];
}

function mapRules(
  rules: readonly StateResource[],
  group: StateResource | undefined,
  m: Migration,
  at: (local: string) => string,
): void {
  const groups: Record<string, string> = {};
  const cidrs: Record<string, string> = {};
  let self = false;
  for (const rule of rules) {
    const v = rule.values;
    const key = String(rule.index);
    const sources = ruleSources(v);
    const protocol = String(v.protocol);
    if (v.type !== 'ingress') {
      m.refused.push(`${rule.address}: an ${v.type} rule; efs-filesystem manages no egress on its group`);
      continue;
    }
    if (!(protocol === 'tcp' || protocol === '6') || v.from_port !== NFS_PORT || v.to_port !== NFS_PORT) {
      m.refused.push(
        `${rule.address}: allows ${protocol} ${v.from_port}-${v.to_port}; efs-filesystem allows NFS (TCP 2049) only`,
      );
      continue;
    }
    const prefixLists = sources.filter((s) => s.kind === 'prefix-list');
    if (prefixLists.length > 0) {
      m.refused.push(
        `${rule.address}: allows prefix list ${prefixLists.map((s) => s.value).join(', ')}; efs-filesystem takes security groups and CIDRs only`,
      );
      continue;
    }
    // One AWS rule per source; the state knows its ID only when the upstream rule had one source.
    const single = sources.length === 1;
    const ruleId = single && nonEmpty(v.security_group_rule_id) ? v.security_group_rule_id : undefined;
    sources.forEach((s, i) => {
      const name = single ? key : `${key}-${i + 1}`;
      if (s.kind === 'self') {
        if (self) {
          m.refused.push(
            `${rule.address}: allows the group itself, which another rule allows too; AWS holds one rule for both`,
          );
          return;
        }
        self = true;
        m.imports.push({
          to: at('aws_vpc_security_group_ingress_rule.nfs_from_self[0]'),
          id: ruleId,
          what: `${group?.values.id ?? 'the group'} itself → 2049/tcp`,
        });
        return;
      }
      const target = s.kind === 'group' ? groups : cidrs;
      const resource = s.kind === 'group' ? 'nfs_from_security_groups' : 'nfs_from_cidrs';
      const clash = Object.entries(target).find(([, value]) => value === s.value);
      if (clash) {
        m.refused.push(
          `${rule.address}: allows ${s.value}, which rule "${clash[0]}" allows too; AWS holds one rule for both`,
        );
        return;
      }
      target[name] = s.value;
      m.imports.push({
        to: at(`aws_vpc_security_group_ingress_rule.${resource}${indexSuffix(name)}`),
        id: ruleId,
        what: `${s.value} → 2049/tcp`,
      });
    });
  }
  m.inputs.allowed_security_groups = groups;
  m.inputs.allowed_cidrs = cidrs;
  // Keep access as it was: NFS from the group's own members only if upstream allowed it.
  m.inputs.allow_nfs_from_self = self;
  // terraform-aws-efs never touched the clients' groups; neither does the migration.
  m.inputs.client_egress_rules = false;
  if (rules.length > 0) {
    m.removed.push(at('aws_security_group_rule.this'));
    m.notes.push(
      "each NFS rule is imported into its aws_vpc_security_group_ingress_rule and the old aws_security_group_rule is forgotten, not destroyed: the AWS rule stays in place throughout. The apply then sets the rule's description and tags to efs-filesystem's, in place.",
    );
  }
}

function mapAccessPoint(ap: StateResource, moduleTags: Record<string, string>, m: Migration): Record<string, unknown> {
  const v = ap.values;
  const root = list(v.root_directory)[0] ?? { path: '/', creation_info: [] };
  const posix = list(v.posix_user)[0];
  const info = list(root.creation_info)[0];
  const out: Record<string, unknown> = { root_directory: root.path ?? '/' };
  if (posix) {
    out.posix_user = {
      uid: posix.uid,
      gid: posix.gid,
      ...(list(posix.secondary_gids).length > 0 ? { secondary_gids: posix.secondary_gids } : {}),
    };
  }
  if (info) out.creation_info = { owner_uid: info.owner_uid, owner_gid: info.owner_gid, permissions: info.permissions };
  else if (posix) {
    // efs-filesystem derives creation_info from posix_user when it is not given, and a new
    // creation_info replaces the access point: nothing in its inputs says "none".
    m.refused.push(
      `${ap.address}: has a POSIX user but no creation_info; efs-filesystem would add creation_info (owner ${posix.uid}:${posix.gid}, 0755), which replaces the access point`,
    );
  }
  const tags = ownTags(v.tags, moduleTags);
  if (Object.keys(tags).length > 0) out.tags = tags;
  return out;
}

function mapPolicy(policy: StateResource, m: Migration, at: (local: string) => string): void {
  m.moved.push({ from: at('aws_efs_file_system_policy.this[0]'), to: at('aws_efs_file_system_policy.this') });
  let statements: { Sid?: string }[];
  try {
    const parsed = JSON.parse(policy.values.policy ?? '{}');
    statements = Array.isArray(parsed.Statement) ? parsed.Statement : [parsed.Statement].filter(Boolean);
  } catch {
    m.notes.push(`${policy.address}: its policy is not JSON; efs-filesystem's policy replaces it in place.`);
    return;
  }
  m.inputs.enforce_tls = statements.some((s) => s.Sid === 'NonSecureTransport');
  const own = statements.filter((s) => !UPSTREAM_SIDS.has(s.Sid ?? ''));
  const sids = own.map((s) => JSON.stringify(s.Sid ?? '(no Sid)')).join(', ');
  m.notes.push(
    own.length > 0
      ? `the file system policy is rewritten in place from efs-filesystem's presets; your statements ${sids} are not carried over: add them to policy_statements before you apply.`
      : "the file system policy is rewritten in place from efs-filesystem's presets (TLS only, access through mount targets), as terraform-aws-efs's defaults did.",
  );
}
