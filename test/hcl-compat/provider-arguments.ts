/**
 * Every hashicorp/aws resource, data source and argument the generated modules set, with the
 * provider release that first has it. Written by hand from the provider's CHANGELOG.md; the
 * releases that matter for the lower bound (src/modules/aws-provider.ts) are cited there.
 *
 * `'4'` stands for "before 5.0.0": the resource and the argument are older than the 5.x series
 * (AWS Backup, CloudWatch alarms, IAM, EFS and security group resources of the 2.x to 4.x
 * releases), and no 5.x changelog entry read for these resources adds it. A version in full is
 * the 5.x release whose changelog adds the argument. The entries cover what the modules set
 * today plus arguments whose release is known and other work is adding (`protection`,
 * `destination.file_system_id`); an argument missing here fails the compatibility scan until
 * someone looks up its release and adds it.
 */
const OLD = '4';

export const ARGUMENT_SINCE: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  aws_efs_file_system: {
    '': OLD,
    availability_zone_name: OLD,
    creation_token: OLD,
    encrypted: OLD,
    kms_key_id: OLD,
    performance_mode: OLD,
    provisioned_throughput_in_mibps: OLD,
    tags: OLD,
    throughput_mode: OLD, // the value "elastic": 4.42.0
    'lifecycle_policy.transition_to_ia': OLD, // the value AFTER_1_DAY: 4.42.0
    'lifecycle_policy.transition_to_primary_storage_class': OLD,
    'lifecycle_policy.transition_to_archive': '5.32.0', // #35096
    'protection.replication_overwrite': '5.32.0', // #35029
  },
  aws_efs_mount_target: { '': OLD, file_system_id: OLD, subnet_id: OLD, ip_address: OLD, security_groups: OLD },
  aws_efs_access_point: {
    '': OLD,
    file_system_id: OLD,
    tags: OLD,
    'posix_user.uid': OLD,
    'posix_user.gid': OLD,
    'posix_user.secondary_gids': OLD,
    'root_directory.path': OLD,
    'root_directory.creation_info.owner_uid': OLD,
    'root_directory.creation_info.owner_gid': OLD,
    'root_directory.creation_info.permissions': OLD,
  },
  aws_efs_backup_policy: { '': OLD, file_system_id: OLD, 'backup_policy.status': OLD },
  aws_efs_file_system_policy: { '': OLD, file_system_id: OLD, policy: OLD },
  aws_efs_replication_configuration: {
    '': OLD, // 4.16.0, #22844
    source_file_system_id: OLD,
    'destination.region': OLD,
    'destination.availability_zone_name': OLD,
    'destination.kms_key_id': OLD,
    'destination.file_system_id': '5.32.0', // made Optional (settable): #34955
  },
  aws_security_group: {
    '': OLD,
    name: OLD,
    name_prefix: OLD,
    description: OLD,
    vpc_id: OLD,
    tags: OLD,
    revoke_rules_on_delete: OLD,
  },
  aws_vpc_security_group_ingress_rule: {
    '': OLD, // fixed in 5.6.0 (#32148), so older than that; a 4.x resource
    security_group_id: OLD,
    referenced_security_group_id: OLD,
    cidr_ipv4: OLD,
    cidr_ipv6: OLD,
    ip_protocol: OLD,
    from_port: OLD,
    to_port: OLD,
    description: OLD,
    tags: OLD,
  },
  aws_vpc_security_group_egress_rule: {
    '': OLD, // added in the same release as the ingress rule resource above
    security_group_id: OLD,
    referenced_security_group_id: OLD,
    ip_protocol: OLD,
    from_port: OLD,
    to_port: OLD,
    description: OLD,
    tags: OLD,
  },
  aws_iam_role: { '': OLD, name_prefix: OLD, description: OLD, assume_role_policy: OLD, tags: OLD },
  aws_iam_role_policy: { '': OLD, name: OLD, policy: OLD, role: OLD },
  aws_iam_role_policy_attachment: { '': OLD, role: OLD, policy_arn: OLD },
  aws_backup_vault: { '': OLD, name: OLD, kms_key_arn: OLD, tags: OLD },
  aws_backup_plan: {
    '': OLD,
    name: OLD,
    tags: OLD,
    'rule.rule_name': OLD,
    'rule.target_vault_name': OLD,
    'rule.schedule': OLD,
    'rule.start_window': OLD,
    'rule.completion_window': OLD,
    'rule.lifecycle.cold_storage_after': OLD,
    'rule.lifecycle.delete_after': OLD,
    'rule.copy_action.destination_vault_arn': OLD,
    'rule.copy_action.lifecycle.delete_after': OLD,
  },
  aws_backup_selection: { '': OLD, name: OLD, plan_id: OLD, iam_role_arn: OLD, resources: OLD },
  aws_cloudwatch_metric_alarm: {
    '': OLD,
    alarm_name: OLD,
    alarm_description: OLD,
    alarm_actions: OLD,
    ok_actions: OLD,
    comparison_operator: OLD,
    evaluation_periods: OLD,
    threshold: OLD,
    treat_missing_data: OLD,
    tags: OLD,
    'metric_query.id': OLD,
    'metric_query.expression': OLD,
    'metric_query.return_data': OLD,
    'metric_query.metric.namespace': OLD,
    'metric_query.metric.metric_name': OLD,
    'metric_query.metric.stat': OLD,
    'metric_query.metric.period': OLD,
    'metric_query.metric.dimensions': OLD,
  },
  'data.aws_iam_policy_document': {
    '': OLD,
    source_policy_documents: OLD, // 3.28.0
    override_policy_documents: OLD, // 3.28.0
    'statement.sid': OLD,
    'statement.effect': OLD,
    'statement.actions': OLD,
    'statement.not_actions': OLD,
    'statement.resources': OLD,
    'statement.principals.type': OLD,
    'statement.principals.identifiers': OLD,
    'statement.not_principals.type': OLD,
    'statement.not_principals.identifiers': OLD,
    'statement.condition.test': OLD,
    'statement.condition.variable': OLD,
    'statement.condition.values': OLD,
  },
  'data.aws_partition': { '': OLD },
};
