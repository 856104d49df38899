/** The findings each fixture's plan must yield (check, severity, address), in report order. */
import type { CheckId, Finding, Severity } from '../../src/doctor/finding';

export type Expected = Array<[CheckId, Severity, string]>;

export const EXPECTED: Record<string, Expected> = {
  clean: [],
  'module-wiring': [],
  'replace-file-system': [
    ['file-system-data-loss', 'error', 'aws_efs_file_system.data'],
    ['file-system-data-loss', 'error', 'aws_efs_file_system.scratch'],
  ],
  'lambda-vpc': [
    ['lambda-vpc', 'error', 'aws_lambda_function.no_subnets'],
    ['lambda-vpc', 'error', 'aws_lambda_function.no_vpc'],
  ],
  'lambda-mount-order': [
    ['lambda-mount-order', 'error', 'aws_lambda_function.unordered'],
    ['lambda-mount-order', 'warning', 'aws_lambda_function.via_local'],
  ],
  'nfs-path': [
    ['nfs-security-group-path', 'error', 'aws_ecs_service.app'],
    ['nfs-security-group-path', 'warning', 'aws_lambda_function.default_sg'],
    ['nfs-security-group-path', 'warning', 'aws_lambda_function.via_local'],
    ['nfs-security-group-path', 'error', 'aws_lambda_function.wrong_port'],
  ],
  'nfs-egress': [
    ['nfs-client-egress', 'error', 'aws_lambda_function.https_only'],
    ['nfs-client-egress', 'error', 'aws_lambda_function.no_egress'],
  ],
  'ecs-efs-volume': [
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.ap_with_root_directory'],
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.ap_without_transit'],
    ['ecs-efs-volume', 'error', 'aws_ecs_task_definition.iam_without_transit'],
  ],
  'fargate-platform-version': [
    ['fargate-platform-version', 'error', 'aws_ecs_service.old_fargate'],
    ['fargate-platform-version', 'error', 'aws_ecs_service.old_spot'],
  ],
  'access-point-creation-info': [['access-point-creation-info', 'error', 'aws_efs_access_point.bare']],
  'duplicate-nfs-rule': [
    ['nfs-duplicate-rule', 'error', 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["again"]'],
    ['nfs-duplicate-rule', 'error', 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]'],
  ],
};

export const summary = (findings: Finding[]): Expected => findings.map((f) => [f.check, f.severity, f.address]);

