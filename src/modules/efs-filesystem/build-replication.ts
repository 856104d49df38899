/**
 * efs-filesystem: replication to a new file system in another Region or zone, or to an existing
 * one, when `replication` is set.
 */
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsReplicationConfiguration } from '@cdktf/provider-aws/lib/efs-replication-configuration';
import { forEachOf } from '../../core/blocks';
import { eachOf, get, cond, isNull, obj } from '../../core/expr';
import type { EfsFilesystemContext } from './spec';

/** One resource, for_each over at most one entry keyed `replica`. */
export function buildReplication(ctx: EfsFilesystemContext, fileSystem: EfsFileSystem): EfsReplicationConfiguration {
  const wanted = ctx.input('replication');
  const replicas = cond(isNull(wanted), obj({}), obj({ replica: wanted }));
  const replica = eachOf(replicas).value;
  const replication = ctx.named(
    new EfsReplicationConfiguration(ctx.scope, 'replication', {
      forEach: forEachOf(ctx.tf(replicas)),
      sourceFileSystemId: fileSystem.id,
      destination: {
        region: ctx.tf(get(replica, 'region')),
        availabilityZoneName: ctx.tf(get(replica, 'availability_zone_name')),
        kmsKeyId: ctx.tf(get(replica, 'kms_key_arn')),
        fileSystemId: ctx.tf(get(replica, 'file_system_id')),
      },
    }),
    'this',
  );
  return ctx.explain(
    replication,
    'for_each over at most one entry, read through each.value: with count, the provider would validate ' +
      'the block even when there is no replication and the inputs are constants.',
  );
}
