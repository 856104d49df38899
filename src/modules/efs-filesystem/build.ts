/**
 * efs-filesystem: the resources, written once. Runs as the TypeScript construct and as the
 * generator of the HCL module (see src/core/module.ts). Inputs are read through `ctx.in`.
 * Each part is in its own file; the order of the calls is the order of the blocks in main.tf, and
 * each part's title (`concern`) is the banner its blocks are printed under.
 */
import type { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import type { EfsReplicationConfiguration } from '@cdktf/provider-aws/lib/efs-replication-configuration';
import { concern } from '../../core/hcl-comments';
import { hclObject } from '../../core/hcl-values';
import { BuildContext, Built, ex } from '../../core/module';
import type { EfsFilesystemContext, EfsFilesystemInput } from './spec';
import { buildAccessPoints } from './build-access-points';
import { buildAlarms } from './build-alarms';
import { buildBackupPlan } from './build-backup-plan';
import { FileSystemResources, buildBackupPolicy, buildFileSystem, guardReplacement } from './build-file-system';
import { NetworkResources, buildNetwork, securityGroupOutput } from './build-network';
import { buildPolicy } from './build-policy';
import { buildReplication } from './build-replication';

export { CREATED_TAG } from './birth-tag';

/** The resources of one efs-filesystem, as its construct and the mount constructs use them. */
export interface EfsFilesystemResources extends FileSystemResources, NetworkResources {
  /** One resource, for_each over `access_points`. */
  readonly accessPoints: EfsAccessPoint;
  /** One resource, for_each over at most one entry (`replica`). */
  readonly replication: EfsReplicationConfiguration;
}

export function buildEfsFilesystem(ctx: EfsFilesystemContext): Built<EfsFilesystemResources> {
  const part = <T>(title: string, build: () => T): T => concern(ctx.scope, title, build);
  const fileSystemParts = part('File System', () => buildFileSystem(ctx));
  const { fileSystem } = fileSystemParts;
  const network = part('Security Group and Mount Targets', () => buildNetwork(ctx, fileSystem));
  guardReplacement(ctx, fileSystemParts, network.securityGroup);
  part('Backup Policy', () => buildBackupPolicy(ctx, fileSystem));
  part('File System Policy', () => buildPolicy(ctx, fileSystem));
  const accessPoints = part('Access Points', () => buildAccessPoints(ctx, fileSystem));
  const replication = part('Replication', () => buildReplication(ctx, fileSystem));
  part('Backup Plan', () => buildBackupPlan(ctx, fileSystem));
  part('Alarms', () => buildAlarms(ctx, fileSystem));

  const resources: EfsFilesystemResources = { ...fileSystemParts, ...network, accessPoints, replication };
  return { outputs: outputsOf(ctx, resources), resources };
}

/** Each output's value, by HCL output name. */
function outputsOf(ctx: BuildContext<EfsFilesystemInput>, r: EfsFilesystemResources): Record<string, unknown> {
  const mountTargetIds = ex(`{ for key, mount_target in ${ctx.address(r.mountTargets)} : key => mount_target.id }`);
  const securityGroupId = ex(securityGroupOutput(ctx, r.securityGroup, 'id'));
  return {
    id: r.fileSystem.id,
    arn: r.fileSystem.arn,
    dns_name: r.fileSystem.dnsName,
    security_group_id: securityGroupId,
    security_group_arn: ex(securityGroupOutput(ctx, r.securityGroup, 'arn')),
    size_in_bytes: ex(`one(${ctx.address(r.fileSystem)}.size_in_bytes[*].value)`),
    mount_target_ids: mountTargetIds,
    mount_targets: ex(
      forEachEntry(ctx.address(r.mountTargets), 'mt', {
        id: 'mt.id',
        dns_name: 'mt.mount_target_dns_name',
        network_interface_id: 'mt.network_interface_id',
        availability_zone_name: 'mt.availability_zone_name',
        availability_zone_id: 'mt.availability_zone_id',
        subnet_id: 'mt.subnet_id',
        ip_address: 'mt.ip_address',
      }),
    ),
    access_points: ex(
      forEachEntry(ctx.address(r.accessPoints), 'ap', {
        id: 'ap.id',
        arn: 'ap.arn',
        root_directory: 'ap.root_directory[0].path',
        posix_user: 'one(ap.posix_user)',
      }),
    ),
    replication_destination_file_system_id: ex(
      `try(${ctx.address(r.replication)}["replica"].destination[0].file_system_id, null)`,
    ),
    file_system: {
      id: r.fileSystem.id,
      arn: r.fileSystem.arn,
      security_group_id: securityGroupId,
      mount_target_ids: mountTargetIds,
      allowed_security_group_ids: ex(`values(${ctx.in('allowed_security_groups')})`),
    },
  };
}

/** `{ for key, <as> in <resources> : key => { … } }`, the object laid out one field a line. */
function forEachEntry(resources: string, as: string, fields: Record<string, string>): string {
  return `{\n  for key, ${as} in ${resources} : key => ${hclObject(fields).split('\n').join('\n  ')}\n}`;
}
