# A Lambda function that writes to EFS, with everything it needs created here, as users do:
# a VPC with two private subnets, the file system, the function's security group and role.
# `module "efs"` lets the function's group in on NFS (one rule per client group, owned by the
# file system). `module "mount"` does the rest of the EFS wiring: an access point rooted at
# /lambda and owned by the function's POSIX user, the IAM policy on the function's role, and a
# file_system_config that makes the function wait for the mount targets. Every ID comes from a
# resource created here, and no flag is needed for that. handler.zip holds handler.py.

terraform {
  required_version = ">= 1.5"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = ">= 5.30"
    }
  }
}

provider "aws" {
  region = "us-east-1"
}

locals {
  name = "efs-lambda"
  # Subnet CIDR per Availability Zone; the keys also key the mount targets.
  subnets = {
    "us-east-1a" = "10.0.1.0/24"
    "us-east-1b" = "10.0.2.0/24"
  }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = local.name }
}

resource "aws_subnet" "private" {
  for_each = local.subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  tags              = { Name = "${local.name}-${each.key}" }
}

module "efs" {
  source = "../../modules/efs-filesystem"

  name          = local.name
  vpc_id        = aws_vpc.this.id
  mount_targets = { for zone, subnet in aws_subnet.private : zone => { subnet_id = subnet.id } }

  # The file system owns the NFS rules of each client group: inbound on its own group, and
  # (client_egress_rules, on by default) outbound TCP 2049 on the client's group.
  allowed_security_groups = { function = aws_security_group.function.id }
}

# The function's group. Terraform-created groups have no egress rule of their own: module.efs adds
# the outbound NFS rule to the file system's group, and the inbound one on its side.
resource "aws_security_group" "function" {
  name_prefix = "${local.name}-function-"
  description = "The EFS example function"
  vpc_id      = aws_vpc.this.id
}

resource "aws_iam_role" "function" {
  name_prefix = "${local.name}-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}

# Network interfaces in the VPC and logs; EFS access comes from module.mount.
resource "aws_iam_role_policy_attachment" "vpc_access" {
  role       = aws_iam_role.function.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

module "mount" {
  source = "../../modules/efs-mount-lambda"

  file_system    = module.efs.file_system
  name           = local.name
  root_directory = "/lambda"
  mount_path     = "/mnt/data"

  # Known only after apply (name_prefix, a new group): the module plans with them as they are.
  # The group is checked against module.efs's allowed groups once its ID is known.
  role_name         = aws_iam_role.function.name
  security_group_id = aws_security_group.function.id
}

resource "aws_lambda_function" "this" {
  function_name = local.name
  role          = aws_iam_role.function.arn
  runtime       = "python3.12"
  handler       = "handler.handler"
  filename      = "${path.module}/handler.zip"
  timeout       = 10

  vpc_config {
    subnet_ids         = [for subnet in aws_subnet.private : subnet.id]
    security_group_ids = [aws_security_group.function.id]
  }

  # Created after the mount targets: the ARN comes from an access point that waits for them.
  file_system_config {
    arn              = module.mount.file_system_config.arn
    local_mount_path = module.mount.file_system_config.local_mount_path
  }

  environment {
    variables = { MOUNT_PATH = module.mount.local_mount_path }
  }

  # The role must be able to create network interfaces before the function is created.
  depends_on = [aws_iam_role_policy_attachment.vpc_access]
}

output "function_name" {
  value = aws_lambda_function.this.function_name
}

output "access_point_id" {
  value = module.mount.access_point_id
}
