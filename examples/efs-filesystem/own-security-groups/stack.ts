/**
 * The TypeScript twin of main.tf in this folder: a file system whose mount targets use a
 * security group of your own (createSecurityGroup: false), created in the same deploy.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem } from 'efs-modules';

export class EfsFilesystemOwnSecurityGroupsStack extends TerraformStack {
  readonly efs: EfsFilesystem;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const vpcId = 'vpc-0123456789abcdef0';
    const clients = new SecurityGroup(this, 'clients', {
      namePrefix: 'app-clients-',
      description: 'Application servers',
      vpcId,
    });
    const efsGroup = new SecurityGroup(this, 'efs-group', {
      namePrefix: 'shared-efs-',
      description: 'NFS on the shared file system',
      vpcId,
    });
    // Your rules, on your group: the construct adds none (and allowClient refuses) without a group of its own.
    new VpcSecurityGroupIngressRule(this, 'nfs-from-clients', {
      securityGroupId: efsGroup.id,
      referencedSecurityGroupId: clients.id,
      ipProtocol: 'tcp',
      fromPort: 2049,
      toPort: 2049,
    });
    this.efs = new EfsFilesystem(this, 'efs', {
      name: 'own-groups',
      createSecurityGroup: false,
      mountTargetSecurityGroupIds: [efsGroup.id],
      mountTargets: {
        'us-east-1a': { subnetId: 'subnet-0123456789abcdef0' },
        'us-east-1b': { subnetId: 'subnet-0123456789abcdef1' },
      },
    });
    new TerraformOutput(this, 'mount_targets', { value: this.efs.outputs.mountTargets });
  }
}
