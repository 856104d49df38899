/** efs-filesystem: the access points, one per entry of `access_points`, keyed by its name. */
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { addDynamic, addNestedDynamic, forEachOf, stringMap } from '../../core/blocks';
import {
  at,
  call,
  eachOf,
  forMap,
  get,
  cond,
  iteratorOf,
  lit,
  notNull,
  obj,
  template,
  oneIfSet,
} from '../../core/expr';
import type { EfsFilesystemContext } from './spec';

export function buildAccessPoints(ctx: EfsFilesystemContext, fileSystem: EfsFileSystem): EfsAccessPoint {
  const { scope, input: v } = ctx;
  // A directory below "/" is only created with creation_info; default it to the POSIX user as owner.
  const creationInfo = ctx.local(
    'access_point_creation_info',
    forMap(
      v('access_points'),
      (key, ap) => {
        const posixUser = get(ap, 'posix_user');
        const ownedByPosixUser = obj({
          owner_uid: get(posixUser, 'uid'),
          owner_gid: get(posixUser, 'gid'),
          permissions: lit('0755'),
        });
        const orPosixUser = cond(notNull(posixUser), ownedByPosixUser, lit(null));
        return [key, cond(notNull(get(ap, 'creation_info')), get(ap, 'creation_info'), orPosixUser)];
      },
      undefined,
      ['key', 'ap'],
    ),
  );

  const accessPoint = eachOf(v('access_points'));
  const accessPoints = ctx.named(
    new EfsAccessPoint(scope, 'access_point', {
      forEach: forEachOf(ctx.tf(v('access_points'))),
      fileSystemId: fileSystem.id,
      rootDirectory: { path: ctx.tf(get(accessPoint.value, 'root_directory')) },
      tags: stringMap(
        ctx.tf(
          call(
            'merge',
            v('tags'),
            get(accessPoint.value, 'tags'),
            obj({ Name: template`${v('name')}-${accessPoint.key}` }),
          ),
        ),
      ),
      lifecycle: { createBeforeDestroy: true },
    }),
    'this',
  );
  const posixUsers = oneIfSet(get(accessPoint.value, 'posix_user'));
  const posixUser = iteratorOf('posix_user', posixUsers).value;
  addDynamic(accessPoints, 'posix_user', {
    forEach: ctx.tf(posixUsers),
    content: {
      uid: ctx.tf(get(posixUser, 'uid')),
      gid: ctx.tf(get(posixUser, 'gid')),
      secondary_gids: ctx.tf(get(posixUser, 'secondary_gids')),
    },
  });
  const creationInfos = oneIfSet(at(creationInfo, accessPoint.key));
  const info = iteratorOf('creation_info', creationInfos).value;
  addNestedDynamic(accessPoints, 'root_directory', 'creation_info', {
    forEach: ctx.tf(creationInfos),
    content: {
      owner_uid: ctx.tf(get(info, 'owner_uid')),
      owner_gid: ctx.tf(get(info, 'owner_gid')),
      permissions: ctx.tf(get(info, 'permissions')),
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
