/** Valid inputs and bad inputs shared by the cases of efs-mount-lambda and efs-mount-ecs (see src/core/cases.ts). */
import { BadInput, inputValue } from '../../core/cases';
import type { MountInput, MountNames } from './spec';

/** A file system reference as efs-filesystem outputs it, with literal values. */
export const FILE_SYSTEM = {
  id: 'fs-0123456789abcdef0',
  arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0123456789abcdef0',
  security_group_id: 'sg-0123456789abcdef0',
  mount_target_ids: { 'us-east-1a': 'fsmt-0123456789abcdef0', 'us-east-1b': 'fsmt-0123456789abcdef1' },
  allowed_security_group_ids: ['sg-0aaaaaaaaaaaaaaa1'],
};

/** An access point of the file system above, as efs-filesystem's `access_points` output gives it. */
export const ACCESS_POINT = {
  id: 'fsap-0123456789abcdef0',
  arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-0123456789abcdef0',
};

/** A client's role and the group the file system above admits. */
export const CLIENT = { role: 'app-role', securityGroupId: 'sg-0aaaaaaaaaaaaaaa1' };

export function commonBadInputs<Role extends string, Attach extends string>(
  n: MountNames<Role, Attach>,
): BadInput<MountInput<Role, Attach>>[] {
  return [
    { rule: 'name-format', title: 'name with spaces', set: { name: 'my app' }, names: ['name'], shows: ['"my app"'] },
    {
      rule: 'file-system-mount-targets',
      title: 'file system without mount targets',
      set: { file_system: { ...FILE_SYSTEM, mount_target_ids: {} } },
      names: ['file_system.mount_target_ids'],
      shows: ['{}'],
    },
    {
      rule: 'root-directory-absolute',
      title: 'relative root directory',
      set: { root_directory: 'data' },
      names: ['root_directory'],
      shows: ['"data"'],
    },
    {
      rule: 'root-directory-absolute',
      title: 'root directory climbing out',
      set: { root_directory: '/data/../etc' },
      names: ['root_directory'],
      shows: ['"/data/../etc"'],
    },
    {
      rule: 'root-directory-length',
      title: 'root directory over 100 characters',
      set: { root_directory: `/${'d'.repeat(100)}` },
      names: ['root_directory'],
      shows: ['101'],
    },
    {
      rule: 'root-directory-depth',
      title: 'root directory five levels deep',
      set: { root_directory: '/a/b/c/d/e' },
      names: ['root_directory'],
      shows: ['5', '"/a/b/c/d/e"'],
    },
    {
      rule: 'root-directory-permissions-octal',
      title: 'permissions with digit 8',
      set: { root_directory: '/data', root_directory_permissions: '0855' },
      names: ['root_directory_permissions'],
      shows: ['"0855"'],
    },
    {
      rule: 'root-directory-permissions-octal',
      title: 'permissions as letters',
      set: { root_directory: '/data', root_directory_permissions: 'rwxr-xr-x' },
      names: ['root_directory_permissions'],
      shows: ['"rwxr-xr-x"'],
    },
    {
      rule: 'posix-user-ids',
      title: 'negative uid',
      set: { posix_user: { uid: -1, gid: 1000 } },
      names: ['posix_user'],
      shows: ['"uid":-1'],
      tsShows: ['uid: -1'],
    },
    {
      rule: 'posix-user-ids',
      title: 'fractional secondary gid',
      set: { posix_user: { uid: 1000, gid: 1000, secondary_gids: [1.5] } },
      names: ['posix_user'],
      shows: ['"secondary_gids":[1.5]'],
      tsShows: ['secondaryGids: [1.5]'],
    },
    {
      rule: 'role-name-format',
      title: 'role arn instead of name',
      set: inputValue(n.role, 'arn:aws:iam::111122223333:role/app'),
      names: [n.role],
      shows: ['"arn:aws:iam::111122223333:role/app"'],
    },
    {
      rule: 'security-group-id-format',
      title: 'security group name instead of id',
      set: { security_group_id: 'default' },
      names: ['security_group_id'],
      shows: ['"default"'],
    },
    {
      rule: 'role-policy-needs-role',
      title: 'role policy without role',
      set: inputValue(n.role, null),
      names: [n.role, n.attachRole],
      shows: [],
    },
    {
      rule: 'access-point-without-root-directory',
      title: 'root directory with a given access point',
      set: { access_point: ACCESS_POINT, root_directory: '/data' },
      names: ['root_directory', 'access_point'],
      shows: ['"/data"'],
    },
    {
      rule: 'access-point-without-posix-user',
      title: 'posix user with a given access point',
      set: { access_point: ACCESS_POINT, posix_user: { uid: 2000, gid: 2000 } },
      names: ['posix_user', 'access_point'],
      shows: ['"uid":2000'],
      tsShows: ['uid: 2000'],
    },
    {
      rule: 'access-point-without-root-directory-permissions',
      title: 'root directory permissions with a given access point',
      set: { access_point: ACCESS_POINT, root_directory_permissions: '0700' },
      names: ['root_directory_permissions', 'access_point'],
      shows: ['"0700"'],
    },
    {
      rule: 'client-group-allowed',
      title: 'client group the file system does not admit',
      set: { security_group_id: 'sg-0fedcba9876543210' },
      names: ['security_group_id', 'file_system.allowed_security_group_ids'],
      shows: ['"sg-0fedcba9876543210"', '["sg-0aaaaaaaaaaaaaaa1"]'],
    },
  ];
}
