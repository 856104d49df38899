import { accessPointCreationInfo } from './access-point-creation-info';
import { accessPointPosixUser } from './access-point-posix-user';
import { accessPointRootDirectory } from './access-point-root-directory';
import type { Check } from './check';
import { ec2EfsMount } from './ec2-efs-mount';
import { ecsEfsVolume } from './ecs-efs-volume';
import { fargatePlatformVersion } from './fargate-platform-version';
import { fileSystemBackup } from './file-system-backup';
import { fileSystemDataLoss } from './file-system-data-loss';
import { fileSystemEncryption } from './file-system-encryption';
import { fileSystemTls } from './file-system-tls';
import { lambdaMountOrder } from './lambda-mount-order';
import { lambdaVpc } from './lambda-vpc';
import { moduleUnknownAttribute } from './module-unknown-attribute';
import { mountTargetPublicSubnet } from './mount-target-public-subnet';
import { mountTargetSameZone } from './mount-target-same-zone';
import { nfsClientEgress } from './nfs-client-egress';
import { nfsDuplicateRule } from './nfs-duplicate-rule';
import { nfsRuleRekeyed } from './nfs-rule-rekeyed';
import { nfsSecurityGroupPath } from './nfs-security-group-path';

/** Every check, in report order. */
export const CHECKS: readonly Check[] = [
  fileSystemDataLoss,
  lambdaVpc,
  lambdaMountOrder,
  nfsSecurityGroupPath,
  nfsClientEgress,
  nfsDuplicateRule,
  ecsEfsVolume,
  fargatePlatformVersion,
  accessPointCreationInfo,
  moduleUnknownAttribute,
  mountTargetSameZone,
  nfsRuleRekeyed,
  fileSystemEncryption,
  mountTargetPublicSubnet,
  accessPointRootDirectory,
  accessPointPosixUser,
  fileSystemBackup,
  fileSystemTls,
  ec2EfsMount,
];

export type { Check };
