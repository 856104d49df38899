/**
 * Where each resource of a construct lives in its HCL module. A construct creates its resources
 * with a part id (`new EfsFileSystem(this, 'file_system', …)`), which cdktf turns into the
 * logical ID `<construct path>_<part>_<hash>`; the same build in module mode names the resource
 * (`this`). test/migration/cdktf-parts.test.ts builds each module both ways and checks this table.
 */

export type ConstructKind = 'EfsFilesystem' | 'EfsMountLambda' | 'EfsMountEcs' | 'EfsMountEc2';

export interface Part {
  /** Resource type. */
  readonly type: string;
  /** The construct's id for the resource, the middle of its logical ID. */
  readonly part: string;
  /** The resource's name in the HCL module. */
  readonly hcl: string;
}

export const FILESYSTEM_PARTS: readonly Part[] = [
  { type: 'terraform_data', part: 'module_created', hcl: 'module_created' },
  { type: 'terraform_data', part: 'creation_token_witness', hcl: 'creation_token' },
  { type: 'aws_efs_file_system', part: 'file_system', hcl: 'this' },
  { type: 'aws_efs_backup_policy', part: 'backup_policy', hcl: 'this' },
  { type: 'aws_efs_mount_target', part: 'mount_target', hcl: 'this' },
  { type: 'aws_security_group', part: 'security_group', hcl: 'this' },
  { type: 'aws_vpc_security_group_ingress_rule', part: 'nfs_from_security_groups', hcl: 'nfs_from_security_groups' },
  { type: 'aws_vpc_security_group_ingress_rule', part: 'nfs_from_self', hcl: 'nfs_from_self' },
  { type: 'aws_vpc_security_group_ingress_rule', part: 'nfs_from_cidrs', hcl: 'nfs_from_cidrs' },
  { type: 'aws_vpc_security_group_egress_rule', part: 'nfs_to_file_system', hcl: 'nfs_to_file_system' },
  { type: 'aws_efs_file_system_policy', part: 'file_system_policy', hcl: 'this' },
  { type: 'aws_efs_access_point', part: 'access_point', hcl: 'this' },
  { type: 'aws_efs_replication_configuration', part: 'replication', hcl: 'this' },
  { type: 'aws_backup_vault', part: 'backup_vault', hcl: 'this' },
  { type: 'aws_iam_role', part: 'backup_role', hcl: 'backup' },
  { type: 'aws_iam_role_policy_attachment', part: 'backup_role_policy', hcl: 'backup' },
  { type: 'aws_backup_plan', part: 'backup_plan', hcl: 'this' },
  { type: 'aws_backup_selection', part: 'backup_selection', hcl: 'this' },
  { type: 'aws_cloudwatch_metric_alarm', part: 'alarm', hcl: 'this' },
];

/** The same for every mount: efs-mount-lambda and efs-mount-ecs share their build, which efs-mount-ec2 extends. */
export const MOUNT_PARTS: readonly Part[] = [
  { type: 'terraform_data', part: 'input_checks', hcl: 'input_checks' },
  { type: 'aws_efs_access_point', part: 'access_point', hcl: 'this' },
  { type: 'aws_iam_role_policy', part: 'iam_role_policy', hcl: 'this' },
];

/**
 * efs-mount-ec2 builds the same three, and the `terraform_data` that holds the boot script (its
 * role policy document is a data source: it has no state to move and is read again).
 */
export const EC2_MOUNT_PARTS: readonly Part[] = [
  ...MOUNT_PARTS,
  { type: 'terraform_data', part: 'mount_script', hcl: 'mount_script' },
];

/** The HCL module of each construct. */
export const MODULE_OF: Record<ConstructKind, string> = {
  EfsFilesystem: 'efs-filesystem',
  EfsMountLambda: 'efs-mount-lambda',
  EfsMountEcs: 'efs-mount-ecs',
  EfsMountEc2: 'efs-mount-ec2',
};
