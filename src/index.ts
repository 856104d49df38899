/**
 * Amazon EFS constructs for CDKTF: the same modules published as HCL under modules/.
 * @module efs-modules
 */
export { EfsFilesystem, RemovalPolicy, type EfsFilesystemConstructProps } from './modules/efs-filesystem/construct';
export type { EfsGrantee } from './modules/efs-filesystem/grants';
export { EfsFilesystemAccessPoint } from './modules/efs-filesystem/access-point';
export { EfsMountLambda, type EfsMountLambdaConstructProps } from './modules/efs-mount-lambda/construct';
export { EfsMountEcs, type EfsMountEcsConstructProps } from './modules/efs-mount-ecs/construct';
export type { MountFileSystem } from './modules/mount/construct';
export { ValidationError } from './core/validation-error';
export { planTimeValue } from './core/plan-time-value';
export * from './generated/types';
