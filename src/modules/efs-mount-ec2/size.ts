/**
 * How much of EC2's user data the boot script leaves for `run_after_mount`. EC2 takes at most
 * 16 KB of user data (16,384 bytes before base64 encoding). The script is fixed text and values
 * whose length the rules bound (the mount path) or AWS's formats fix (the IDs): rendered with the
 * longest of each, it is the most the script can take, so the rule on `run_after_mount` holds
 * whatever the other inputs are, and is decided at plan time even while the IDs are unknown.
 */
import { DISTRIBUTIONS, scriptLines } from './script';
import { fstabLine, joinOptions, mountOptions } from './fstab';
import { plainText } from './text-parts';

/** EC2's limit on user data, in bytes before base64 encoding. */
export const USER_DATA_LIMIT = 16384;

/** The longest values the script can be written with. */
const LONGEST = {
  fileSystemId: `fs-${'f'.repeat(17)}`,
  accessPointId: `fsap-${'f'.repeat(17)}`,
  mountPath: `/${'m'.repeat(159)}`,
  distribution: Object.keys(DISTRIBUTIONS).reduce((a, b) => (b.length > a.length ? b : a)),
};

/** Bytes the script takes at most, without `run_after_mount`. */
export function scriptBytesAtMost(): number {
  const options = joinOptions(
    mountOptions({ iam: 'iam', readOnly: 'ro', accessPointId: LONGEST.accessPointId }, plainText),
  );
  const line = fstabLine({ fileSystemId: LONGEST.fileSystemId, mountPath: LONGEST.mountPath, options }, plainText);
  const text = scriptLines(
    { distribution: LONGEST.distribution, mountPath: LONGEST.mountPath, fstabLine: line, runAfterMount: '' },
    plainText,
  ).join('\n');
  return Buffer.byteLength(text, 'utf8');
}

/** Bytes left for `run_after_mount`: a multiple of three, so that the rule can count bytes as base64 characters. */
export function runAfterMountBudget(): number {
  return Math.floor((USER_DATA_LIMIT - scriptBytesAtMost()) / 3) * 3;
}
