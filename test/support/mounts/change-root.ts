/**
 * One root module holding one mount per change case, each feeding its own client (a Lambda
 * function or an ECS task definition), all IDs literal: v1 gives every case the base inputs,
 * v2 changes each case's inputs as the case says, so that one real-provider plan against the
 * state v1 leaves shows what every change does.
 */
import { hclLiteral } from '../../../src/core/hcl-values';

export type Client = 'lambda' | 'ecs';
export type Inputs = Record<string, unknown>;

/** The arguments of a module block, one a line, indented; undefined values left out. */
export const moduleArgs = (inputs: Inputs): string =>
  Object.entries(inputs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `  ${k} = ${hclLiteral(v)}`)
    .join('\n');

/** The mount `module.<client>_<key>` and its function or task definition `<type>.<key>`. */
export function caseHcl(client: Client, key: string, inputs: Inputs): string {
  const m = `${client}_${key}`;
  return `module "${m}" {\n  source = "../modules/efs-mount-${client}"\n${moduleArgs(inputs)}\n}\n\n${clientHcl(client, key, m)}`;
}

/** The function or task definition `<type>.<key>`, fed by the outputs of `module.<mount>`. */
export function clientHcl(client: Client, key: string, mount: string): string {
  if (client === 'lambda') {
    return `resource "aws_lambda_function" "${key}" {
  function_name = "fn-${key.replace(/_/g, '-')}"
  role          = "arn:aws:iam::111122223333:role/fn-role"
  runtime       = "python3.12"
  handler       = "handler.handler"
  filename      = "\${path.module}/handler.zip"

  vpc_config {
    subnet_ids         = ["subnet-0123456789abcdef0"]
    security_group_ids = ["sg-0aaaaaaaaaaaaaaa1"]
  }

  file_system_config {
    arn              = module.${mount}.file_system_config.arn
    local_mount_path = module.${mount}.file_system_config.local_mount_path
  }
}
`;
  }
  return `resource "aws_ecs_task_definition" "${key}" {
  family        = "task-${key.replace(/_/g, '-')}"
  task_role_arn = "arn:aws:iam::111122223333:role/task-role"
  container_definitions = jsonencode([{
    name        = "app"
    image       = "public.ecr.aws/docker/library/busybox:stable"
    essential   = true
    mountPoints = [module.${mount}.mount_point]
  }])

  dynamic "volume" {
    for_each = [module.${mount}.volume]

    content {
      name = volume.value.name

      efs_volume_configuration {
        file_system_id          = volume.value.efs_volume_configuration.file_system_id
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
`;
}

/** The client resource of a case, by address. */
export const clientAddress = (client: Client, key: string): string =>
  `${client === 'lambda' ? 'aws_lambda_function' : 'aws_ecs_task_definition'}.${key}`;
