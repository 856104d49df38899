/**
 * efs-mount-ecs: the resources, written once (see src/core/module.ts). The shared part
 * (access point, role policy) is in ../mount/build.ts; this module adds the task
 * definition's volume and the container's mount point, as values.
 */
import { call, get, cond, lit, ne } from '../../core/expr';
import { buildMount } from '../mount/build';
import { ECS_NAMES, type EfsMountEcsContext } from './spec';

export function buildEfsMountEcs(ctx: EfsMountEcsContext): Record<string, unknown> {
  const { input: v } = ctx;
  const accessPoint = buildMount(ctx, ECS_NAMES);
  const volumeName = ctx.local(
    'volume_name',
    cond(ne(v('volume_name'), lit(null)), v('volume_name'), call('replace', v('name'), lit('.'), lit('-'))),
  );
  return {
    access_point_id: ctx.tf(accessPoint.id),
    access_point_arn: ctx.tf(accessPoint.arn),
    volume: {
      name: ctx.tf(volumeName),
      efs_volume_configuration: {
        // Reads var.file_system, which holds the mount target IDs: the task definition (and the
        // service that runs it) is ordered after the mount targets.
        file_system_id: ctx.tf(get(v('file_system'), 'id')),
        // With an access point, the volume must not set its own root (perpetual diffs, API errors).
        root_directory: ctx.tf(lit(null)),
        // An access point and IAM authorization both need TLS.
        transit_encryption: 'ENABLED',
        transit_encryption_port: ctx.tf(v('transit_encryption_port')),
        authorization_config: {
          access_point_id: ctx.tf(accessPoint.id),
          iam: ctx.tf(cond(v('iam_authorization'), lit('ENABLED'), lit('DISABLED'))),
        },
      },
    },
    mount_point: {
      sourceVolume: ctx.tf(volumeName),
      containerPath: ctx.tf(v('container_path')),
      readOnly: ctx.tf(v('read_only')),
    },
  };
}
