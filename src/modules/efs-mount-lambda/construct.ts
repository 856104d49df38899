/** The `EfsMountLambda` construct for CDKTF stacks: the same resources as modules/efs-mount-lambda. */
import { Construct, Fn, Token } from '../../cdktf';
import { ModuleConstruct, constructLabel } from '../../core/module';
import { throwValidationError } from '../../core/validation-error';
import { toOutputs } from '../../core/outputs';
import type { EfsMountLambdaOutputs, EfsMountLambdaProps, LambdaFileSystemConfig } from '../../generated/types';
import {
  MountAccessPoint,
  MountFileSystem,
  accessPointOf,
  fileSystemReferenceOf,
  admitClientGroup,
  dependOnMountTargets,
  roleNameFromArn,
  withKnownMountTargets,
} from '../mount/construct';
import type { LambdaFunctionResource } from '../provider-resources';
import { efsMountLambda } from './definition';

export interface EfsMountLambdaConstructProps extends Omit<EfsMountLambdaProps, 'accessPoint' | 'fileSystem'> {
  /**
   * The file system to mount: an `EfsFilesystem` of the app (`fileSystem: efs`), its
   * `efs.fileSystem`, or a reference written for a file system made elsewhere (`id`, `arn`,
   * `mountTargetIds`; `securityGroupId` and `allowedSecurityGroupIds` when known). With an
   * EfsFilesystem of the app, the function waits for its mount targets and its client group is let in.
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
   * The function to mount the file system into. The construct sets its `fileSystemConfig` and
   * makes it depend on the mount targets; unless given, `roleName` is taken from the function's
   * role and `securityGroupId` from its `vpcConfig`: its one security group, or the first when the
   * groups are a token (their number unknown at synth). A function with several groups must name
   * the one to let in with `securityGroupId`. The function must be in a VPC.
   */
  readonly function?: LambdaFunctionResource;
  /**
   * Whether to let the client group (`securityGroupId`, or the function's) in on NFS by adding it to
   * the EfsFilesystem's allowed groups. Mounts sharing a file system and a client group add one
   * rule between them. Set to false when you allow the function in another way (CIDRs, your own
   * rules): a group taken from the function is then not checked either.
   * @default true
   */
  readonly allowClientSecurityGroup?: boolean;
}

/**
 * Mounts an EfsFilesystem into a Lambda function: an access point with its own root directory
 * owned by the POSIX user (or one made by `efs.addAccessPoint`, given as `accessPoint`), a
 * least-privilege IAM policy on the function's role, and the function's file system config, created
 * after the mount targets. The function's security group is added to the EfsFilesystem's allowed
 * client groups, which owns the NFS rules: two mounts (of two functions, or of a function and a
 * service) sharing a file system and a client group create one rule.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsMountLambda extends ModuleConstruct {
  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsMountLambdaOutputs;

  constructor(scope: Construct, id: string, props: EfsMountLambdaConstructProps) {
    const { function: fn, allowClientSecurityGroup = true, accessPoint, ...rest } = props;
    const label = constructLabel(efsMountLambda.spec.className, scope, id);
    const fileSystem = fileSystemReferenceOf(props.fileSystem);
    const moduleProps: EfsMountLambdaProps = {
      ...rest,
      fileSystem,
      accessPoint: accessPointOf(label, fileSystem, accessPoint),
    };
    const wired = fn ? fromFunction(label, fn, moduleProps, allowClientSecurityGroup) : moduleProps;
    super(scope, id, efsMountLambda, { ...wired, fileSystem: withKnownMountTargets(wired.fileSystem) });
    this.outputs = toOutputs<EfsMountLambdaOutputs>(efsMountLambda.spec, this.outputValues);
    if (allowClientSecurityGroup && wired.securityGroupId !== undefined) {
      admitClientGroup(this, label, fileSystem, wired.securityGroupId);
    }
    if (fn) {
      fn.putFileSystemConfig({
        arn: this.outputs.fileSystemConfig.arn,
        localMountPath: this.outputs.fileSystemConfig.localMountPath,
      });
      dependOnMountTargets(fn, this, fileSystem);
    }
  }

  /**
   * ID (`fsap-…`) of the access point the function mounts: the construct's own, or the one given
   * as `accessPoint`. A token, known after apply.
   */
  get accessPointId(): string {
    return this.outputs.accessPointId;
  }

  /**
   * ARN of the access point the function mounts (the construct's own or the given one), as the
   * IAM policy it grants names it. A token, known after apply.
   */
  get accessPointArn(): string {
    return this.outputs.accessPointArn;
  }

  /** For a `LambdaFunction` created without the `function` prop: its `fileSystemConfig`. */
  get fileSystemConfig(): LambdaFileSystemConfig {
    return this.outputs.fileSystemConfig;
  }
}

/** The role and security group of the function, unless given; refuses functions that cannot mount EFS. */
function fromFunction(
  label: string,
  fn: LambdaFunctionResource,
  props: EfsMountLambdaProps,
  admitGroup: boolean,
): EfsMountLambdaProps {
  const problems: string[] = [];
  const where = `function (${fn.node.path})`;
  const vpc = fn.vpcConfigInput;
  if (!vpc) {
    problems.push(
      `${where} has no vpcConfig: Lambda mounts EFS only from a VPC. Give it vpcConfig with subnets in the Availability Zones of the mount targets and a security group.`,
    );
  }
  if (fn.fileSystemConfigInput) {
    problems.push(
      `${where} already has a fileSystemConfig: a Lambda function mounts one file system. Mount one EfsMountLambda per function.`,
    );
  }
  let securityGroupId = props.securityGroupId;
  if (vpc && securityGroupId === undefined && admitGroup) {
    const groups = vpc.securityGroupIds;
    if (Token.isUnresolved(groups)) {
      // How many groups there are is only known at apply: the first one is the client group.
      securityGroupId = Token.asString(Fn.element(groups, 0));
    } else if (groups.length === 1) {
      securityGroupId = groups[0];
    } else if (groups.length === 0) {
      problems.push(
        `${where} has no security group in its vpcConfig: give it one, or pass securityGroupId (the group to let in on NFS), or allowClientSecurityGroup: false.`,
      );
    } else {
      // Letting every group in could open NFS to unrelated clients that share one of them.
      problems.push(
        `${where} has ${groups.length} security groups in its vpcConfig: pass securityGroupId to say which one the file system lets in on NFS, or allowClientSecurityGroup: false.`,
      );
    }
  }
  if (problems.length > 0) throwValidationError(label, problems);
  const role = fn.roleInput;
  const roleName =
    props.roleName ?? (props.attachRolePolicy !== false && role !== undefined ? roleNameFromArn(role) : undefined);
  return { ...props, roleName, securityGroupId };
}
