/**
 * One root module holding one mount per change case, each feeding its own client (a Lambda
 * function, an ECS task definition, or an EC2 instance and a launch template), all IDs literal: v1
 * gives every case the base inputs, v2 changes each case's inputs as the case says, so that one
 * real-provider plan against the state v1 leaves shows what every change does.
 */
import { hclLiteral } from '../../../src/core/hcl-values';

export type Client = 'lambda' | 'ecs' | 'ec2';
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

/**
 * The function, task definition or instance and launch template `<type>.<key>`, fed by the outputs
 * of `module.<mount>`.
 */
export function clientHcl(client: Client, key: string, mount: string): string {
  if (client === 'ec2') {
    return `resource "aws_instance" "${key}" {
  ami                    = "ami-0123456789abcdef0"
  instance_type          = "t3.micro"
  subnet_id              = "subnet-0123456789abcdef0"
  vpc_security_group_ids = ["sg-0aaaaaaaaaaaaaaa1"]
  user_data              = module.${mount}.user_data
}

resource "aws_launch_template" "${key}" {
  name          = "lt-${key.replace(/_/g, '-')}"
  image_id      = "ami-0123456789abcdef0"
  instance_type = "t3.micro"
  user_data     = module.${mount}.user_data_base64
}
`;
  }
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

/** The client resources of a case, by address, with the name the change lists give each (`client`, `template`). */
export function clientAddresses(client: Client, key: string): Record<string, string> {
  if (client === 'ec2') return { [`aws_instance.${key}`]: 'client', [`aws_launch_template.${key}`]: 'template' };
  return { [`${client === 'lambda' ? 'aws_lambda_function' : 'aws_ecs_task_definition'}.${key}`]: 'client' };
}
