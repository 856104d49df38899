/** `error` fails the run; `warning` fails it only with --strict (e.g. a path that cannot be decided from the plan). */
export type Severity = 'error' | 'warning';

export type CheckId =
  | 'file-system-data-loss'
  | 'lambda-vpc'
  | 'lambda-mount-order'
  | 'nfs-security-group-path'
  | 'nfs-client-egress'
  | 'nfs-duplicate-rule'
  | 'ecs-efs-volume'
  | 'fargate-platform-version'
  | 'access-point-creation-info'
  | 'mount-target-same-zone'
  | 'mount-target-public-subnet'
  | 'access-point-root-directory'
  | 'access-point-posix-user'
  | 'file-system-backup'
  | 'file-system-encryption'
  | 'file-system-tls'
  | 'module-unknown-attribute'
  | 'nfs-rule-rekeyed'
  | 'ec2-efs-mount';

/** One problem found in a plan. This is also the `--json` schema of a finding. */
export interface Finding {
  check: CheckId;
  severity: Severity;
  /** Resource instance address as Terraform prints it. */
  address: string;
  /** What is wrong, then `Fix: ` and how to fix it. */
  message: string;
  /** The AWS Security Hub controls the finding fails (e.g. `EFS.6`); only on checks that match one. */
  securityHub?: string[];
}

export function finding(check: CheckId, severity: Severity, address: string, problem: string, fix: string): Finding {
  return { check, severity, address, message: `${problem} Fix: ${fix}` };
}
