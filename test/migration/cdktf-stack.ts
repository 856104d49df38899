/**
 * The CDKTF stack the exit test migrates: a file system with mount targets in two subnets, an
 * allowed client group, an access point of its own and one added later, a Lambda function
 * mounting it through an EfsMountLambda, an ECS task definition through an EfsMountEcs
 * (read-only), and an EC2 instance and a launch template booting with an EfsMountEc2's script
 * (whose client group the mount lets in): the constructs as a user's stack combines them.
 */
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { Fn, type TerraformStack } from '../../src/cdktf';
import { EfsFilesystem, EfsMountEc2, EfsMountEcs, EfsMountLambda } from '../../src';

export const ZONES = ['us-east-1a', 'us-east-1b'];

/** Commands the EC2 instances run after the mount: quotes, `$(…)` and `${…}`, which HCL must print escaped. */
export const RUN_AFTER_MOUNT =
  'echo "mounted at $(date)" >> /var/log/exit-boot.log\nsystemctl start "exit-app@${HOSTNAME}"';

export function buildExitStack(stack: TerraformStack): void {
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const vpc = new Vpc(stack, 'vpc', { cidrBlock: '10.9.0.0/16' });
  const subnets = ZONES.map(
    (zone, i) =>
      new Subnet(stack, `subnet-${zone}`, { vpcId: vpc.id, availabilityZone: zone, cidrBlock: `10.9.${i}.0/24` }),
  );
  const group = new SecurityGroup(stack, 'function-group', {
    namePrefix: 'exit-function-',
    description: 'The function',
    vpcId: vpc.id,
  });
  const efs = new EfsFilesystem(stack, 'efs', {
    name: 'exit',
    vpcId: vpc.id,
    throughputMode: 'bursting',
    mountTargets: Object.fromEntries(ZONES.map((zone, i) => [zone, { subnetId: subnets[i].id }])),
    allowedSecurityGroups: { function: group.id },
    accessPoints: { shared: { rootDirectory: '/shared', posixUser: { uid: 1001, gid: 1001 } } },
    tags: { team: 'storage' },
  });
  efs.addAccessPoint('reports', { rootDirectory: '/reports', posixUser: { uid: 1002, gid: 1002 } });
  const role = new IamRole(stack, 'function-role', {
    namePrefix: 'exit-',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
    }),
  });
  const fn = new LambdaFunction(stack, 'function', {
    functionName: 'exit',
    role: role.arn,
    runtime: 'python3.12',
    handler: 'handler.handler',
    filename: 'handler.zip',
    vpcConfig: { subnetIds: subnets.map((s) => s.id), securityGroupIds: [group.id] },
  });
  new EfsMountLambda(stack, 'data-mount', {
    fileSystem: efs.fileSystem,
    function: fn,
    name: 'exit-data',
    rootDirectory: '/data',
    posixUser: { uid: 1000, gid: 1000 },
    mountPath: '/mnt/data',
  });

  const taskRole = new IamRole(stack, 'task-role', {
    namePrefix: 'exit-task-',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ecs-tasks.amazonaws.com' } }],
    }),
  });
  const task = new EcsTaskDefinition(stack, 'task', {
    family: 'exit',
    requiresCompatibilities: ['FARGATE'],
    networkMode: 'awsvpc',
    cpu: '256',
    memory: '512',
    taskRoleArn: taskRole.arn,
    containerDefinitions: '[]',
  });
  const reports = new EfsMountEcs(stack, 'reports-mount', {
    fileSystem: efs.fileSystem,
    taskDefinition: task,
    name: 'exit-reports',
    rootDirectory: '/reports',
    posixUser: { uid: 1002, gid: 1002 },
    containerPath: '/mnt/reports',
    readOnly: true,
    securityGroupId: group.id,
  });
  task.containerDefinitions = Fn.jsonencode([
    {
      name: 'app',
      image: 'public.ecr.aws/docker/library/busybox:stable',
      essential: true,
      mountPoints: [reports.mountPoint],
    },
  ]);
  buildEc2Clients(stack, efs, subnets[0], vpc);
}

/** An instance and a launch template that boot with an EfsMountEc2's script, as `mountOn` gives it. */
function buildEc2Clients(stack: TerraformStack, efs: EfsFilesystem, subnet: Subnet, vpc: Vpc): void {
  const group = new SecurityGroup(stack, 'instance-group', {
    namePrefix: 'exit-instance-',
    description: 'The instances',
    vpcId: vpc.id,
  });
  const role = new IamRole(stack, 'instance-role', {
    namePrefix: 'exit-instance-',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
    }),
  });
  const mount = new EfsMountEc2(stack, 'boot-mount', {
    fileSystem: efs,
    name: 'exit-boot',
    rootDirectory: '/boot',
    posixUser: { uid: 1003, gid: 1003 },
    mountPath: '/mnt/boot',
    runAfterMount: RUN_AFTER_MOUNT,
    role,
    securityGroupId: group.id,
  });
  const instance = new Instance(stack, 'instance', {
    ami: 'ami-0123456789abcdef0',
    instanceType: 't3.micro',
    subnetId: subnet.id,
    vpcSecurityGroupIds: [group.id],
    userDataReplaceOnChange: true,
  });
  mount.mountOn(instance);
  const template = new LaunchTemplate(stack, 'launch-template', {
    name: 'exit',
    imageId: 'ami-0123456789abcdef0',
    instanceType: 't3.micro',
  });
  mount.mountOn(template);
}
