/**
 * The TypeScript twin of main.tf in this folder: a file system with two mount targets and
 * everything else left to the secure defaults.
 */
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem } from 'efs-modules';

export class EfsFilesystemBasicStack extends TerraformStack {
  readonly efs: EfsFilesystem;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    this.efs = new EfsFilesystem(this, 'efs', {
      name: 'basic',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: {
        'us-east-1a': { subnetId: 'subnet-0123456789abcdef0' },
        'us-east-1b': { subnetId: 'subnet-0123456789abcdef1' },
      },
    });
    new TerraformOutput(this, 'file_system_id', { value: this.efs.fileSystemId });
  }
}
