# terraform-aws-modules/terraform-aws-efs's examples/complete, written with efs-filesystem: the same
# file systems with the same intent, input by input (see docs/compare-terraform-aws-efs.md). The
# network, the KMS key and the principal of the policy statement are created here, so their IDs
# are unknown at plan time, as in a real stack.

provider "aws" {
  region = "eu-west-1"
}

locals {
  name = "ex-complete"
  # The upstream example takes the first three zones of the Region and one private subnet in each.
  private_subnets = {
    "eu-west-1a" = "10.99.3.0/24"
    "eu-west-1b" = "10.99.4.0/24"
    "eu-west-1c" = "10.99.5.0/24"
  }

  tags = {
    Name       = local.name
    Example    = local.name
    Repository = "https://github.com/terraform-aws-modules/terraform-aws-efs"
  }
}

resource "aws_vpc" "this" {
  cidr_block = "10.99.0.0/18"
  tags       = local.tags
}

resource "aws_subnet" "private" {
  for_each = local.private_subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  tags              = local.tags
}

resource "aws_kms_key" "efs" {
  description             = "EFS customer managed key"
  deletion_window_in_days = 7
  enable_key_rotation     = true
  tags                    = local.tags
}

resource "aws_kms_alias" "efs" {
  name          = "alias/efs/${local.name}"
  target_key_id = aws_kms_key.efs.key_id
}

# Upstream grants ClientMount to the caller's identity; a role created here plays that part.
resource "aws_iam_role" "operator" {
  name_prefix = "${local.name}-operator-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
  tags = local.tags
}

module "efs" {
  source = "../../../modules/efs-filesystem"

  # File system
  name           = local.name
  creation_token = local.name
  encrypted      = true
  kms_key_arn    = aws_kms_key.efs.arn

  lifecycle_policy = {
    transition_to_ia                    = "AFTER_30_DAYS"
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }

  # File system policy: TLS is required (upstream's default), plus the example's statement.
  enforce_tls = true
  policy_statements = [
    {
      sid        = "Example"
      effect     = "Allow"
      actions    = ["elasticfilesystem:ClientMount"]
      principals = [{ type = "AWS", identifiers = [aws_iam_role.operator.arn] }]
    },
  ]

  # Mount targets and their security group
  vpc_id = aws_vpc.this.id
  mount_targets = {
    for zone, subnet in aws_subnet.private : zone => { subnet_id = subnet.id }
  }
  security_group_description = "Example EFS security group"
  allowed_cidrs = {
    vpc_1 = aws_subnet.private["eu-west-1a"].cidr_block
    vpc_2 = aws_subnet.private["eu-west-1b"].cidr_block
    vpc_3 = aws_subnet.private["eu-west-1c"].cidr_block
  }

  # Access points. Upstream leaves posix_example at "/" and root_example without a user; each
  # gets both here, as AWS Security Hub asks of access points (EFS.3 a root directory, EFS.4 a
  # user identity), so `efs-modules doctor --strict` passes the example.
  access_points = {
    posix_example = {
      root_directory = "/posix"
      posix_user     = { uid = 1001, gid = 1001, secondary_gids = [1002] }
      tags           = { Additionl = "yes" }
    }
    root_example = {
      root_directory = "/example"
      posix_user     = { uid = 1001, gid = 1001 }
      creation_info  = { owner_uid = 1001, owner_gid = 1001, permissions = "755" }
    }
  }

  # Backup policy
  backup_enabled = true

  # Replication
  replication = { region = "eu-west-2" }

  tags = local.tags
}

# Upstream's "efs_default": a file system from a name alone, with no network yet.
module "efs_default" {
  source = "../../../modules/efs-filesystem"

  name                  = "${local.name}-default"
  create_security_group = false
  mount_targets         = {}

  tags = local.tags
}

# Upstream's "efs_disabled" (create = false): Terraform's own count on the module block.
module "efs_disabled" {
  source = "../../../modules/efs-filesystem"
  count  = 0

  name                  = "${local.name}-disabled"
  create_security_group = false
  mount_targets         = {}
}

output "file_system_arn" {
  value = module.efs.arn
}

output "mount_targets" {
  value = module.efs.mount_targets
}

output "access_points" {
  value = module.efs.access_points
}
