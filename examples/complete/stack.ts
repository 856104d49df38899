/**
 * The TypeScript twin of main.tf in this folder: one file system serving two Lambda functions
 * (each with its own access point, directory and POSIX user) and one ECS service whose task
 * mounts two volumes.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { join } from 'node:path';
import { AssetType, Fn, TerraformAsset, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem, EfsMountEcs, EfsMountLambda } from 'efs-modules';

const NAME = 'efs-complete';
const SUBNETS = { 'us-east-1a': '10.2.1.0/24', 'us-east-1b': '10.2.2.0/24' };
/** Each function gets its own directory, POSIX user and mount path. */
const FUNCTIONS = {
  ingest: { rootDirectory: '/ingest', uid: 1000, mountPath: '/mnt/ingest' },
  report: { rootDirectory: '/reports', uid: 2000, mountPath: '/mnt/reports' },
};

export class CompleteExampleStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    // -------------------------------------------------------------- network and file system
    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.2.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: NAME },
    });
    const gateway = new InternetGateway(this, 'gateway', { vpcId: vpc.id });
    const routes = new RouteTable(this, 'public-routes', {
      vpcId: vpc.id,
      route: [{ cidrBlock: '0.0.0.0/0', gatewayId: gateway.id }],
    });
    const subnets = Object.entries(SUBNETS).map(([zone, cidr]) => {
      const subnet = new Subnet(this, `subnet-${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: cidr,
        tags: { Name: `${NAME}-${zone}` },
      });
      new RouteTableAssociation(this, `subnet-${zone}-routes`, { subnetId: subnet.id, routeTableId: routes.id });
      return [zone, subnet] as const;
    });
    const subnetIds = subnets.map(([, subnet]) => subnet.id);
    const efs = new EfsFilesystem(this, 'efs', {
      name: NAME,
      vpcId: vpc.id,
      mountTargets: Object.fromEntries(subnets.map(([zone, subnet]) => [zone, { subnetId: subnet.id }])),
    });

    // -------------------------------------------------------------- two Lambda functions
    const lambdaAssume = new DataAwsIamPolicyDocument(this, 'lambda-assume', {
      statement: [
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['lambda.amazonaws.com'] }] },
      ],
    });
    const code = new TerraformAsset(this, 'handler', { path: join(__dirname, 'handler.zip'), type: AssetType.FILE });
    const functionNames: Record<string, string> = {};
    const accessPoints: Record<string, string> = {};
    for (const [key, fn] of Object.entries(FUNCTIONS)) {
      const role = new IamRole(this, `${key}-role`, {
        namePrefix: `${NAME}-${key}-`,
        assumeRolePolicy: lambdaAssume.json,
      });
      const vpcAccess = new IamRolePolicyAttachment(this, `${key}-vpc-access`, {
        role: role.name,
        policyArn: 'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole',
      });
      const group = new SecurityGroup(this, `${key}-group`, {
        namePrefix: `${NAME}-${key}-`,
        description: `The ${key} function`,
        vpcId: vpc.id,
      });
      // Let the group in on NFS under the function's key; the mount below finds it there and adds nothing.
      efs.allowClient(key, group.id);
      const lambda = new LambdaFunction(this, `${key}-function`, {
        functionName: `${NAME}-${key}`,
        role: role.arn,
        runtime: 'python3.12',
        handler: 'handler.handler',
        filename: code.path,
        timeout: 10,
        vpcConfig: { subnetIds, securityGroupIds: [group.id] },
        environment: { variables: { MOUNT_PATH: fn.mountPath } },
        dependsOn: [vpcAccess],
      });
      const mount = new EfsMountLambda(this, `${key}-mount`, {
        fileSystem: efs.fileSystem,
        function: lambda,
        name: `${NAME}-${key}`,
        rootDirectory: fn.rootDirectory,
        posixUser: { uid: fn.uid, gid: fn.uid },
        mountPath: fn.mountPath,
      });
      functionNames[key] = lambda.functionName;
      accessPoints[key] = mount.accessPointId;
    }

    // -------------------------------------------------------------- one ECS service, two volumes
    const worker = new SecurityGroup(this, 'worker-group', {
      namePrefix: `${NAME}-worker-`,
      description: 'The worker service',
      vpcId: vpc.id,
    });
    efs.allowClient('worker', worker.id); // one NFS rule for both of the worker's mounts
    new VpcSecurityGroupEgressRule(this, 'worker-all', {
      securityGroupId: worker.id,
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
      description: 'Image pull and NFS',
    });
    const tasksAssume = new DataAwsIamPolicyDocument(this, 'ecs-tasks-assume', {
      statement: [
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }] },
      ],
    });
    const execution = new IamRole(this, 'execution', {
      namePrefix: `${NAME}-execution-`,
      assumeRolePolicy: tasksAssume.json,
    });
    new IamRolePolicyAttachment(this, 'execution-policy', {
      role: execution.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    });
    const workerRole = new IamRole(this, 'worker-role', {
      namePrefix: `${NAME}-worker-`,
      assumeRolePolicy: tasksAssume.json,
    });
    const cluster = new EcsCluster(this, 'cluster', { name: NAME });
    const task = new EcsTaskDefinition(this, 'worker-task', {
      family: `${NAME}-worker`,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: execution.arn,
      taskRoleArn: workerRole.arn,
      containerDefinitions: '[]', // set below, with the mount points
    });
    // What `ingest` wrote, read-only, as its owner. The worker's group is added to the file
    // system's allowed groups, which hold its one NFS rule.
    const ingest = new EfsMountEcs(this, 'worker-ingest', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: `${NAME}-worker-ingest`,
      rootDirectory: '/ingest',
      posixUser: { uid: 1000, gid: 1000 },
      containerPath: '/mnt/ingest',
      readOnly: true,
      securityGroupId: worker.id,
    });
    // The reports, read-write, as their owner. The same group again adds no second NFS rule.
    const reports = new EfsMountEcs(this, 'worker-reports', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: `${NAME}-worker-reports`,
      rootDirectory: '/reports',
      posixUser: { uid: 2000, gid: 2000 },
      containerPath: '/mnt/reports',
      securityGroupId: worker.id,
    });
    task.containerDefinitions = Fn.jsonencode([
      {
        name: 'worker',
        image: 'public.ecr.aws/docker/library/busybox:stable',
        essential: true,
        command: ['sh', '-c', 'while true; do ls /mnt/ingest > /mnt/reports/listing.txt; sleep 60; done'],
        mountPoints: [ingest.mountPoint, reports.mountPoint],
      },
    ]);
    new EcsService(this, 'worker-service', {
      name: `${NAME}-worker`,
      cluster: cluster.id,
      taskDefinition: task.arn,
      desiredCount: 1,
      launchType: 'FARGATE',
      platformVersion: '1.4.0',
      networkConfiguration: { subnets: subnetIds, securityGroups: [worker.id], assignPublicIp: true },
    });

    new TerraformOutput(this, 'functions', { value: functionNames });
    new TerraformOutput(this, 'access_points', {
      value: { ...accessPoints, worker_ingest: ingest.accessPointId, worker_reports: reports.accessPointId },
    });
  }
}
