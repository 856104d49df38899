/** efs-modules: Amazon EFS constructs for CDKTF, the same modules published as HCL under modules/. */
export { EfsFilesystem } from './modules/efs-filesystem/construct';
export { ValidationError } from './core/module';
export * from './generated/types';
