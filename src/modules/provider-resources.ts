/**
 * The provider resources the constructs take from a user's stack, typed by the members the
 * constructs read and set rather than by the classes of one provider binding. The classes are
 * nominal (their private fields make two releases' `IamRole` different types), so a prop typed
 * with `@cdktf/provider-aws` 20's `LambdaFunction` would refuse the one of 21, or of a second
 * copy of the binding; these interfaces accept the resource of every binding the package
 * supports (`@cdktf/provider-aws` 20 and 21, `@cdktn/provider-aws` 25), as a test compiles.
 */
import type { Construct, IResolvable } from '../cdktf';

/** An `aws_iam_role` resource (`IamRole`): the grants read its `name`. */
export interface IamRoleResource {
  readonly name: string;
  /**
   * Not read: it tells a role from the other resources that have a `name` (a security group, a
   * function), which would otherwise compile as a grantee.
   */
  readonly assumeRolePolicy: string;
}

/** An `aws_lambda_function` resource (`LambdaFunction`): what EfsMountLambda reads and sets on it. */
export interface LambdaFunctionResource extends Construct {
  readonly vpcConfigInput?: { readonly securityGroupIds: string[] };
  readonly fileSystemConfigInput?: unknown;
  readonly roleInput?: string;
  dependsOn?: string[];
  putFileSystemConfig(value: { arn: string; localMountPath: string }): void;
}

/** A volume of an `aws_ecs_task_definition`, as far as EfsMountEcs reads the existing ones. */
export interface EcsVolumeEntry {
  readonly name: string;
}

/** An `aws_ecs_task_definition` resource (`EcsTaskDefinition`): what EfsMountEcs reads and sets on it. */
export interface EcsTaskDefinitionResource extends Construct {
  readonly taskRoleArnInput?: string;
  readonly volumeInput?: readonly EcsVolumeEntry[] | IResolvable;
  dependsOn?: string[];
  putVolume(value: EcsVolumeEntry[]): void;
}

/** An `aws_instance` resource (`Instance`): what EfsMountEc2.mountOn reads and sets on it. */
export interface InstanceResource extends Construct {
  readonly terraformResourceType: string;
  readonly userDataInput?: string;
  readonly userDataBase64Input?: string;
  userData: string;
  dependsOn?: string[];
}

/** An `aws_launch_template` resource (`LaunchTemplate`): what EfsMountEc2.mountOn reads and sets on it. */
export interface LaunchTemplateResource extends Construct {
  readonly terraformResourceType: string;
  readonly userDataInput?: string;
  userData: string;
  dependsOn?: string[];
}
