/** Bad inputs that efs-mount-ec2 must refuse, one rule each (see src/core/cases.ts). */
import type { BadInput, ModuleCases } from '../../core/cases';
import { CLIENT, FILE_SYSTEM, commonBadInputs } from '../mount/cases';
import { runAfterMountBudget } from './size';
import { EC2_NAMES, type EfsMountEc2Input } from './spec';

const tooLong = 'echo started >> /var/log/app.log\n'.repeat(Math.ceil((runAfterMountBudget() + 1) / 33));

const bad: BadInput<EfsMountEc2Input>[] = [
  ...commonBadInputs(EC2_NAMES),
  {
    rule: 'mount-path-format',
    title: 'relative mount path',
    set: { mount_path: 'mnt/efs' },
    names: ['mount_path'],
    shows: ['"mnt/efs"'],
  },
  {
    rule: 'mount-path-format',
    title: 'mount path climbing out',
    set: { mount_path: '/mnt/../etc' },
    names: ['mount_path'],
    shows: ['"/mnt/../etc"'],
  },
  {
    rule: 'mount-path-format',
    title: 'mount path with a shell character',
    set: { mount_path: '/mnt/efs;reboot' },
    names: ['mount_path'],
    shows: ['"/mnt/efs;reboot"'],
  },
  {
    rule: 'mount-path-format',
    title: 'mount path at the root',
    set: { mount_path: '/' },
    names: ['mount_path'],
    shows: ['"/"'],
  },
  {
    rule: 'mount-path-not-system',
    title: 'mount path over etc',
    set: { mount_path: '/etc' },
    names: ['mount_path'],
    shows: ['"/etc"'],
  },
  {
    rule: 'mount-path-not-system',
    title: 'mount path below usr',
    set: { mount_path: '/usr/share/data' },
    names: ['mount_path'],
    shows: ['"/usr/share/data"'],
  },
  {
    rule: 'mount-path-not-system',
    title: 'mount path over home',
    set: { mount_path: '/home' },
    names: ['mount_path'],
    shows: ['"/home"'],
  },
  {
    rule: 'distribution-supported',
    title: 'ubuntu',
    set: { distribution: 'ubuntu' },
    names: ['distribution'],
    shows: ['"ubuntu"'],
  },
  {
    rule: 'run-after-mount-size',
    title: 'commands over the user data limit',
    set: { run_after_mount: tooLong },
    names: ['run_after_mount'],
    shows: [String(tooLong.length)],
  },
  {
    rule: 'read-only-needs-iam',
    title: 'read only without IAM authorization',
    set: { read_only: true, iam_authorization: false },
    names: ['read_only', 'iam_authorization'],
    shows: [],
  },
  {
    rule: 'read-only-needs-iam',
    title: 'read only without the role policy',
    set: { read_only: true, attach_role_policy: false },
    names: ['read_only', 'attach_role_policy'],
    shows: [],
  },
];

export const efsMountEc2Cases: ModuleCases<EfsMountEc2Input> = {
  valid: {
    file_system: FILE_SYSTEM,
    name: 'app',
    [EC2_NAMES.role]: CLIENT.role,
    security_group_id: CLIENT.securityGroupId,
  },
  bad,
};
