/** Types shared by the modules: what `efs-filesystem` hands to the `efs-mount-*` modules. */
import { t } from '../core/types';

/** The `file_system` output of efs-filesystem and input of the mount modules. */
export const FILE_SYSTEM_REFERENCE = t.object(
  { id: t.string(), arn: t.string(), security_group_id: t.string(), mount_target_ids: t.map(t.string()) },
  'FileSystemReference',
);
