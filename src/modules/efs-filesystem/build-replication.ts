/**
 * efs-filesystem: replication to a new file system in another Region or zone, or to an existing
 * one, when `replication` is set.
 */
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsReplicationConfiguration } from '@cdktf/provider-aws/lib/efs-replication-configuration';
import { forEachOf } from '../../core/blocks';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';

/** One resource, for_each over at most one entry keyed `replica`. */
export function buildReplication(
  ctx: BuildContext<EfsFilesystemInput>,
  fileSystem: EfsFileSystem,
): EfsReplicationConfiguration {
  const v = ctx.in;
  const replication = ctx.named(
    new EfsReplicationConfiguration(ctx.scope, 'replication', {
      forEach: forEachOf(ex(`${v('replication')} == null ? {} : { replica = ${v('replication')} }`)),
      sourceFileSystemId: fileSystem.id,
      destination: {
        region: ex('each.value.region'),
        availabilityZoneName: ex('each.value.availability_zone_name'),
        kmsKeyId: ex('each.value.kms_key_arn'),
        fileSystemId: ex('each.value.file_system_id'),
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
