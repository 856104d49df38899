/**
 * The order of the arguments in a body of main.tf, declared here rather than taken from the build:
 * each argument has a role, and bodies list the roles in one order (meta-arguments, identity,
 * settings, tags, blocks, dynamic blocks, depends_on, lifecycle). Within a role, settings and
 * blocks follow the order the table below declares for their resource type (or nested block);
 * those it does not name come after, alphabetically. cdktf's JSON lists arguments alphabetically
 * whatever order a build's props object has, so nothing here depends on how a build spells its
 * objects.
 */
import type { TypeSchema } from './schema';

/** What an argument is for, which decides where it stands. */
export type Role = 'meta' | 'identity' | 'setting' | 'tags' | 'block' | 'dynamic' | 'depends_on' | 'lifecycle';

/** The roles in the order a body lists them. */
export const ROLES: readonly Role[] = [
  'meta',
  'identity',
  'setting',
  'tags',
  'block',
  'dynamic',
  'depends_on',
  'lifecycle',
];

/** Terraform meta-arguments that open a body, in this order. */
export const META = ['count', 'for_each', 'provider'];

/**
 * Arguments that say which thing a resource is or belongs to: first after the meta-arguments,
 * in this order, as terraform-aws-modules writes them (`file_system_id` on top).
 */
export const IDENTITY = [
  'name',
  'name_prefix',
  'alarm_name',
  'rule_name',
  'file_system_id',
  'source_file_system_id',
  'security_group_id',
  'role',
  'plan_id',
  'function_name',
];

/**
 * The settings and blocks of each body, by resource or data source type (a nested block:
 * `type.block`), in the order main.tf lists them: what the thing is before how it behaves, the
 * peer of a rule before its port, arguments that read as a pair (`from_port`, `to_port`) together.
 */
export const ORDER: Readonly<Record<string, readonly string[]>> = {
  aws_efs_file_system: [
    'encrypted',
    'kms_key_id',
    'performance_mode',
    'throughput_mode',
    'provisioned_throughput_in_mibps',
    'availability_zone_name',
    'creation_token',
  ],
  'aws_efs_file_system.lifecycle_policy': [
    'transition_to_ia',
    'transition_to_archive',
    'transition_to_primary_storage_class',
  ],
  aws_security_group: ['description', 'vpc_id', 'revoke_rules_on_delete'],
  aws_vpc_security_group_ingress_rule: [
    'referenced_security_group_id',
    'cidr_ipv4',
    'cidr_ipv6',
    'ip_protocol',
    'from_port',
    'to_port',
    'description',
  ],
  aws_vpc_security_group_egress_rule: [
    'referenced_security_group_id',
    'ip_protocol',
    'from_port',
    'to_port',
    'description',
  ],
  aws_efs_mount_target: ['subnet_id', 'ip_address', 'security_groups'],
  aws_iam_policy_document: ['source_policy_documents', 'override_policy_documents'],
  'aws_iam_policy_document.statement': [
    'sid',
    'effect',
    'actions',
    'not_actions',
    'resources',
    'principals',
    'not_principals',
    'condition',
  ],
  'aws_iam_policy_document.statement.principals': ['type', 'identifiers'],
  'aws_iam_policy_document.statement.not_principals': ['type', 'identifiers'],
  'aws_iam_policy_document.statement.condition': ['test', 'variable', 'values'],
  aws_efs_access_point: ['root_directory', 'posix_user'],
  'aws_efs_access_point.root_directory.creation_info': ['owner_uid', 'owner_gid', 'permissions'],
  'aws_efs_access_point.posix_user': ['uid', 'gid', 'secondary_gids'],
  'aws_efs_replication_configuration.destination': ['region', 'availability_zone_name', 'kms_key_id'],
  aws_iam_role: ['description', 'assume_role_policy'],
  'aws_backup_plan.rule': ['target_vault_name', 'schedule', 'start_window', 'completion_window'],
  'aws_backup_plan.rule.lifecycle': ['cold_storage_after', 'delete_after'],
  aws_backup_selection: ['iam_role_arn', 'resources'],
  aws_cloudwatch_metric_alarm: [
    'alarm_description',
    'comparison_operator',
    'threshold',
    'evaluation_periods',
    'treat_missing_data',
    'alarm_actions',
    'ok_actions',
  ],
  'aws_cloudwatch_metric_alarm.metric_query': ['id', 'expression', 'return_data'],
  'aws_cloudwatch_metric_alarm.metric_query.metric': ['namespace', 'metric_name', 'stat', 'period', 'dimensions'],
};

/** The arguments of the meta-argument block `lifecycle`, in this order: how it is replaced, then its checks. */
export const LIFECYCLE = [
  'create_before_destroy',
  'prevent_destroy',
  'ignore_changes',
  'replace_triggered_by',
  'precondition',
  'postcondition',
];

/** The role of `key` in a body whose nested blocks `schema` names. */
export function roleOf(key: string, schema: TypeSchema): Role {
  if (META.includes(key)) return 'meta';
  // A block the provider defines (aws_backup_plan's rule has one named `lifecycle`) is a block.
  if (key in schema) return 'block';
  if (key === 'depends_on' || key === 'lifecycle' || key === 'tags' || key === 'dynamic') return key;
  return IDENTITY.includes(key) ? 'identity' : 'setting';
}

/** Names of the dynamic blocks of the body at `path`, in the order main.tf lists them. */
export const orderedBlocks = (names: readonly string[], path: string): string[] => ordered(names, path, {});

/** The keys of the body at `path` (`type` or `type.block…`) in the order main.tf lists them. */
export function ordered(keys: readonly string[], path: string, schema: TypeSchema): string[] {
  const declared = ORDER[path] ?? [];
  const within = (k: string, role: Role): number => {
    if (role === 'identity') return IDENTITY.indexOf(k);
    if (role === 'meta') return META.indexOf(k);
    return declared.includes(k) ? declared.indexOf(k) : declared.length;
  };
  const rank = (k: string) => {
    const role = roleOf(k, schema);
    return [ROLES.indexOf(role), within(k, role)] as const;
  };
  return [...keys].sort((a, b) => {
    const [ra, wa] = rank(a);
    const [rb, wb] = rank(b);
    return ra - rb || wa - wb || (a < b ? -1 : a > b ? 1 : 0);
  });
}
