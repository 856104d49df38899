# A file system with two mount targets and everything else left to the secure defaults:
# encrypted, elastic throughput, daily backups, TLS-only policy, no open network access.

provider "aws" {
  region = "us-east-1"
}

module "efs" {
  source = "../../../modules/efs-filesystem"

  name   = "basic"
  vpc_id = "vpc-0123456789abcdef0"
  mount_targets = {
    "us-east-1a" = { subnet_id = "subnet-0123456789abcdef0" }
    "us-east-1b" = { subnet_id = "subnet-0123456789abcdef1" }
  }
}

output "file_system_id" {
  value = module.efs.id
}
