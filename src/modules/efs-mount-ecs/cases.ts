/** Bad inputs that efs-mount-ecs must refuse, one rule each (see src/core/cases.ts). */
import type { BadInput, ModuleCases } from '../../core/cases';
import { CLIENT, FILE_SYSTEM, commonBadInputs } from '../mount/cases';
import { ECS_NAMES, type EfsMountEcsInput } from './spec';

const bad: BadInput<EfsMountEcsInput>[] = [
  ...commonBadInputs(ECS_NAMES),
  {
    rule: 'container-path-format',
    title: 'relative container path',
    set: { container_path: 'mnt/efs' },
    names: ['container_path'],
    shows: ['"mnt/efs"'],
  },
  {
    rule: 'container-path-format',
    title: 'container path at the root',
    set: { container_path: '/' },
    names: ['container_path'],
    shows: ['"/"'],
  },
  {
    rule: 'volume-name-format',
    title: 'volume name with a dot',
    set: { volume_name: 'app.data' },
    names: ['volume_name'],
    shows: ['"app.data"'],
  },
  {
    rule: 'transit-encryption-port-range',
    title: 'transit encryption port above 65535',
    set: { transit_encryption_port: 70000 },
    names: ['transit_encryption_port'],
    shows: ['70000'],
  },
];

export const efsMountEcsCases: ModuleCases<EfsMountEcsInput> = {
  valid: {
    file_system: FILE_SYSTEM,
    name: 'app',
    [ECS_NAMES.role]: CLIENT.role,
    security_group_id: CLIENT.securityGroupId,
  },
  bad,
};
