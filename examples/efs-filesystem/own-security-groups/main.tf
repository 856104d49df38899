# Bring your own security group: the module creates none (create_security_group = false) and
# attaches the group below to every mount target. The group and its NFS rule are created in the
# same apply: their IDs are unknown at plan time, and the first plan still works.

provider "aws" {
  region = "us-east-1"
}

resource "aws_security_group" "clients" {
  name_prefix = "app-clients-"
  description = "Application servers"
  vpc_id      = "vpc-0123456789abcdef0"
}

resource "aws_security_group" "efs" {
  name_prefix = "shared-efs-"
  description = "NFS on the shared file system"
  vpc_id      = "vpc-0123456789abcdef0"
}

# Your rules, on your group: the module adds none when it creates no group.
resource "aws_vpc_security_group_ingress_rule" "nfs_from_clients" {
  security_group_id            = aws_security_group.efs.id
  referenced_security_group_id = aws_security_group.clients.id
  ip_protocol                  = "tcp"
  from_port                    = 2049
  to_port                      = 2049
}

module "efs" {
  source = "../../../modules/efs-filesystem"

  name                            = "own-groups"
  create_security_group           = false
  mount_target_security_group_ids = [aws_security_group.efs.id]
  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
    "us-east-1b" = { subnet_id = "subnet-0123456789abcdef1" }
  }
}

output "mount_targets" {
  value = module.efs.mount_targets
}
