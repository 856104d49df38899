/** The `EfsFilesystem` construct for CDKTF stacks: the same resources as modules/efs-filesystem. */
import { Construct } from '../../cdktf';
import { ModuleConstruct } from '../../core/module';
import { toOutputs } from '../../core/outputs';
import type { EfsFilesystemOutputs, EfsFilesystemProps, FileSystemReference } from '../../generated/types';
import { efsFilesystem } from './definition';

const OWNERS = new WeakMap<FileSystemReference, EfsFilesystem>();

/**
 * An encrypted Amazon EFS file system with mount targets, their security group, access
 * points, backup, lifecycle, a TLS-only file system policy and optional replication.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsFilesystem extends ModuleConstruct {
  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsFilesystemOutputs;

  constructor(scope: Construct, id: string, props: EfsFilesystemProps) {
    super(scope, id, efsFilesystem, props);
    this.outputs = toOutputs(efsFilesystem.spec, this.outputValues) as unknown as EfsFilesystemOutputs;
    OWNERS.set(this.outputs.fileSystem, this);
  }

  /** The construct whose `fileSystem` is this very object, if any: mounts use it to depend on its mount targets. */
  static ownerOf(fileSystem: FileSystemReference): EfsFilesystem | undefined {
    return OWNERS.get(fileSystem);
  }

  /** ID of the file system. */
  get fileSystemId(): string {
    return this.outputs.id;
  }

  /** ARN of the file system. */
  get fileSystemArn(): string {
    return this.outputs.arn;
  }

  /** ID of the mount targets' security group: allow clients in with a 2049 rule on it. */
  get securityGroupId(): string {
    return this.outputs.securityGroupId;
  }

  /** What `EfsMountLambda` and `EfsMountEcs` take as `fileSystem`. */
  get fileSystem(): FileSystemReference {
    return this.outputs.fileSystem;
  }
}
