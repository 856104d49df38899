# AWS Backup plans and CloudWatch alarms beside two file systems. The SNS topic, the vault's
# KMS key and the second file system's backup role are created in the same apply: their ARNs
# are unknown at plan time, and the plan still knows every resource it will create.

provider "aws" {
  region = "us-east-1"
}

resource "aws_sns_topic" "alerts" {
  name = "efs-alerts"
}

resource "aws_kms_key" "backups" {
  description         = "AWS Backup vault for EFS"
  enable_key_rotation = true
}

# Bursting throughput, General Purpose: every alarm applies. The plan replaces the automatic
# backup (backup_enabled = false), moves recovery points to cold storage after 30 days, deletes
# them after a year, and copies each to a vault in another Region, kept there 90 days.
module "shared" {
  source = "../../../modules/efs-filesystem"

  name   = "shared"
  vpc_id = "vpc-0123456789abcdef0"
  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
    "us-east-1b" = { subnet_id = "subnet-0123456789abcdef1" }
  }
  throughput_mode = "bursting"
  backup_enabled  = false

  backup_plan = {
    schedule                  = "cron(0 3 ? * * *)"
    start_window_minutes      = 60
    completion_window_minutes = 480
    cold_storage_after_days   = 30
    delete_after_days         = 365
    vault_name                = "shared-efs"
    vault_kms_key_arn         = aws_kms_key.backups.arn
    copy_to = [
      { destination_vault_arn = "arn:aws:backup:us-west-2:111122223333:backup-vault:efs-copies", delete_after_days = 90 },
    ]
  }

  alarms = {
    sns_topic_arns       = [aws_sns_topic.alerts.arn]
    burst_credit_balance = { threshold = 500 }
    client_connections   = { enabled = true }
  }
}

resource "aws_iam_role" "backup" {
  name_prefix = "central-backup-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "backup.amazonaws.com" } }]
  })
}

# Max I/O with provisioned throughput: no burst credit or I/O limit alarm is created, as neither
# applies, and the throughput alarm is turned off. Backups go to an existing central vault with a
# role of the caller's; the automatic backup stays on beside the plan (two sets of recovery points).
module "scratch" {
  source = "../../../modules/efs-filesystem"

  name   = "scratch"
  vpc_id = "vpc-0123456789abcdef0"
  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
  }
  performance_mode                = "maxIO"
  throughput_mode                 = "provisioned"
  provisioned_throughput_in_mibps = 128

  backup_plan = {
    vault_arn          = "arn:aws:backup:us-east-1:111122223333:backup-vault:central"
    create_backup_role = false
    backup_role_arn    = aws_iam_role.backup.arn
  }

  alarms = {
    sns_topic_arns         = [aws_sns_topic.alerts.arn]
    throughput_utilization = { enabled = false }
    storage_growth         = { threshold = 500, period_seconds = 3600, evaluation_periods = 6 }
  }
}

output "shared_file_system_id" {
  value = module.shared.id
}
