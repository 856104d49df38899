/** efs-filesystem: the access points, one per entry of `access_points`, keyed by its name. */
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { addDynamic, addNestedDynamic, forEachOf, stringMap } from '../../core/blocks';
import { hclObject } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';

/** One resource, for_each over `access_points`. */
export function buildAccessPoints(ctx: BuildContext<EfsFilesystemInput>, fileSystem: EfsFileSystem): EfsAccessPoint {
  const { scope, in: v } = ctx;
  // A directory below "/" is only created with creation_info; default it to the POSIX user as owner.
  const ownedByPosixUser = hclObject({
    owner_uid: 'ap.posix_user.uid',
    owner_gid: 'ap.posix_user.gid',
    permissions: '"0755"',
  });
  const creationInfo = ctx.local(
    'access_point_creation_info',
    ex(
      `{\n  for key, ap in ${v('access_points')} : key => (\n    ap.creation_info != null ? ap.creation_info :\n` +
        `    ap.posix_user != null ? ${ownedByPosixUser.split('\n').join('\n    ')} : null\n  )\n}`,
    ),
  );

  const accessPoints = ctx.named(
    new EfsAccessPoint(scope, 'access_point', {
      forEach: forEachOf(ex(v('access_points'))),
      fileSystemId: fileSystem.id,
      rootDirectory: { path: ex('each.value.root_directory') },
      tags: stringMap(ex(`merge(${v('tags')}, each.value.tags, { Name = "\${${v('name')}}-\${each.key}" })`)),
      lifecycle: { createBeforeDestroy: true },
    }),
    'this',
  );
  addDynamic(accessPoints, 'posix_user', {
    forEach: ex('each.value.posix_user == null ? [] : [each.value.posix_user]'),
    content: {
      uid: ex('posix_user.value.uid'),
      gid: ex('posix_user.value.gid'),
      secondary_gids: ex('posix_user.value.secondary_gids'),
    },
  });
  addNestedDynamic(accessPoints, 'root_directory', 'creation_info', {
    forEach: ex(`${creationInfo}[each.key] == null ? [] : [${creationInfo}[each.key]]`),
    content: {
      owner_uid: ex('creation_info.value.owner_uid'),
      owner_gid: ex('creation_info.value.owner_gid'),
      permissions: ex('creation_info.value.permissions'),
    },
  });
  return ctx.explain(
    accessPoints,
    'A new root directory, POSIX user or creation info replaces the access point: create-before-destroy ' +
      'creates the new one first, so whatever mounts it is repointed before the old one is deleted. ' +
      'A directory below "/" is only created with creation_info: local.access_point_creation_info ' +
      'defaults it to the POSIX user as owner.',
  );
}
