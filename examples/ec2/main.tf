# EC2 instances that mount EFS at boot, with everything they need created here: a VPC with two
# private subnets and an S3 gateway endpoint (Amazon Linux's package repositories are in S3), the
# file system, the instances' security group, role and instance profile. `module "efs"` lets the
# instances' group in on NFS. `module "mount"` does the rest: an access point rooted at /shared and
# owned by the POSIX user, the IAM policy on the instance role, and the user data that installs
# amazon-efs-utils, writes the fstab entry (TLS, _netdev, IAM, the access point) and mounts it.
# One instance takes `user_data`; an Auto Scaling group takes `user_data_base64` through its launch
# template. Both are created after the mount targets, because the user data reads them.

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

variable "ami_id" {
  description = "An Amazon Linux 2023 AMI, such as the SSM parameter /aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64 names."
  type        = string
}

locals {
  name = "efs-ec2"
  # Subnet CIDR per Availability Zone; the keys also key the mount targets.
  subnets = {
    "us-east-1a" = "10.2.1.0/24"
    "us-east-1b" = "10.2.2.0/24"
  }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.2.0.0/16"
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

resource "aws_vpc_endpoint" "s3" {
  vpc_id            = aws_vpc.this.id
  service_name      = "com.amazonaws.us-east-1.s3"
  vpc_endpoint_type = "Gateway"
  route_table_ids   = [aws_vpc.this.main_route_table_id]
}

module "efs" {
  source = "../../modules/efs-filesystem"

  name          = local.name
  vpc_id        = aws_vpc.this.id
  mount_targets = { for zone, subnet in aws_subnet.private : zone => { subnet_id = subnet.id } }

  # Inbound NFS on the file system's group, and outbound TCP 2049 on the instances' group.
  allowed_security_groups = { instances = aws_security_group.instances.id }
}

resource "aws_security_group" "instances" {
  name_prefix = "${local.name}-instances-"
  description = "The EFS example instances"
  vpc_id      = aws_vpc.this.id
}

# HTTPS to S3 through the endpoint, for the package repositories.
resource "aws_vpc_security_group_egress_rule" "instances_s3" {
  security_group_id = aws_security_group.instances.id
  description       = "Package repositories in S3"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = aws_vpc_endpoint.s3.prefix_list_id
}

resource "aws_iam_role" "instance" {
  name_prefix = "${local.name}-"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_instance_profile" "instance" {
  name_prefix = "${local.name}-"
  role        = aws_iam_role.instance.name
}

module "mount" {
  source = "../../modules/efs-mount-ec2"

  file_system    = module.efs.file_system
  name           = local.name
  root_directory = "/shared"
  mount_path     = "/mnt/shared"

  # Known only after apply (name_prefix, a new group): the module plans with them as they are.
  role_name         = aws_iam_role.instance.name
  security_group_id = aws_security_group.instances.id
}

resource "aws_instance" "this" {
  ami                    = var.ami_id
  instance_type          = "t3.micro"
  subnet_id              = aws_subnet.private["us-east-1a"].id
  vpc_security_group_ids = [aws_security_group.instances.id]
  iam_instance_profile   = aws_iam_instance_profile.instance.name

  # Created after the mount targets: the script reads the access point, which waits for them.
  # cloud-init runs user data once per instance: a new script takes a new instance.
  user_data                   = module.mount.user_data
  user_data_replace_on_change = true

  tags = { Name = local.name }
}

resource "aws_launch_template" "this" {
  name_prefix            = "${local.name}-"
  image_id               = var.ami_id
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.instances.id]
  user_data              = module.mount.user_data_base64

  iam_instance_profile {
    arn = aws_iam_instance_profile.instance.arn
  }
}

resource "aws_autoscaling_group" "this" {
  name_prefix         = "${local.name}-"
  min_size            = 1
  max_size            = 2
  vpc_zone_identifier = [for subnet in aws_subnet.private : subnet.id]

  launch_template {
    id      = aws_launch_template.this.id
    version = aws_launch_template.this.latest_version
  }
}

output "instance_id" {
  value = aws_instance.this.id
}

output "fstab_line" {
  value = module.mount.fstab_line
}
