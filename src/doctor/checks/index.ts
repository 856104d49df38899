import { accessPointCreationInfo } from './access-point-creation-info';
import type { Check } from './check';
import { ec2EfsMount } from './ec2-efs-mount';
import { ecsEfsVolume } from './ecs-efs-volume';
import { fargatePlatformVersion } from './fargate-platform-version';
import { fileSystemDataLoss } from './file-system-data-loss';
import { lambdaMountOrder } from './lambda-mount-order';
import { lambdaVpc } from './lambda-vpc';
import { nfsClientEgress } from './nfs-client-egress';
import { nfsDuplicateRule } from './nfs-duplicate-rule';
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
  ec2EfsMount,
];

export type { Check };
