/**
 * efs-mount-lambda: the resources, written once (see src/core/module.ts). The shared part
 * (access point, role policy) is in ../mount/build.ts.
 */
import { buildMount } from '../mount/build';
import { LAMBDA_NAMES, type EfsMountLambdaContext } from './spec';

export function buildEfsMountLambda(ctx: EfsMountLambdaContext): Record<string, unknown> {
  const accessPoint = buildMount(ctx, LAMBDA_NAMES);
  const mountPath = ctx.tf(ctx.input('mount_path'));
  return {
    access_point_id: ctx.tf(accessPoint.id),
    access_point_arn: ctx.tf(accessPoint.arn),
    local_mount_path: mountPath,
    // The mounted access point reads var.file_system, whose value holds the mount target IDs: a
    // function using this ARN is ordered after the mount targets (test/efs-mount-lambda proves it on the graph).
    file_system_config: { arn: ctx.tf(accessPoint.arn), local_mount_path: mountPath },
  };
}
