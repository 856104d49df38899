/**
 * Amazon EFS constructs for CDKTF: the same modules published as HCL under modules/.
 * @module efs-modules
 */
// First: a missing or mismatched peer stops here with one clear error (src/assert-peers.ts).
import './assert-peers';
export { EfsFilesystem, RemovalPolicy, type EfsFilesystemConstructProps } from './modules/efs-filesystem/construct';
export type { EfsGrantee } from './modules/efs-filesystem/grants';
export type {
  EcsTaskDefinitionResource,
  EcsVolumeEntry,
  IamRoleResource,
  InstanceResource,
  LambdaFunctionResource,
  LaunchTemplateResource,
} from './modules/provider-resources';
export { EfsFilesystemAccessPoint } from './modules/efs-filesystem/access-point';
export type { IEfsFilesystem } from './modules/efs-filesystem/file-system-interface';
export { EfsMountLambda, type EfsMountLambdaConstructProps } from './modules/efs-mount-lambda/construct';
export { EfsMountEcs, type EfsMountEcsConstructProps } from './modules/efs-mount-ecs/construct';
export { EfsMountEc2, type EfsMountEc2ConstructProps } from './modules/efs-mount-ec2/construct';
export type { MountFileSystem } from './modules/mount/construct';
export { ValidationError } from './core/validation-error';
export { planTimeValue } from './core/plan-time-value';
export * from './generated/types';
