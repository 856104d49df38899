/**
 * A root module with a Lambda function and an ECS task definition (those of change-root.ts),
 * each fed by a mount module, all IDs literal, for replacement tests: `writeRoot(dir, v)` writes
 * main.tf for one version of the mounts' inputs, so v1 can be planned, turned into state, and v2
 * planned against it.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FILE_SYSTEM } from '../../../src/modules/mount/cases';
import { clientHcl, moduleArgs } from './change-root';

export const CLIENT_GROUP = FILE_SYSTEM.allowed_security_group_ids[0];

/** Inputs of both mounts in one version of the configuration. */
export interface MountVersion {
  readonly name: string;
  readonly root_directory: string;
  readonly posix_user?: { uid: number; gid: number };
}

function rootHcl(v: MountVersion): string {
  const common = {
    file_system: FILE_SYSTEM,
    root_directory: v.root_directory,
    posix_user: v.posix_user,
    security_group_id: CLIENT_GROUP,
  };
  return `
module "lambda_mount" {
  source = "../modules/efs-mount-lambda"
${moduleArgs({ ...common, name: `${v.name}-fn`, role_name: 'fn-role' })}
}

${clientHcl('lambda', 'this', 'lambda_mount')}
module "ecs_mount" {
  source = "../modules/efs-mount-ecs"
${moduleArgs({ ...common, name: `${v.name}-task`, task_role_name: 'task-role' })}
}

${clientHcl('ecs', 'this', 'ecs_mount')}`;
}

export function writeRoot(dir: string, v: MountVersion): void {
  writeFileSync(join(dir, 'main.tf'), rootHcl(v));
}
