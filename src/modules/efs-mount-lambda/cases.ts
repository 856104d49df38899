/** Bad inputs that efs-mount-lambda must refuse, one rule each (see src/core/cases.ts). */
import type { BadInput, ModuleCases } from '../../core/cases';
import { CLIENT, FILE_SYSTEM, commonBadInputs } from '../mount/cases';
import { LAMBDA_NAMES, type EfsMountLambdaInput } from './spec';

const bad: BadInput<EfsMountLambdaInput>[] = [
  ...commonBadInputs(LAMBDA_NAMES),
  {
    rule: 'mount-path-format',
    title: 'mount path outside mnt',
    set: { mount_path: '/data' },
    names: ['mount_path'],
    shows: ['"/data"'],
  },
  {
    rule: 'mount-path-format',
    title: 'mount path two levels deep',
    set: { mount_path: '/mnt/efs/data' },
    names: ['mount_path'],
    shows: ['"/mnt/efs/data"'],
  },
  {
    rule: 'mount-path-format',
    title: 'mount path with a space',
    set: { mount_path: '/mnt/my data' },
    names: ['mount_path'],
    shows: ['"/mnt/my data"'],
  },
  {
    rule: 'read-only-needs-role',
    title: 'read only without role',
    set: { read_only: true, attach_role_policy: false },
    names: ['read_only', 'attach_role_policy'],
    shows: [],
  },
];

export const efsMountLambdaCases: ModuleCases<EfsMountLambdaInput> = {
  valid: {
    file_system: FILE_SYSTEM,
    name: 'app',
    [LAMBDA_NAMES.role]: CLIENT.role,
    security_group_id: CLIENT.securityGroupId,
  },
  bad,
};
