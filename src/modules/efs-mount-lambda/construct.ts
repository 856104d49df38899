/** The `EfsMountLambda` construct for CDKTF stacks: the same resources as modules/efs-mount-lambda. */
import type { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { Construct, Fn, Token } from '../../cdktf';
import { ModuleConstruct } from '../../core/module';
import { throwValidationError } from '../../core/validation-error';
import { toOutputs } from '../../core/outputs';
import type { EfsMountLambdaOutputs, EfsMountLambdaProps, LambdaFileSystemConfig } from '../../generated/types';
import { addDependencies, constructLabel, mountTargetsOf, roleNameFromArn } from '../mount-common';
import { efsMountLambda } from './definition';

export interface EfsMountLambdaConstructProps extends EfsMountLambdaProps {
  /**
   * The function to mount the file system into. The construct sets its `fileSystemConfig` and
   * makes it depend on the mount targets; unless given, `roleName` is taken from the function's
   * role and `securityGroupId` from the first group of its `vpcConfig`. The function must be in a VPC.
   */
  readonly function?: LambdaFunction;
}

/**
 * Mounts an EfsFilesystem into a Lambda function: an access point with its own root directory
 * owned by the POSIX user, a least-privilege IAM policy on the function's role, the NFS rule from
 * its security group, and the function's file system config, created after the mount targets.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsMountLambda extends ModuleConstruct {
  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsMountLambdaOutputs;

  constructor(scope: Construct, id: string, props: EfsMountLambdaConstructProps) {
    const { function: fn, ...moduleProps } = props;
    const wired = fn ? fromFunction(constructLabel(efsMountLambda.spec.className, scope, id), fn, moduleProps) : moduleProps;
    super(scope, id, efsMountLambda, withFlags(wired));
    this.outputs = toOutputs(efsMountLambda.spec, this.outputValues) as unknown as EfsMountLambdaOutputs;
    if (fn) {
      fn.putFileSystemConfig({ arn: this.outputs.fileSystemConfig.arn, localMountPath: this.outputs.fileSystemConfig.localMountPath });
      addDependencies(fn, mountTargetsOf(this, props.fileSystem));
    }
  }

  get accessPointId(): string {
    return this.outputs.accessPointId;
  }

  get accessPointArn(): string {
    return this.outputs.accessPointArn;
  }

  /** For a `LambdaFunction` created without the `function` prop: its `fileSystemConfig`. */
  get fileSystemConfig(): LambdaFileSystemConfig {
    return this.outputs.fileSystemConfig;
  }
}

/**
 * In TypeScript the presence of a role or group is known at synth time even when its value is a
 * token, so the flags that HCL users set for values created in the same apply are set here.
 */
function withFlags(props: EfsMountLambdaProps): EfsMountLambdaProps {
  return {
    ...props,
    attachRolePolicy: props.attachRolePolicy ?? (props.roleName !== undefined ? true : undefined),
    createSecurityGroupRule: props.createSecurityGroupRule ?? (props.securityGroupId !== undefined ? true : undefined),
  };
}

/** The role and security group of the function, unless given; refuses functions that cannot mount EFS. */
function fromFunction(label: string, fn: LambdaFunction, props: EfsMountLambdaProps): EfsMountLambdaProps {
  const problems: string[] = [];
  const where = `function (${fn.node.path})`;
  const vpc = fn.vpcConfigInput;
  if (!vpc) {
    problems.push(
      `${where} has no vpcConfig: Lambda mounts EFS only from a VPC. Give it vpcConfig with subnets in the Availability Zones of the mount targets and a security group.`,
    );
  }
  if (fn.fileSystemConfigInput) {
    problems.push(`${where} already has a fileSystemConfig: a Lambda function mounts one file system. Mount one EfsMountLambda per function.`);
  }
  let securityGroupId = props.securityGroupId;
  if (vpc && securityGroupId === undefined && props.createSecurityGroupRule !== false) {
    const groups = vpc.securityGroupIds;
    if (Token.isUnresolved(groups)) {
      securityGroupId = Token.asString(Fn.element(groups, 0));
    } else if (groups.length > 0) {
      securityGroupId = groups[0];
    } else {
      problems.push(
        `${where} has no security group in its vpcConfig: give it one, or pass securityGroupId (the group to allow in on NFS), or createSecurityGroupRule: false.`,
      );
    }
  }
  if (problems.length > 0) throwValidationError(label, problems);
  const role = fn.roleInput;
  const roleName = props.roleName ?? (props.attachRolePolicy !== false && role !== undefined ? roleNameFromArn(role) : undefined);
  return { ...props, roleName, securityGroupId };
}
