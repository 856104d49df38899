# A Fargate service whose container writes to EFS, with everything it needs created here: a VPC
# with two public subnets (the task pulls its image from the internet), the file system, the
# service's security group, and the execution and task roles. `module "efs"` lets the service's
# group in on NFS (the file system owns one rule per client group). `module "mount"` does the
# rest of the EFS wiring: an access point rooted at /ecs owned by the task's POSIX user, the task
# role policy, and the task definition's volume and the container's mount point. Every ID comes
# from a resource created here, and no flag is needed for that.

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
  name = "efs-ecs"
  subnets = {
    "us-east-1a" = "10.1.1.0/24"
    "us-east-1b" = "10.1.2.0/24"
  }
}

resource "aws_vpc" "this" {
  cidr_block           = "10.1.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
  tags                 = { Name = local.name }
}

resource "aws_internet_gateway" "this" {
  vpc_id = aws_vpc.this.id
}

resource "aws_route_table" "public" {
  vpc_id = aws_vpc.this.id

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = aws_internet_gateway.this.id
  }
}

resource "aws_subnet" "public" {
  for_each = local.subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  tags              = { Name = "${local.name}-${each.key}" }
}

resource "aws_route_table_association" "public" {
  for_each = aws_subnet.public

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

module "efs" {
  source = "../../modules/efs-filesystem"

  name          = local.name
  vpc_id        = aws_vpc.this.id
  mount_targets = { for zone, subnet in aws_subnet.public : zone => { subnet_id = subnet.id } }

  # The file system owns the NFS rules of each client group (inbound on its group, outbound on the client's).
  allowed_security_groups = { service = aws_security_group.service.id }
}

# The service's group: all outbound (image pull, NFS); no inbound. The NFS rule on the file
# system's side comes from module.efs.
resource "aws_security_group" "service" {
  name_prefix = "${local.name}-service-"
  description = "The EFS example service"
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_egress_rule" "service_all" {
  security_group_id = aws_security_group.service.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  description       = "Image pull and NFS"
}

data "aws_iam_policy_document" "ecs_tasks" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# Pulls the image; EFS does not need it.
resource "aws_iam_role" "execution" {
  name_prefix        = "${local.name}-execution-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

# The task's identity: IAM authorization mounts the file system with this role.
resource "aws_iam_role" "task" {
  name_prefix        = "${local.name}-task-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks.json
}

module "mount" {
  source = "../../modules/efs-mount-ecs"

  file_system    = module.efs.file_system
  name           = local.name
  root_directory = "/ecs"
  container_path = "/mnt/data"

  # Known only after apply (name_prefix, a new group): the module plans with them as they are.
  # The group is checked against module.efs's allowed groups once its ID is known.
  task_role_name    = aws_iam_role.task.name
  security_group_id = aws_security_group.service.id
}

resource "aws_ecs_cluster" "this" {
  name = local.name
}

resource "aws_ecs_task_definition" "this" {
  family                   = local.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  container_definitions = jsonencode([{
    name        = "app"
    image       = "public.ecr.aws/docker/library/busybox:stable"
    essential   = true
    command     = ["sh", "-c", "while true; do date >> /mnt/data/heartbeat.log; sleep 60; done"]
    mountPoints = [module.mount.mount_point]
  }])

  # One block per mount: add more modules to the list to mount several volumes.
  dynamic "volume" {
    for_each = [module.mount.volume]

    content {
      name = volume.value.name

      efs_volume_configuration {
        file_system_id          = volume.value.efs_volume_configuration.file_system_id
        root_directory          = volume.value.efs_volume_configuration.root_directory
        transit_encryption      = volume.value.efs_volume_configuration.transit_encryption
        transit_encryption_port = volume.value.efs_volume_configuration.transit_encryption_port

        authorization_config {
          access_point_id = volume.value.efs_volume_configuration.authorization_config.access_point_id
          iam             = volume.value.efs_volume_configuration.authorization_config.iam
        }
      }
    }
  }
}

resource "aws_ecs_service" "this" {
  name            = local.name
  cluster         = aws_ecs_cluster.this.id
  task_definition = aws_ecs_task_definition.this.arn
  desired_count   = 1
  launch_type     = "FARGATE"
  # EFS volumes need Fargate platform version 1.4.0 or later.
  platform_version = "1.4.0"

  network_configuration {
    subnets          = [for subnet in aws_subnet.public : subnet.id]
    security_groups  = [aws_security_group.service.id]
    assign_public_ip = true
  }
}

output "service_name" {
  value = aws_ecs_service.this.name
}

output "access_point_id" {
  value = module.mount.access_point_id
}
