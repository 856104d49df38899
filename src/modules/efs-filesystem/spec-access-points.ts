/**
 * efs-filesystem access points: their root directory, POSIX user and creation info, declared
 * once (input and rules). The facts behind the rules come from the Amazon EFS API reference
 * (RootDirectory, CreationInfo, PosixUser). build-access-points.ts creates them.
 */
import {
  Expr,
  and,
  call,
  cond,
  forEach,
  get,
  isNull,
  lit,
  name,
  notNull,
  nullOr,
  or,
  show,
  template,
} from '../../core/expr';
import { Rule, eachEntry } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { optional, t } from '../../core/types';
import { doc, nm, val } from '../../core/doc';
import { MAX_POSIX_ID, POSIX_USER, isPosixId, octalPermissions, rootDirectory } from '../shared';

export const accessPointInputs = defineInputs([
  {
    name: 'access_points',
    type: t.map(
      t.object(
        {
          root_directory: optional(t.string(), '/'),
          posix_user: optional(
            POSIX_USER,
            undefined,
            doc`The user and groups every NFS request through the access point runs as, whatever the client sends (${nm('uid')}, ${nm('gid')}, ${nm('secondary_gids')}: whole numbers from 0 to 4294967295). Left out, clients act as their own users.`,
          ),
          creation_info: optional(
            t.object(
              { owner_uid: t.number(), owner_gid: t.number(), permissions: optional(t.string(), '0755') },
              'CreationInfo',
            ),
            undefined,
            doc`Owner and octal permissions (such as ${val('0755')}) EFS gives ${nm('root_directory')} when it creates it on first use. Left out, the POSIX user owns it with ${val('0755')}; without either, a root directory other than ${val('/')} is refused, since EFS would not create it.`,
          ),
          tags: optional(t.map(t.string()), {}),
        },
        'AccessPoint',
      ),
    ),
    default: {},
    description: doc`Access points keyed by a name you choose. ${nm('root_directory')} is an absolute path of at most 100 characters and four levels; when it is not \`/\`, EFS creates it only with ${nm('creation_info')} (owner and octal permissions), which defaults to the POSIX user as owner with ${val('0755')}.`,
    onChange:
      'Per key: adding an entry creates its access point, removing one deletes it, reordering changes nothing. A new `root_directory`, `posix_user` or `creation_info` replaces that access point create-before-destroy: whatever reads its ID or ARN is repointed before the old one is deleted.',
  },
]);

/** The input this file declares (part of `EfsFilesystemInput`). */
export type AccessPointsInput = InputName<typeof accessPointInputs>;

const rootDir = (ap: Expr) => get(ap, 'root_directory');
const creationInfo = (ap: Expr) => get(ap, 'creation_info');
const posixUser = (ap: Expr) => get(ap, 'posix_user');

/** Every id of an access point (POSIX user, secondary groups, directory owner) is a whole number in range. */
const accessPointIdsOk = (ap: Expr): Expr =>
  and(
    nullOr(
      posixUser(ap),
      and(
        isPosixId(get(posixUser(ap), 'uid')),
        isPosixId(get(posixUser(ap), 'gid')),
        call(
          'alltrue',
          forEach(get(posixUser(ap), 'secondary_gids'), (_i, g) => isPosixId(g), undefined, ['i', 'g']),
        ),
      ),
    ),
    nullOr(
      creationInfo(ap),
      and(isPosixId(get(creationInfo(ap), 'owner_uid')), isPosixId(get(creationInfo(ap), 'owner_gid'))),
    ),
  );

export const accessPointRules: Rule<AccessPointsInput>[] = [
  eachEntry(
    'access-point-root-absolute',
    'access_points',
    'each access point root_directory is an absolute path without `..`',
    (_k, ap) => rootDirectory.isAbsolute(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeAbsolute)}`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}`,
  ),
  eachEntry(
    'access-point-root-length',
    'access_points',
    'each access point root_directory is at most 100 characters',
    (_k, ap) => rootDirectory.isShortEnough(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeShortEnough)}`,
    (k, ap) =>
      template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}, ${call('length', rootDir(ap))} characters`,
  ),
  eachEntry(
    'access-point-root-depth',
    'access_points',
    'each access point root_directory is at most four levels deep',
    (_k, ap) => rootDirectory.isShallowEnough(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeShallowEnough)}`,
    (k, ap) =>
      template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}, ${call('pathDepth', rootDir(ap))} deep`,
  ),
  eachEntry(
    'access-point-root-creatable',
    'access_points',
    'an access point below `/` has creation_info or a posix_user to derive it from',
    (_k, ap) => or(rootDirectory.isFileSystemRoot(rootDir(ap)), notNull(creationInfo(ap)), notNull(posixUser(ap))),
    template`an ${name('access_points')} entry whose ${name('root_directory')} is below "/" needs ${name('creation_info')} or ${name('posix_user')}: EFS creates the directory only when it knows the owner and permissions, and mounts fail while it does not exist`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}`,
  ),
  eachEntry(
    'access-point-permissions-octal',
    'access_points',
    'each access point creation_info.permissions is 3 or 4 octal digits',
    (_k, ap) => nullOr(creationInfo(ap), octalPermissions.isOctal(get(creationInfo(ap), 'permissions'))),
    template`every ${name('access_points')} entry's ${name('creation_info', 'permissions')} ${lit(octalPermissions.mustBe)}`,
    (k, ap) =>
      template`${name('access_points', k, 'creation_info', 'permissions')} = ${show(cond(isNull(creationInfo(ap)), lit(null), get(creationInfo(ap), 'permissions')))}`,
  ),
  eachEntry(
    'access-point-posix-ids',
    'access_points',
    `each uid and gid of an access point is a whole number from 0 to ${MAX_POSIX_ID}`,
    (_k, ap) => accessPointIdsOk(ap),
    template`every uid and gid of an ${name('access_points')} entry must be a whole number from 0 to ${lit(MAX_POSIX_ID)}`,
    (k, ap) =>
      template`${name('access_points', k)} with ${name('posix_user')} ${show(posixUser(ap))} and ${name('creation_info')} ${show(creationInfo(ap))}`,
  ),
];
