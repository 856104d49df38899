import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const GUARD = 'Guard file systems with `lifecycle { prevent_destroy = true }`.';

const DELETE_REASONS: Record<string, string> = {
  delete_because_no_resource_config: 'its configuration was removed',
  delete_because_no_module: 'its module call was removed',
  delete_because_count_index: 'its count index no longer exists',
  delete_because_each_key: 'its for_each key no longer exists',
  delete_because_wrong_repetition: 'count/for_each was added or removed on it',
  delete_because_no_move_target: 'a moved block points to an address that does not exist',
};

function replaced(resource: PlanResource): Finding {
  const paths = (resource.change.replace_paths ?? []).map((path) => path.join('.'));
  const because = paths.length > 0 ? ` because ${paths.join(', ')} cannot change in place` : '';
  return finding(
    'file-system-data-loss',
    'error',
    resource.address,
    `the file system would be replaced${because}: the old one is deleted with all its data and the new one starts empty.`,
    `revert ${paths.length > 0 ? paths.join(', ') : 'the change'} to the value in the state (encryption, KMS key, performance mode and availability zone are immutable); to migrate on purpose, create a second file system and copy the data (AWS DataSync, or restore a backup) before removing the old one. ${GUARD}`,
  );
}

function deleted(resource: PlanResource): Finding {
  const reason = resource.actionReason ? DELETE_REASONS[resource.actionReason] : undefined;
  return finding(
    'file-system-data-loss',
    'error',
    resource.address,
    `the file system would be deleted with all its data${reason ? ` (${reason})` : ''}.`,
    `if it was renamed or moved, add a \`moved\` block instead; if the deletion is intended, back it up first (AWS Backup) and review the plan by hand. ${GUARD}`,
  );
}

export const fileSystemDataLoss: Check = {
  id: 'file-system-data-loss',
  summary: 'an aws_efs_file_system would be deleted or replaced, losing its data',
  help: 'An aws_efs_file_system that the plan deletes or replaces loses every file on it: encryption, the KMS key, performance mode and the Availability Zone cannot change in place. Revert the change, or migrate the data to a new file system first; guard file systems with prevent_destroy.',
  run: (ctx) =>
    ctx.resources
      .changesOfType('aws_efs_file_system')
      .filter((r) => r.actions.includes('delete'))
      .map((r) => (r.actions.includes('create') ? replaced(r) : deleted(r))),
};
