/**
 * The TypeScript twin of main.tf in this folder: AWS Backup plans and CloudWatch alarms beside
 * two file systems, with the SNS topic, the vault's key and a backup role created alongside.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { EfsFilesystem } from 'efs-modules';

export class EfsFilesystemBackupAndAlarmsStack extends TerraformStack {
  readonly shared: EfsFilesystem;
  readonly scratch: EfsFilesystem;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const alerts = new SnsTopic(this, 'alerts', { name: 'efs-alerts' });
    const backupsKey = new KmsKey(this, 'backups', {
      description: 'AWS Backup vault for EFS',
      enableKeyRotation: true,
    });

    // Bursting throughput, General Purpose: every alarm applies; the plan replaces the automatic backup.
    this.shared = new EfsFilesystem(this, 'shared', {
      name: 'shared',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: {
        'us-east-1a': { subnetId: 'subnet-0123456789abcdef0' },
        'us-east-1b': { subnetId: 'subnet-0123456789abcdef1' },
      },
      throughputMode: 'bursting',
      backupEnabled: false,
      backupPlan: {
        schedule: 'cron(0 3 ? * * *)',
        startWindowMinutes: 60,
        completionWindowMinutes: 480,
        coldStorageAfterDays: 30,
        deleteAfterDays: 365,
        vaultName: 'shared-efs',
        vaultKmsKeyArn: backupsKey.arn,
        copyTo: [
          { destinationVaultArn: 'arn:aws:backup:us-west-2:111122223333:backup-vault:efs-copies', deleteAfterDays: 90 },
        ],
      },
      alarms: {
        snsTopicArns: [alerts.arn],
        burstCreditBalance: { threshold: 500 },
        clientConnections: { enabled: true },
      },
    });

    const backupRole = new IamRole(this, 'backup', {
      namePrefix: 'central-backup-',
      assumeRolePolicy: Fn.jsonencode({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'backup.amazonaws.com' } }],
      }),
    });

    // Max I/O with provisioned throughput: the burst credit and I/O limit alarms do not apply.
    this.scratch = new EfsFilesystem(this, 'scratch', {
      name: 'scratch',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { 'us-east-1a': { subnetId: 'subnet-0123456789abcdef0' } },
      performanceMode: 'maxIO',
      throughputMode: 'provisioned',
      provisionedThroughputInMibps: 128,
      backupPlan: {
        vaultArn: 'arn:aws:backup:us-east-1:111122223333:backup-vault:central',
        createBackupRole: false,
        backupRoleArn: backupRole.arn,
      },
      alarms: {
        snsTopicArns: [alerts.arn],
        throughputUtilization: { enabled: false },
        storageGrowth: { threshold: 500, periodSeconds: 3600, evaluationPeriods: 6 },
      },
    });
    new TerraformOutput(this, 'shared_file_system_id', { value: this.shared.fileSystemId });
  }
}
