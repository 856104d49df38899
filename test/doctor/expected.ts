/** The findings each fixture's plan must yield (check, severity, address), in report order. */
import type { CheckId, Finding, Severity } from '../../src/doctor/finding';

export type Expected = Array<[CheckId, Severity, string]>;

export const EXPECTED: Record<string, Expected> = {
  clean: [],
  'module-wiring': [],
  'replace-file-system': [
    ['file-system-data-loss', 'error', 'aws_efs_file_system.data'],
    ['file-system-data-loss', 'error', 'aws_efs_file_system.scratch'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'lambda-vpc': [
    ['lambda-vpc', 'error', 'aws_lambda_function.no_subnets'],
    ['lambda-vpc', 'error', 'aws_lambda_function.no_vpc'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'lambda-mount-order': [
    ['lambda-mount-order', 'error', 'aws_lambda_function.unordered'],
    ['lambda-mount-order', 'warning', 'aws_lambda_function.via_local'],
    ['access-point-root-directory', 'warning', 'module.storage.aws_efs_access_point.this'],
    ['access-point-posix-user', 'warning', 'module.storage.aws_efs_access_point.this'],
    ['file-system-backup', 'warning', 'module.storage.aws_efs_file_system.this'],
    ['file-system-tls', 'warning', 'module.storage.aws_efs_file_system.this'],
  ],
  'nfs-path': [
    ['nfs-security-group-path', 'error', 'aws_ecs_service.app'],
    ['nfs-security-group-path', 'warning', 'aws_lambda_function.default_sg'],
    ['nfs-security-group-path', 'warning', 'aws_lambda_function.via_local'],
    ['nfs-security-group-path', 'error', 'aws_lambda_function.wrong_port'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.shared'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.shared'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.shared'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.shared'],
  ],
  'nfs-egress': [
    ['nfs-client-egress', 'error', 'aws_lambda_function.https_only'],
    ['nfs-client-egress', 'error', 'aws_lambda_function.no_egress'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'ecs-efs-volume': [
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.ap_with_root_directory'],
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.ap_without_transit'],
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.iam_without_transit'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.app'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.app'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'fargate-platform-version': [
    ['fargate-platform-version', 'error', 'aws_ecs_service.old_fargate'],
    ['fargate-platform-version', 'error', 'aws_ecs_service.old_spot'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'access-point-creation-info': [
    ['access-point-creation-info', 'error', 'aws_efs_access_point.bare'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.default'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.root'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.created'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.default'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.root'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.data'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.data'],
  ],
  'duplicate-nfs-rule': [
    ['nfs-duplicate-rule', 'error', 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["again"]'],
    ['nfs-duplicate-rule', 'error', 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]'],
  ],
  'efs-hygiene': [
    ['mount-target-same-zone', 'error', 'aws_efs_mount_target.plain_a2'],
    ['file-system-encryption', 'error', 'aws_efs_file_system.plain'],
    ['file-system-encryption', 'error', 'aws_efs_file_system.unset'],
    ['mount-target-public-subnet', 'warning', 'aws_efs_mount_target.plain_public'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.rooted'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.whole'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.anonymous'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.whole'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.plain'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.unset'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.json'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.plain'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.unset'],
  ],
  'unknown-attribute': [
    ['module-unknown-attribute', 'error', 'module.efs'],
    ['module-unknown-attribute', 'error', 'module.efs'],
    ['module-unknown-attribute', 'error', 'module.lambda_mount'],
    ['access-point-root-directory', 'warning', 'module.efs.aws_efs_access_point.this["data"]'],
  ],
  'rekeyed-rule': [
    ['nfs-rule-rekeyed', 'error', 'module.efs.aws_vpc_security_group_egress_rule.nfs_to_file_system["application"]'],
    [
      'nfs-rule-rekeyed',
      'error',
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["application"]',
    ],
  ],
  'construct-hygiene': [
    ['file-system-encryption', 'error', 'aws_efs_file_system.efs_file_system_D9A5D3EE'],
    ['access-point-root-directory', 'warning', 'aws_efs_access_point.efs_access_point_348645C7["shared"]'],
    ['access-point-posix-user', 'warning', 'aws_efs_access_point.efs_access_point_348645C7["shared"]'],
    ['file-system-backup', 'warning', 'aws_efs_file_system.efs_file_system_D9A5D3EE'],
    ['file-system-tls', 'warning', 'aws_efs_file_system.efs_file_system_D9A5D3EE'],
  ],
  'construct-rekeyed': [
    ['nfs-rule-rekeyed', 'error', 'aws_vpc_security_group_egress_rule.efs_nfs_to_file_system_7AE9C4F1["application"]'],
    [
      'nfs-rule-rekeyed',
      'error',
      'aws_vpc_security_group_ingress_rule.efs_nfs_from_security_groups_C093B0B9["application"]',
    ],
  ],
};

export const summary = (findings: Finding[]): Expected => findings.map((f) => [f.check, f.severity, f.address]);
