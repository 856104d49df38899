/**
 * efs-mount-ecs: the resources, written once (see src/core/module.ts). The shared part
 * (access point, role policy) is in ../mount/build.ts; this module adds the task
 * definition's volume and the container's mount point, as values.
 */
import { BuildContext, ex } from '../../core/module';
import { buildMount } from '../mount/build';
import { ECS_NAMES, type EfsMountEcsInput } from './spec';

export function buildEfsMountEcs(ctx: BuildContext<EfsMountEcsInput>): Record<string, unknown> {
  const { in: v } = ctx;
  const accessPoint = buildMount(ctx, ECS_NAMES);
  const volumeName = ctx.local(
    'volume_name',
    ex(`${v('volume_name')} != null ? ${v('volume_name')} : replace(${v('name')}, ".", "-")`),
  );
  return {
    access_point_id: ex(accessPoint.id),
    access_point_arn: ex(accessPoint.arn),
    volume: {
      name: ex(volumeName),
      efs_volume_configuration: {
        // Reads var.file_system, which holds the mount target IDs: the task definition (and the
        // service that runs it) is ordered after the mount targets.
        file_system_id: ex(`${v('file_system')}.id`),
        // With an access point, the volume must not set its own root (perpetual diffs, API errors).
        root_directory: ex('null'),
        // An access point and IAM authorization both need TLS.
        transit_encryption: 'ENABLED',
        transit_encryption_port: ex(v('transit_encryption_port')),
        authorization_config: {
          access_point_id: ex(accessPoint.id),
          iam: ex(`${v('iam_authorization')} ? "ENABLED" : "DISABLED"`),
        },
      },
    },
    mount_point: {
      sourceVolume: ex(volumeName),
      containerPath: ex(v('container_path')),
      readOnly: ex(v('read_only')),
    },
  };
}
