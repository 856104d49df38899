# One file system serving two Lambda functions and an ECS service, each through its own access
# point: `ingest` writes to /ingest as 1000:1000, `report` writes to /reports as 2000:2000, and
# the `worker` service reads /ingest (read-only) and writes /reports, two volumes in one task.
# Everything is created here, so the roles' names and the groups' IDs are unknown at plan time.

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
  name = "efs-complete"
  subnets = {
    "us-east-1a" = "10.2.1.0/24"
    "us-east-1b" = "10.2.2.0/24"
  }
  # Each function gets its own directory, POSIX user and mount path.
  functions = {
    ingest = { root_directory = "/ingest", uid = 1000, mount_path = "/mnt/ingest" }
    report = { root_directory = "/reports", uid = 2000, mount_path = "/mnt/reports" }
  }
}

# ------------------------------------------------------------------ network and file system

resource "aws_vpc" "this" {
  cidr_block           = "10.2.0.0/16"
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

resource "aws_subnet" "this" {
  for_each = local.subnets

  vpc_id            = aws_vpc.this.id
  availability_zone = each.key
  cidr_block        = each.value
  tags              = { Name = "${local.name}-${each.key}" }
}

resource "aws_route_table_association" "this" {
  for_each = aws_subnet.this

  subnet_id      = each.value.id
  route_table_id = aws_route_table.public.id
}

module "efs" {
  source = "../../modules/efs-filesystem"

  name          = local.name
  vpc_id        = aws_vpc.this.id
  mount_targets = { for zone, subnet in aws_subnet.this : zone => { subnet_id = subnet.id } }

  # One NFS rule per client group, owned by the file system: the worker's two mounts share one.
  allowed_security_groups = merge(
    { for key in keys(local.functions) : key => aws_security_group.function[key].id },
    { worker = aws_security_group.worker.id },
  )
}

# ------------------------------------------------------------------ two Lambda functions

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "function" {
  for_each = local.functions

  name_prefix        = "${local.name}-${each.key}-"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

resource "aws_iam_role_policy_attachment" "function_vpc_access" {
  for_each = local.functions

  role       = aws_iam_role.function[each.key].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole"
}

resource "aws_security_group" "function" {
  for_each = local.functions

  name_prefix = "${local.name}-${each.key}-"
  description = "The ${each.key} function"
  vpc_id      = aws_vpc.this.id
}

module "function_mount" {
  source   = "../../modules/efs-mount-lambda"
  for_each = local.functions

  file_system    = module.efs.file_system
  name           = "${local.name}-${each.key}"
  root_directory = each.value.root_directory
  posix_user     = { uid = each.value.uid, gid = each.value.uid }
  mount_path     = each.value.mount_path

  role_name         = aws_iam_role.function[each.key].name
  security_group_id = aws_security_group.function[each.key].id
}

resource "aws_lambda_function" "this" {
  for_each = local.functions

  function_name = "${local.name}-${each.key}"
  role          = aws_iam_role.function[each.key].arn
  runtime       = "python3.12"
  handler       = "handler.handler"
  filename      = "${path.module}/handler.zip"
  timeout       = 10

  vpc_config {
    subnet_ids         = [for subnet in aws_subnet.this : subnet.id]
    security_group_ids = [aws_security_group.function[each.key].id]
  }

  file_system_config {
    arn              = module.function_mount[each.key].file_system_config.arn
    local_mount_path = module.function_mount[each.key].file_system_config.local_mount_path
  }

  environment {
    variables = { MOUNT_PATH = module.function_mount[each.key].local_mount_path }
  }

  depends_on = [aws_iam_role_policy_attachment.function_vpc_access]
}

# ------------------------------------------------------------------ one ECS service, two volumes

resource "aws_security_group" "worker" {
  name_prefix = "${local.name}-worker-"
  description = "The worker service"
  vpc_id      = aws_vpc.this.id
}

resource "aws_vpc_security_group_egress_rule" "worker_all" {
  security_group_id = aws_security_group.worker.id
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
  description       = "Image pull and NFS"
}

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "execution" {
  name_prefix        = "${local.name}-execution-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role_policy_attachment" "execution" {
  role       = aws_iam_role.execution.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy"
}

resource "aws_iam_role" "worker" {
  name_prefix        = "${local.name}-worker-"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

# What `ingest` wrote, read-only, as its owner.
module "worker_ingest" {
  source = "../../modules/efs-mount-ecs"

  file_system    = module.efs.file_system
  name           = "${local.name}-worker-ingest"
  root_directory = "/ingest"
  posix_user     = { uid = 1000, gid = 1000 }
  container_path = "/mnt/ingest"
  read_only      = true

  task_role_name    = aws_iam_role.worker.name
  security_group_id = aws_security_group.worker.id
}

# The reports, read-write, as their owner. The same client group as worker_ingest: module.efs
# holds its one NFS rule, so both mounts name it.
module "worker_reports" {
  source = "../../modules/efs-mount-ecs"

  file_system    = module.efs.file_system
  name           = "${local.name}-worker-reports"
  root_directory = "/reports"
  posix_user     = { uid = 2000, gid = 2000 }
  container_path = "/mnt/reports"

  task_role_name    = aws_iam_role.worker.name
  security_group_id = aws_security_group.worker.id
}

resource "aws_ecs_cluster" "this" {
  name = local.name
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "${local.name}-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = "256"
  memory                   = "512"
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.worker.arn

  container_definitions = jsonencode([{
    name        = "worker"
    image       = "public.ecr.aws/docker/library/busybox:stable"
    essential   = true
    command     = ["sh", "-c", "while true; do ls /mnt/ingest > /mnt/reports/listing.txt; sleep 60; done"]
    mountPoints = [module.worker_ingest.mount_point, module.worker_reports.mount_point]
  }])

  dynamic "volume" {
    for_each = [module.worker_ingest.volume, module.worker_reports.volume]

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

resource "aws_ecs_service" "worker" {
  name             = "${local.name}-worker"
  cluster          = aws_ecs_cluster.this.id
  task_definition  = aws_ecs_task_definition.worker.arn
  desired_count    = 1
  launch_type      = "FARGATE"
  platform_version = "1.4.0"

  network_configuration {
    subnets          = [for subnet in aws_subnet.this : subnet.id]
    security_groups  = [aws_security_group.worker.id]
    assign_public_ip = true
  }
}

output "functions" {
  value = { for key, fn in aws_lambda_function.this : key => fn.function_name }
}

output "access_points" {
  value = merge(
    { for key, mount in module.function_mount : key => mount.access_point_id },
    { worker_ingest = module.worker_ingest.access_point_id, worker_reports = module.worker_reports.access_point_id },
  )
}
