/**
 * The TypeScript twin of main.tf in this folder: a Lambda function that writes to EFS, with the
 * VPC, file system, security group and role created alongside. `EfsMountLambda` takes the
 * function itself: it sets its file system config and its dependency on the mount targets, puts
 * the policy on the function's role, and adds the function's group to the file system's allowed
 * client groups (the file system owns one NFS rule per group).
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { join } from 'node:path';
import { AssetType, TerraformAsset, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem, EfsMountLambda } from 'efs-modules';

const NAME = 'efs-lambda';
const SUBNETS = { 'us-east-1a': '10.0.1.0/24', 'us-east-1b': '10.0.2.0/24' };

export class LambdaExampleStack extends TerraformStack {
  readonly function: LambdaFunction;
  readonly mount: EfsMountLambda;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.0.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: NAME },
    });
    const subnets = Object.entries(SUBNETS).map(
      ([zone, cidr]) =>
        [
          zone,
          new Subnet(this, `private-${zone}`, {
            vpcId: vpc.id,
            availabilityZone: zone,
            cidrBlock: cidr,
            tags: { Name: `${NAME}-${zone}` },
          }),
        ] as const,
    );

    // The function's group. The file system lets it in on NFS under the name "function": an inbound
    // rule on the file system's group and an outbound one on this group. Without the entry, the
    // mount would add the group itself (named after the mount), once per group.
    const group = new SecurityGroup(this, 'function-group', {
      namePrefix: `${NAME}-function-`,
      description: 'The EFS example function',
      vpcId: vpc.id,
    });

    const efs = new EfsFilesystem(this, 'efs', {
      name: NAME,
      vpcId: vpc.id,
      mountTargets: Object.fromEntries(subnets.map(([zone, subnet]) => [zone, { subnetId: subnet.id }])),
      allowedSecurityGroups: { function: group.id },
    });

    const role = new IamRole(this, 'function-role', {
      namePrefix: `${NAME}-`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
      }),
    });
    const vpcAccess = new IamRolePolicyAttachment(this, 'vpc-access', {
      role: role.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
    });

    const code = new TerraformAsset(this, 'handler', { path: join(__dirname, 'handler.zip'), type: AssetType.FILE });
    this.function = new LambdaFunction(this, 'function', {
      functionName: NAME,
      role: role.arn,
      runtime: 'python3.12',
      handler: 'handler.handler',
      filename: code.path,
      timeout: 10,
      vpcConfig: { subnetIds: subnets.map(([, subnet]) => subnet.id), securityGroupIds: [group.id] },
      environment: { variables: { MOUNT_PATH: '/mnt/data' } },
      dependsOn: [vpcAccess],
    });

    // Sets the function's fileSystemConfig and depends_on; the policy goes on its role, and its group
    // joins the file system's allowed groups.
    this.mount = new EfsMountLambda(this, 'mount', {
      fileSystem: efs.fileSystem,
      function: this.function,
      name: NAME,
      rootDirectory: '/lambda',
      mountPath: '/mnt/data',
    });

    new TerraformOutput(this, 'function_name', { value: this.function.functionName });
    new TerraformOutput(this, 'access_point_id', { value: this.mount.accessPointId });
  }
}
