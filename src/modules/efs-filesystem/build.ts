/**
 * efs-filesystem: the resources, written once. Runs as the TypeScript construct and as the
 * generator of the HCL module (see src/core/module.ts). Inputs are read through `ctx.input`.
 * Each part is in its own file; the order of the calls is the order of the blocks in main.tf, and
 * each part's title (`concern`) is the banner its blocks are printed under.
 */
import type { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import type { EfsReplicationConfiguration } from '@cdktf/provider-aws/lib/efs-replication-configuration';
import { concern } from '../../core/hcl-comments';
import type { TerraformResource } from '../../cdktf';
import { type Expr, type Val, at, call, forMap, get, lit, obj, splat } from '../../core/expr';
import type { Built } from '../../core/module';
import type { EfsFilesystemContext } from './spec';
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
function outputsOf(ctx: EfsFilesystemContext, r: EfsFilesystemResources): Record<string, unknown> {
  const mountTargetIds = ctx.tf(
    forMap(ctx.ref(r.mountTargets), (key, mt) => [key, get(mt, 'id')], undefined, ['key', 'mount_target']),
  );
  const securityGroupId = ctx.tf(securityGroupOutput(ctx, r.securityGroup, 'id'));
  const entries = (resources: TerraformResource, as: string, fields: (entry: Val) => Record<string, Expr>) =>
    ctx.tf(forMap(ctx.ref(resources), (key, entry) => [key, obj(fields(entry))], undefined, ['key', as]));
  return {
    id: r.fileSystem.id,
    arn: r.fileSystem.arn,
    dns_name: r.fileSystem.dnsName,
    security_group_id: securityGroupId,
    security_group_arn: ctx.tf(securityGroupOutput(ctx, r.securityGroup, 'arn')),
    size_in_bytes: ctx.tf(call('one', splat(get(ctx.ref(r.fileSystem), 'size_in_bytes'), 'value'))),
    mount_target_ids: mountTargetIds,
    mount_targets: entries(r.mountTargets, 'mt', (mt) => ({
      id: get(mt, 'id'),
      dns_name: get(mt, 'mount_target_dns_name'),
      network_interface_id: get(mt, 'network_interface_id'),
      availability_zone_name: get(mt, 'availability_zone_name'),
      availability_zone_id: get(mt, 'availability_zone_id'),
      subnet_id: get(mt, 'subnet_id'),
      ip_address: get(mt, 'ip_address'),
    })),
    access_points: entries(r.accessPoints, 'ap', (ap) => ({
      id: get(ap, 'id'),
      arn: get(ap, 'arn'),
      root_directory: get(at(get(ap, 'root_directory'), 0), 'path'),
      posix_user: call('one', get(ap, 'posix_user')),
    })),
    replication_destination_file_system_id: ctx.tf(
      call('try', get(at(get(at(ctx.ref(r.replication), 'replica'), 'destination'), 0), 'file_system_id'), lit(null)),
    ),
    file_system: {
      id: r.fileSystem.id,
      arn: r.fileSystem.arn,
      security_group_id: securityGroupId,
      mount_target_ids: mountTargetIds,
      allowed_security_group_ids: ctx.tf(call('values', ctx.input('allowed_security_groups'))),
    },
  };
}
