/** The `EfsMountEc2` construct for CDKTF stacks: the same resources as modules/efs-mount-ec2. */
import type { Construct } from '../../cdktf';
import { ModuleConstruct, constructLabel } from '../../core/module';
import { toOutputs } from '../../core/outputs';
import { throwValidationError } from '../../core/validation-error';
import type { EfsMountEc2Outputs, EfsMountEc2Props } from '../../generated/types';
import {
  MountAccessPoint,
  MountFileSystem,
  accessPointOf,
  fileSystemReferenceOf,
  admitClientGroup,
  dependOnMountTargets,
  withKnownMountTargets,
} from '../mount/construct';
import { efsMountEc2 } from './definition';
import type { IamRoleResource, InstanceResource, LaunchTemplateResource } from '../provider-resources';

export interface EfsMountEc2ConstructProps extends Omit<EfsMountEc2Props, 'accessPoint' | 'fileSystem'> {
  /**
   * The file system to mount: an `EfsFilesystem` of the app (`fileSystem: efs`), its
   * `efs.fileSystem`, or a reference written for a file system made elsewhere (`id`, `arn`,
   * `mountTargetIds`; `securityGroupId` and `allowedSecurityGroupIds` when known). With an
   * EfsFilesystem of the app, the instances wait for its mount targets and their group is let in.
   */
  readonly fileSystem: MountFileSystem;
  /**
   * An access point to mount instead of creating one: `efs.addAccessPoint(...)` (of the
   * EfsFilesystem whose `fileSystem` this is: another one's is refused), or any `id` and `arn`.
   * `rootDirectory`, `posixUser` and `rootDirectoryPermissions` then keep their defaults: they
   * describe the access point the construct would create.
   * @default - the construct creates its own access point
   */
  readonly accessPoint?: MountAccessPoint;
  /**
   * The instance role (the role of the instance profile). Unless given, `roleName` is taken
   * from it: the construct attaches the EFS policy to it.
   * @default - none: give `roleName`, or `attachRolePolicy: false`
   */
  readonly role?: IamRoleResource;
  /**
   * Whether to let `securityGroupId` (the instances' group) in on NFS by adding it to the
   * EfsFilesystem's allowed client groups. Mounts sharing a file system and a client group add
   * one rule between them. Set to false when the group is allowed another way; it is then only checked.
   * @default true
   */
  readonly allowClientSecurityGroup?: boolean;
}

/**
 * Mounts an EfsFilesystem on EC2 instances at boot: an access point with its own root directory
 * owned by the POSIX user (or one made by `efs.addAccessPoint`, given as `accessPoint`), a
 * least-privilege IAM policy on the instance role, and the user data that installs
 * amazon-efs-utils, writes the fstab entry (TLS, `_netdev`) and mounts with bounded retries. Give
 * the user data to instances or launch templates with `mountOn`, or read `userData`,
 * `userDataBase64`, `cloudInitPart`, `fstabLine` and `mountCommand`: each waits for the mount targets.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsMountEc2 extends ModuleConstruct {
  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsMountEc2Outputs;
  private readonly label: string;
  private readonly fileSystem: EfsMountEc2Props['fileSystem'];

  constructor(scope: Construct, id: string, props: EfsMountEc2ConstructProps) {
    const { role, allowClientSecurityGroup = true, accessPoint, ...rest } = props;
    const label = constructLabel(efsMountEc2.spec.className, scope, id);
    const roleName = rest.roleName ?? (rest.attachRolePolicy !== false && role !== undefined ? role.name : undefined);
    const fileSystem = fileSystemReferenceOf(props.fileSystem);
    const moduleProps: EfsMountEc2Props = {
      ...rest,
      fileSystem,
      roleName,
      accessPoint: accessPointOf(label, fileSystem, accessPoint),
    };
    super(scope, id, efsMountEc2, { ...moduleProps, fileSystem: withKnownMountTargets(moduleProps.fileSystem) });
    this.label = label;
    this.fileSystem = fileSystem;
    this.outputs = toOutputs<EfsMountEc2Outputs>(efsMountEc2.spec, this.outputValues);
    if (allowClientSecurityGroup && moduleProps.securityGroupId !== undefined) {
      admitClientGroup(this, label, fileSystem, moduleProps.securityGroupId);
    }
  }

  /**
   * Gives an instance (`userData`) or a launch template (`userDataBase64`) the boot script, and
   * makes it depend on the mount targets of the EfsFilesystem in this stack. Refuses one that
   * has user data already: compose yours with `cloudInitPart` instead.
   */
  mountOn(target: InstanceResource | LaunchTemplateResource): void {
    const isInstance = target.terraformResourceType === 'aws_instance';
    const existing = isInstance
      ? ((target as InstanceResource).userDataInput ?? (target as InstanceResource).userDataBase64Input)
      : target.userDataInput;
    if (existing !== undefined) {
      throwValidationError(this.label, [
        `${isInstance ? 'instance' : 'launch template'} ${target.node.path} has user data already: a boot script replaces it whole. Put cloudInitPart in a multi-part user data (cloudinit_config) with your own parts instead.`,
      ]);
    }
    target.userData = isInstance ? this.userData : this.userDataBase64;
    dependOnMountTargets(target, this, this.fileSystem);
  }

  /**
   * ID (`fsap-…`) of the access point the instances mount: the construct's own, or the one given
   * as `accessPoint`. A token, known after apply.
   */
  get accessPointId(): string {
    return this.outputs.accessPointId;
  }

  /**
   * ARN of the access point the instances mount (the construct's own or the given one), as the
   * IAM policy it grants names it. A token, known after apply.
   */
  get accessPointArn(): string {
    return this.outputs.accessPointArn;
  }

  /** The boot script, for the `userData` of an `Instance`. */
  get userData(): string {
    return this.outputs.userData;
  }

  /** The boot script base64-encoded, for the `userData` of a `LaunchTemplate`. */
  get userDataBase64(): string {
    return this.outputs.userDataBase64;
  }

  /** A `#cloud-config` part that writes and runs the script, for a multi-part user data of your own. */
  get cloudInitPart(): string {
    return this.outputs.cloudInitPart;
  }

  /** The `/etc/fstab` entry the script writes. */
  get fstabLine(): string {
    return this.outputs.fstabLine;
  }

  /** The mount as one `mount -t efs` command. */
  get mountCommand(): string {
    return this.outputs.mountCommand;
  }
}
