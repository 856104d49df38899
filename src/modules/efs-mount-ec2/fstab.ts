/**
 * The fstab entry and mount options, written once as text with holes (values of type `T`, put
 * together by `text`, see text-parts.ts), so that the build (template expressions) and the size
 * check (the longest values, as plain strings) write the very same entry.
 */
import type { TextOf } from './text-parts';

/**
 * The mount options in the order AWS documents them: `_netdev` (mounted once the network is up,
 * so a boot never hangs on it), `noresvport` (a new source port after a reconnection), `tls`
 * (always), `iam` and the access point; `ro` last. `iam` and `readOnly` are the option or an
 * empty string (the build passes conditionals); `joinOptions` drops the empty ones.
 */
export function mountOptions<T>(v: { iam: T; readOnly: T; accessPointId: T }, text: TextOf<T>): T[] {
  return [text('_netdev'), text('noresvport'), text('tls'), v.iam, text('accesspoint=', v.accessPointId), v.readOnly];
}

/** The options as the fstab entry writes them. */
export const joinOptions = (options: readonly string[]): string => options.filter((o) => o !== '').join(',');

/** The values an entry is written with. */
export interface EntryValues<T> {
  readonly fileSystemId: T;
  readonly mountPath: T;
  readonly options: T;
}

/** `<file system ID>:/ <mount path> efs <options> 0 0`: not dumped, not checked by fsck at boot. */
export function fstabLine<T>(v: EntryValues<T>, text: TextOf<T>): T {
  return text(v.fileSystemId, ':/ ', v.mountPath, ' efs ', v.options, ' 0 0');
}

/** The same mount as one command, for an instance that has amazon-efs-utils. */
export function mountCommand<T>(v: EntryValues<T>, text: TextOf<T>): T {
  return text('mount -t efs -o ', v.options, ' ', v.fileSystemId, ':/ ', v.mountPath);
}
