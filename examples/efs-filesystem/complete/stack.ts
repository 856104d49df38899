/** The TypeScript twin of main.tf in this folder: every feature, network created alongside. */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem } from 'efs-modules';

const ZONES = { 'us-east-1a': '10.20.1.0/24', 'us-east-1b': '10.20.2.0/24' };

export class EfsFilesystemCompleteStack extends TerraformStack {
  readonly efs: EfsFilesystem;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const vpc = new Vpc(this, 'vpc', { cidrBlock: '10.20.0.0/16' });
    const subnets = Object.entries(ZONES).map(
      ([zone, cidr]) =>
        [
          zone,
          new Subnet(this, `private-${zone}`, { vpcId: vpc.id, availabilityZone: zone, cidrBlock: cidr }),
        ] as const,
    );
    const clients = new SecurityGroup(this, 'clients', {
      namePrefix: 'complete-clients-',
      description: 'Compute that mounts the file system',
      vpcId: vpc.id,
    });
    const key = new KmsKey(this, 'efs-key', { description: 'EFS encryption at rest', enableKeyRotation: true });

    this.efs = new EfsFilesystem(this, 'efs', {
      name: 'complete',
      vpcId: vpc.id,
      mountTargets: Object.fromEntries(subnets.map(([zone, subnet]) => [zone, { subnetId: subnet.id }])),
      allowedSecurityGroups: { clients: clients.id },
      allowedCidrs: { office: '10.99.0.0/16' },
      kmsKeyArn: key.arn,
      lifecyclePolicy: {
        transitionToIa: 'AFTER_30_DAYS',
        transitionToArchive: 'AFTER_90_DAYS',
        transitionToPrimaryStorageClass: 'AFTER_1_ACCESS',
      },
      accessPoints: {
        app: { rootDirectory: '/app', posixUser: { uid: 1000, gid: 1000 } },
        reports: {
          rootDirectory: '/reports',
          posixUser: { uid: 2000, gid: 2000, secondaryGids: [3000] },
          creationInfo: { ownerUid: 2000, ownerGid: 2000, permissions: '0750' },
        },
      },
      replication: { region: 'us-west-2' },
      tags: { Project: 'efs-modules' },
    });
    new TerraformOutput(this, 'file_system', { value: this.efs.fileSystem });
  }
}
