/**
 * The upstream deployments the migration fixtures were made from: root configurations that
 * call terraform-aws-modules/terraform-aws-efs v1.8.1 (staged as ./upstream by
 * scripts/migration-fixtures.ts). Kept here, beside the fixtures, so a reader sees what each
 * state holds and the script can regenerate them.
 */
export interface Deployment {
  /** Root main.tf calling the upstream module as module "efs". */
  upstreamHcl: string;
}

const TERRAFORM = `terraform {
  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.35"
    }
  }
}
`;

export const KMS_KEY_ARN = 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab';
export const VPC_ID = 'vpc-0123456789abcdef0';
export const APP_SG = 'sg-0aaaaaaaaaaaaaaa1';

export const DEPLOYMENTS: Record<string, Deployment> = {
  /**
   * Everything a typical v1 user sets: a customer key, elastic throughput, lifecycle, backup,
   * the default TLS policy plus a statement, mount targets in two subnets, a security group
   * with an exact name and its own description, NFS rules from a group and from a CIDR, an
   * access point at / and one below / with a POSIX user, replication to another region.
   */
  'terraform-aws-efs-v1.8.1-complete': {
    upstreamHcl: `${TERRAFORM}
module "efs" {
  source = "./upstream"

  name             = "shared"
  encrypted        = true
  kms_key_arn      = "${KMS_KEY_ARN}"
  throughput_mode  = "elastic"
  lifecycle_policy = {
    transition_to_ia                    = "AFTER_30_DAYS"
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  policy_statements = [
    {
      sid        = "ReadOnlyForAuditors"
      effect     = "Deny"
      actions    = ["elasticfilesystem:ClientWrite"]
      principals = [{ type = "AWS", identifiers = ["arn:aws:iam::123456789012:role/auditor"] }]
    }
  ]

  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
    "us-east-1b" = { subnet_id = "subnet-0123456789abcdef1" }
  }
  security_group_vpc_id      = "${VPC_ID}"
  security_group_description = "NFS for the shared file system"
  security_group_rules = {
    app = {
      description              = "NFS from the app"
      source_security_group_id = "${APP_SG}"
    }
    office = {
      description = "NFS from the office"
      cidr_blocks = ["10.20.0.0/16"]
    }
  }

  access_points = {
    root = {}
    app = {
      posix_user = { uid = 1000, gid = 1000 }
      root_directory = {
        path          = "/app"
        creation_info = { owner_uid = 1000, owner_gid = 1000, permissions = "755" }
      }
    }
  }

  enable_backup_policy             = true
  create_replication_configuration = true
  replication_configuration_destination = {
    region = "us-west-2"
  }

  tags = { env = "prod" }
}
`,
  },

  /** A maxIO file system (bursting by default), to show the guard refusing a config that forgets it. */
  'terraform-aws-efs-v1.8.1-maxio': {
    upstreamHcl: `${TERRAFORM}
module "efs" {
  source = "./upstream"

  name             = "scratch"
  performance_mode = "maxIO"

  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
  }
  security_group_vpc_id          = "${VPC_ID}"
  security_group_use_name_prefix = true
  security_group_rules = {
    app = { source_security_group_id = "${APP_SG}" }
  }
}
`,
  },
};
