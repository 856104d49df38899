/**
 * The boot script efs-mount-ec2 outputs as `user_data`, written once as text with holes (values
 * of type `T`, put together by `text`, see text-parts.ts). The build writes each line as a
 * template expression, the holes interpolated; the spec writes it as plain text with the longest
 * values the rules allow, to know how much of EC2's 16 KB user data the script itself takes.
 * What the script does, in order:
 *
 * 1. refuses to run on another distribution than `distribution` names (read from /etc/os-release),
 *    since the package and its package manager differ;
 * 2. installs amazon-efs-utils (the mount helper, `mount -t efs`) unless `mount.efs` is there,
 *    with a few retries while the package repositories are unreachable at boot;
 * 3. writes the fstab entry (type `efs`, `_netdev` so that boot does not wait on it, `tls`),
 *    replacing an older entry for the same path rather than adding a second one;
 * 4. mounts it through that entry, with bounded retries while the mount targets and their DNS
 *    names come up; a path already mounted is left alone, so the script can run again.
 *
 * Values interpolated into it are safe between single quotes: the mount path by its rule,
 * the IDs by AWS's formats, the options and the distribution by construction.
 */
import type { TextOf } from './text-parts';

/** The distributions whose own repositories ship amazon-efs-utils, and how the script recognises them. */
export const DISTRIBUTIONS = {
  'amazon-linux-2023': { osRelease: 'amzn 2023', install: 'dnf install -y amazon-efs-utils' },
  'amazon-linux-2': { osRelease: 'amzn 2', install: 'yum install -y amazon-efs-utils' },
} as const;
export type Distribution = keyof typeof DISTRIBUTIONS;

/**
 * Mount attempts, and seconds between them: about five minutes, longer than mount targets and their
 * DNS names take to come up.
 */
export const MOUNT_ATTEMPTS = 30;
export const MOUNT_RETRY_SECONDS = 10;
/** Attempts to install amazon-efs-utils while the package repositories may still be unreachable. */
export const INSTALL_ATTEMPTS = 5;

/** The values the script is written with: expressions in the build, plain text in the size check. */
export interface ScriptValues<T> {
  readonly distribution: T;
  readonly mountPath: T;
  readonly fstabLine: T;
  readonly runAfterMount: T;
}

/** The script's lines, each put together by `text`: literal lines as they are, the values in their holes. */
export function scriptLines<T>(v: ScriptValues<T>, text: TextOf<T>): T[] {
  const entries = Object.entries(DISTRIBUTIONS);
  const expected = entries.map(([name, d]) => `    ${name}) echo '${d.osRelease}' ;;`);
  const install = entries.map(([name, d]) => `    ${name}) ${d.install} ;;`);
  const lines: (string | T)[] = [
    '#!/bin/bash',
    '# Mounts an Amazon EFS file system at boot (written by efs-mount-ec2): installs amazon-efs-utils,',
    '# writes one /etc/fstab entry (efs, TLS, _netdev) and mounts it, retrying while the mount targets',
    '# come up. Running it again changes nothing: the entry is written once, a mounted path is left alone.',
    'set -u',
    'PATH="$PATH:/sbin:/usr/sbin"',
    text("distribution='", v.distribution, "'"),
    text("mount_path='", v.mountPath, "'"),
    text("fstab_line='", v.fstabLine, "'"),
    'fstab=/etc/fstab',
    'os_release=/etc/os-release',
    `attempts=${MOUNT_ATTEMPTS}`,
    `delay=${MOUNT_RETRY_SECONDS}`,
    '',
    'log() { echo "efs-mount-ec2 $mount_path: $*"; }',
    '',
    '# The package and its manager depend on the distribution: refuse any other than the one named.',
    'expected_os() {',
    '  case "$distribution" in',
    ...expected,
    '  esac',
    '}',
    'install_efs_utils() {',
    '  case "$distribution" in',
    ...install,
    '  esac',
    '}',
    '# shellcheck source=/dev/null',
    'os=$(. "$os_release" && echo "$ID $VERSION_ID")',
    'if [ "$os" != "$(expected_os)" ]; then',
    '  log "this instance runs \\"$os\\" ($os_release), not $distribution: not mounting. Set distribution to match the AMI."',
    '  exit 1',
    'fi',
    'if ! command -v mount.efs >/dev/null 2>&1; then',
    `  for try in $(seq 1 ${INSTALL_ATTEMPTS}); do`,
    '    install_efs_utils && break',
    `    if [ "$try" -eq ${INSTALL_ATTEMPTS} ]; then`,
    `      log "amazon-efs-utils could not be installed (${INSTALL_ATTEMPTS} attempts): not mounting."`,
    '      exit 1',
    '    fi',
    '    sleep "$delay"',
    '  done',
    'fi',
    '',
    '# One entry per mount path: an older one for the same path (another access point) is replaced.',
    'mkdir -p "$mount_path"',
    'if ! grep -qxF "$fstab_line" "$fstab"; then',
    '  entries=$(awk -v path="$mount_path" \'$2 != path\' "$fstab")',
    '  printf \'%s\\n%s\\n\' "$entries" "$fstab_line" | sed \'/./,$!d\' > "$fstab"',
    '  log "wrote the fstab entry"',
    'fi',
    '',
    '# The mount targets (and their DNS names) may still be coming up: retry, a bounded number of times.',
    'if mountpoint -q "$mount_path"; then',
    '  log "already mounted"',
    'else',
    '  for try in $(seq 1 "$attempts"); do',
    '    if mount "$mount_path"; then',
    '      log "mounted (attempt $try)"',
    '      break',
    '    fi',
    '    if [ "$try" -eq "$attempts" ]; then',
    '      log "not mounted after $attempts attempts: check the mount targets, the security groups (TCP 2049) and the instance role."',
    '      exit 1',
    '    fi',
    '    log "mount failed (attempt $try of $attempts), retrying in $delay s"',
    '    sleep "$delay"',
    '  done',
    'fi',
    text(v.runAfterMount),
  ];
  // A line without a hole is text too: for expressions, a template of that text alone, escaped when rendered.
  return lines.map((line) => (typeof line === 'string' ? text(line) : line));
}
