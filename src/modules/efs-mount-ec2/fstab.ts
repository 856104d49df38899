/**
 * The fstab entry and mount options, written once as text with holes, so that the build (HCL
 * interpolations) and the size check (the longest values) write the very same entry.
 */

/**
 * The mount options in the order AWS documents them: `_netdev` (mounted once the network is up,
 * so a boot never hangs on it), `noresvport` (a new source port after a reconnection), `tls`
 * (always), `iam` and the access point; `ro` last. `iam` and `readOnly` are the option or an
 * empty string (the build passes HCL conditionals); `joinOptions` drops the empty ones.
 */
export function mountOptions(v: { iam: string; readOnly: string; accessPointId: string }): string[] {
  return ['_netdev', 'noresvport', 'tls', v.iam, `accesspoint=${v.accessPointId}`, v.readOnly];
}

/** The options as the fstab entry writes them. */
export const joinOptions = (options: readonly string[]): string => options.filter((o) => o !== '').join(',');

/** `<file system ID>:/ <mount path> efs <options> 0 0`: not dumped, not checked by fsck at boot. */
export function fstabLine(v: { fileSystemId: string; mountPath: string; options: string }): string {
  return `${v.fileSystemId}:/ ${v.mountPath} efs ${v.options} 0 0`;
}

/** The same mount as one command, for an instance that has amazon-efs-utils. */
export function mountCommand(v: { fileSystemId: string; mountPath: string; options: string }): string {
  return `mount -t efs -o ${v.options} ${v.fileSystemId}:/ ${v.mountPath}`;
}
