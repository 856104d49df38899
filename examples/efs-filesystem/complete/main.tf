# Every feature of efs-filesystem, with the network, the client security group and the KMS key
# created in the same configuration: their IDs are unknown at plan time, as in real stacks.

provider "aws" {
  region = "us-east-1"
}

locals {
  zones = {
    "us-east-1a" = "10.20.1.0/24"
    "us-east-1b" = "10.20.2.0/24"
  }
}

resource "aws_vpc" "this" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "private" {
  for_each = local.zones

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
}

resource "aws_security_group" "clients" {
  name_prefix = "complete-clients-"
  description = "Compute that mounts the file system"
  vpc_id      = aws_vpc.this.id
}

resource "aws_kms_key" "efs" {
  description         = "EFS encryption at rest"
  enable_key_rotation = true
}

module "efs" {
  source = "../../../modules/efs-filesystem"

  name   = "complete"
  vpc_id = aws_vpc.this.id
  mount_targets = {
    for zone, subnet in aws_subnet.private : zone => { subnet_id = subnet.id }
  }
  allowed_security_groups = { clients = aws_security_group.clients.id }
  allowed_cidrs           = { office = "10.99.0.0/16" }

  kms_key_arn = aws_kms_key.efs.arn
  lifecycle_policy = {
    transition_to_ia                    = "AFTER_30_DAYS"
    transition_to_archive               = "AFTER_90_DAYS"
    transition_to_primary_storage_class = "AFTER_1_ACCESS"
  }
  access_points = {
    app = {
      root_directory = "/app"
      posix_user     = { uid = 1000, gid = 1000 }
    }
    reports = {
      root_directory = "/reports"
      posix_user     = { uid = 2000, gid = 2000, secondary_gids = [3000] }
      creation_info  = { owner_uid = 2000, owner_gid = 2000, permissions = "0750" }
    }
  }
  replication = { region = "us-west-2" }

  tags = { Project = "efs-modules" }
}

output "file_system" {
  value = module.efs.file_system
}

output "access_points" {
  value = module.efs.access_points
}
