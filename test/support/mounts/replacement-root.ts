/**
 * A root module with a Lambda function and an ECS task definition, each fed by a mount module,
 * all IDs literal, for replacement tests: `write(dir, inputs)` writes main.tf for one version of
 * the mounts' inputs, so v1 can be planned, turned into state, and v2 planned against it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_SYSTEM } from '../../../src/modules/mount/cases';
import { hclLiteral } from '../../../src/core/hcl-values';

export const CLIENT_GROUP = FILE_SYSTEM.allowed_security_group_ids[0];

/** Inputs of both mounts in one version of the configuration. */
export interface MountVersion {
  readonly name: string;
  readonly root_directory: string;
  readonly posix_user?: { uid: number; gid: number };
}

const args = (inputs: Record<string, unknown>) =>
  Object.entries(inputs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = ${hclLiteral(v)}`)
    .join('\n');

export function rootHcl(v: MountVersion): string {
  const common = { file_system: FILE_SYSTEM, root_directory: v.root_directory, posix_user: v.posix_user, security_group_id: CLIENT_GROUP };
  return `
module "lambda_mount" {
  source = "../modules/efs-mount-lambda"
${args({ ...common, name: `${v.name}-fn`, role_name: 'fn-role' })}
}

resource "aws_lambda_function" "this" {
  function_name = "fn"
  role          = "arn:aws:iam::111122223333:role/fn-role"
  runtime       = "python3.12"
  handler       = "handler.handler"
  filename      = "\${path.module}/handler.zip"

  vpc_config {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = [${JSON.stringify(CLIENT_GROUP)}]
  }

  file_system_config {
    arn              = module.lambda_mount.file_system_config.arn
    local_mount_path = module.lambda_mount.file_system_config.local_mount_path
  }
}

module "ecs_mount" {
  source = "../modules/efs-mount-ecs"
${args({ ...common, name: `${v.name}-task`, task_role_name: 'task-role' })}
}

resource "aws_ecs_task_definition" "this" {
  family        = "task"
  task_role_arn = "arn:aws:iam::111122223333:role/task-role"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "public.ecr.aws/docker/library/busybox:stable"
    essential   = true
    mountPoints = [module.ecs_mount.mount_point]
  }])

  dynamic "volume" {
    for_each = [module.ecs_mount.volume]

    content {
      name = volume.value.name

      efs_volume_configuration {
        file_system_id     = volume.value.efs_volume_configuration.file_system_id
        transit_encryption = volume.value.efs_volume_configuration.transit_encryption

        authorization_config {
          access_point_id = volume.value.efs_volume_configuration.authorization_config.access_point_id
          iam             = volume.value.efs_volume_configuration.authorization_config.iam
        }
      }
    }
  }
}
`;
}

export function writeRoot(dir: string, v: MountVersion): void {
  writeFileSync(join(dir, 'main.tf'), rootHcl(v));
}
