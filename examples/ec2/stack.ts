/**
 * The TypeScript twin of main.tf in this folder: EC2 instances that mount EFS at boot, with the
 * VPC, file system, security group, role and instance profile created alongside. `EfsMountEc2`
 * takes the instance role (the EFS policy goes on it) and the instances' group (it joins the file
 * system's allowed client groups); `mountOn` gives an instance or a launch template the boot
 * script and makes it wait for the mount targets.
 */
import { AutoscalingGroup } from '@cdktf/provider-aws/lib/autoscaling-group';
import { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { TerraformOutput, TerraformStack, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem, EfsMountEc2 } from 'efs-modules';

const NAME = 'efs-ec2';
const SUBNETS = { 'us-east-1a': '10.2.1.0/24', 'us-east-1b': '10.2.2.0/24' };

export class Ec2ExampleStack extends TerraformStack {
  readonly instance: Instance;
  readonly mount: EfsMountEc2;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const ami = new TerraformVariable(this, 'ami_id', {
      type: 'string',
      description:
        'An Amazon Linux 2023 AMI, such as the SSM parameter /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 names.',
    });

    const vpc = new Vpc(this, 'vpc', {
      cidrBlock: '10.2.0.0/16',
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: { Name: NAME },
    });
    const subnets = Object.entries(SUBNETS).map(
      ([zone, cidr]) =>
        new Subnet(this, `private-${zone}`, {
          vpcId: vpc.id,
          availabilityZone: zone,
          cidrBlock: cidr,
          tags: { Name: `${NAME}-${zone}` },
        }),
    );
    // Amazon Linux's package repositories are in S3: the instances reach them through this endpoint.
    const s3 = new VpcEndpoint(this, 's3', {
      vpcId: vpc.id,
      serviceName: 'com.amazonaws.us-east-1.s3',
      vpcEndpointType: 'Gateway',
      routeTableIds: [vpc.mainRouteTableId],
    });

    const group = new SecurityGroup(this, 'instances', {
      namePrefix: `${NAME}-instances-`,
      description: 'The EFS example instances',
      vpcId: vpc.id,
    });
    new VpcSecurityGroupEgressRule(this, 'instances-s3', {
      securityGroupId: group.id,
      description: 'Package repositories in S3',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId: s3.prefixListId,
    });

    // The file system lets the instances' group in on NFS under the name "instances".
    const efs = new EfsFilesystem(this, 'efs', {
      name: NAME,
      vpcId: vpc.id,
      mountTargets: Object.fromEntries(subnets.map((subnet, i) => [Object.keys(SUBNETS)[i], { subnetId: subnet.id }])),
      allowedSecurityGroups: { instances: group.id },
    });

    const role = new IamRole(this, 'instance-role', {
      namePrefix: `${NAME}-`,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
      }),
    });
    const profile = new IamInstanceProfile(this, 'instance-profile', { namePrefix: `${NAME}-`, role: role.name });

    this.mount = new EfsMountEc2(this, 'mount', {
      fileSystem: efs.fileSystem,
      name: NAME,
      rootDirectory: '/shared',
      mountPath: '/mnt/shared',
      role,
      securityGroupId: group.id,
    });

    // cloud-init runs user data once per instance: a new script takes a new instance.
    this.instance = new Instance(this, 'instance', {
      ami: ami.stringValue,
      instanceType: 't3.micro',
      subnetId: subnets[0].id,
      vpcSecurityGroupIds: [group.id],
      iamInstanceProfile: profile.name,
      userDataReplaceOnChange: true,
      tags: { Name: NAME },
    });
    this.mount.mountOn(this.instance);

    const template = new LaunchTemplate(this, 'launch-template', {
      namePrefix: `${NAME}-`,
      imageId: ami.stringValue,
      instanceType: 't3.micro',
      vpcSecurityGroupIds: [group.id],
      iamInstanceProfile: { arn: profile.arn },
    });
    this.mount.mountOn(template);

    new AutoscalingGroup(this, 'group', {
      namePrefix: `${NAME}-`,
      minSize: 1,
      maxSize: 2,
      vpcZoneIdentifier: subnets.map((subnet) => subnet.id),
      launchTemplate: { id: template.id, version: Token.asString(template.latestVersion) },
    });

    new TerraformOutput(this, 'instance_id', { value: this.instance.id });
    new TerraformOutput(this, 'fstab_line', { value: this.mount.fstabLine });
  }
}
