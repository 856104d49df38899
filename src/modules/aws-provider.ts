/**
 * The lowest hashicorp/aws release that has every resource, data source and argument the three
 * modules use, written into each module's versions.tf as `>= AWS_PROVIDER_MIN`.
 *
 * Evidence, from the provider's CHANGELOG (the releases that added what the modules use last):
 * - 5.32.0 (January 11, 2024): `aws_efs_file_system` `lifecycle_policy.transition_to_archive`
 *   argument (#35096) and `protection` block, which holds `replication_overwrite` (#35029);
 *   `aws_efs_replication_configuration` `destination.file_system_id` made Optional, so that a
 *   replica can be an existing file system (#34955).
 * - Older than 5.32.0: everything else. `aws_efs_replication_configuration` arrived in 4.16.0
 *   (May 27, 2022); `throughput_mode = "elastic"` and `transition_to_ia = "AFTER_1_DAY"` in
 *   4.42.0 (November 28, 2022); `aws_vpc_security_group_ingress_rule` existed by 5.6.0, whose
 *   changelog fixes it (#32148: `security_group_id` made Required); AWS Backup, CloudWatch alarms
 *   with `metric_query`, IAM, access points and mount targets are 2.x and 3.x resources.
 * Later 5.x entries for these resources add arguments the modules do not set (for example
 * `aws_backup_plan` `rule.lifecycle.opt_in_to_archive_for_supported_resources` in 5.33.0,
 * `rule.schedule_expression_timezone`, `aws_efs_mount_target` `ip_address_type`).
 *
 * test/hcl-compat/provider-arguments.ts holds the same facts as a table of every argument
 * the generated modules set, and the compatibility scan fails when a module sets one that the
 * table does not know, or that is newer than this bound.
 */
export const AWS_PROVIDER_MIN = '5.32.0';
