/**
 * What an `EfsFilesystem` is to the objects it makes, as AWS CDK's `IFileSystem` is to its access
 * points: `EfsFilesystemAccessPoint.fileSystem` is typed by this, so access-point.ts needs no
 * import of the construct (which imports it).
 */
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import type { Construct, ITerraformDependable } from '../../cdktf';
import type { FileSystemReference } from '../../generated/types';
import type { EfsGrantee } from './grants';

export interface IEfsFilesystem extends Construct {
  /** The file system's ID. */
  readonly fileSystemId: string;
  /** The file system's ARN. */
  readonly fileSystemArn: string;
  /** The reference a mount's `fileSystem` takes. */
  readonly fileSystem: FileSystemReference;
  /** Depend on it to start after every mount target exists. */
  readonly mountTargetsAvailable: ITerraformDependable;
  /** Grants the EFS client `actions` on this file system, through a mount target only. */
  grant(grantee: EfsGrantee, ...actions: string[]): IamRolePolicy;
  /** Grants `ClientMount`. */
  grantRead(grantee: EfsGrantee): IamRolePolicy;
  /** Grants `ClientMount` and `ClientWrite`. */
  grantReadWrite(grantee: EfsGrantee): IamRolePolicy;
  /** Grants `ClientMount`, `ClientWrite` and `ClientRootAccess`. */
  grantRootAccess(grantee: EfsGrantee): IamRolePolicy;
}
