/**
 * The TypeScript twin of main.tf in this folder: a Fargate service whose container writes to
 * EFS. `EfsMountEcs` takes the task definition: it adds the volume, makes the task definition
 * (and so the service) wait for the mount targets, attaches the policy to its task role, and adds
 * the service's group to the file system's allowed client groups (one NFS rule per group);
 * `mountPoint` goes into the container definition.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EcsCluster } from '@cdktf/provider-aws/lib/ecs-cluster';
import { EcsService } from '@cdktf/provider-aws/lib/ecs-service';
import { EcsTaskDefinition } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem, EfsMountEcs } from 'efs-modules';

const NAME = 'efs-ecs';
const SUBNETS = { 'us-east-1a': '10.1.1.0/24', 'us-east-1b': '10.1.2.0/24' };

export class EcsExampleStack extends TerraformStack {
  readonly mount: EfsMountEcs;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });

    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.1.0.0/16',
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
      const subnet = new Subnet(this, `public-${zone}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: cidr,
        tags: { Name: `${NAME}-${zone}` },
      });
      new RouteTableAssociation(this, `public-${zone}-routes`, { subnetId: subnet.id, routeTableId: routes.id });
      return [zone, subnet] as const;
    });

    const efs = new EfsFilesystem(this, 'efs', {
      name: NAME,
      vpcId: vpc.id,
      mountTargets: Object.fromEntries(subnets.map(([zone, subnet]) => [zone, { subnetId: subnet.id }])),
    });

    const group = new SecurityGroup(this, 'service-group', {
      namePrefix: `${NAME}-service-`,
      description: 'The EFS example service',
      vpcId: vpc.id,
    });
    // Let the service's group in on NFS under the name "service"; the mount finds it there and adds nothing.
    efs.allowClient('service', group.id);
    new VpcSecurityGroupEgressRule(this, 'service-all', {
      securityGroupId: group.id,
      ipProtocol: '-1',
      cidrIpv4: '0.0.0.0/0',
      description: 'Image pull and NFS',
    });

    const ecsTasks = new DataAwsIamPolicyDocument(this, 'ecs-tasks', {
      statement: [
        { actions: ['sts:AssumeRole'], principals: [{ type: 'Service', identifiers: ['ecs-tasks.amazonaws.com'] }] },
      ],
    });
    const execution = new IamRole(this, 'execution', {
      namePrefix: `${NAME}-execution-`,
      assumeRolePolicy: ecsTasks.json,
    });
    new IamRolePolicyAttachment(this, 'execution-policy', {
      role: execution.name,
      policyArn: 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy',
    });
    const taskRole = new IamRole(this, 'task-role', { namePrefix: `${NAME}-task-`, assumeRolePolicy: ecsTasks.json });

    const cluster = new EcsCluster(this, 'cluster', { name: NAME });
    const task = new EcsTaskDefinition(this, 'task', {
      family: NAME,
      requiresCompatibilities: ['FARGATE'],
      networkMode: 'awsvpc',
      cpu: '256',
      memory: '512',
      executionRoleArn: execution.arn,
      taskRoleArn: taskRole.arn,
      containerDefinitions: '[]', // set below, with the mount point
    });

    // Adds the volume to the task definition; the policy goes on its task role, and the service's
    // group joins the file system's allowed groups.
    this.mount = new EfsMountEcs(this, 'mount', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: NAME,
      rootDirectory: '/ecs',
      containerPath: '/mnt/data',
      securityGroupId: group.id,
    });
    task.containerDefinitions = Fn.jsonencode([
      {
        name: 'app',
        image: 'public.ecr.aws/docker/library/busybox:stable',
        essential: true,
        command: ['sh', '-c', 'while true; do date >> /mnt/data/heartbeat.log; sleep 60; done'],
        mountPoints: [this.mount.mountPoint],
      },
    ]);

    const service = new EcsService(this, 'service', {
      name: NAME,
      cluster: cluster.id,
      taskDefinition: task.arn,
      desiredCount: 1,
      launchType: 'FARGATE',
      // EFS volumes need Fargate platform version 1.4.0 or later.
      platformVersion: '1.4.0',
      networkConfiguration: {
        subnets: subnets.map(([, subnet]) => subnet.id),
        securityGroups: [group.id],
        assignPublicIp: true,
      },
    });

    new TerraformOutput(this, 'service_name', { value: service.name });
    new TerraformOutput(this, 'access_point_id', { value: this.mount.accessPointId });
  }
}
