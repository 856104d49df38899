/**
 * What an EfsMountEc2 leaves in the state beyond the other mounts: its boot script, held by a
 * `terraform_data` (`input`). The script was written from the construct's mount path,
 * distribution, mount options and run-after-mount commands, so those inputs are read back from
 * it, and the script is written again from them, as efs-mount-ec2 would write it, to check that
 * the module gives the instances the very same text: any other text changes their user data, and
 * an instance with `user_data_replace_on_change` is replaced.
 */
import { plainText } from '../modules/efs-mount-ec2/text-parts';
import { createHash } from 'node:crypto';
import { fstabLine, joinOptions, mountOptions } from '../modules/efs-mount-ec2/fstab';
import { DISTRIBUTIONS, scriptLines } from '../modules/efs-mount-ec2/script';
import type { StateResource } from './state';

/** The inputs of efs-mount-ec2 that only the boot script holds. */
export interface BootScriptInputs {
  mount_path?: string;
  read_only?: boolean;
  iam_authorization?: boolean;
  distribution?: string;
  run_after_mount?: string;
}

export interface BootScriptReading {
  /** The inputs read back: with them, efs-mount-ec2 writes the script the state holds. */
  readonly inputs: BootScriptInputs;
  /** Inputs the script did not give, and why: each is printed as a placeholder. */
  readonly unread: { input: keyof BootScriptInputs; what: string }[];
  /** The script's text, when the state holds one. */
  readonly text?: string;
}

/** terraform_data's `input` as a state file stores it (`{ value, type }`) or `terraform show -json` shows it. */
function storedText(input: unknown): string | undefined {
  const value =
    input !== null && typeof input === 'object' && 'value' in input && 'type' in input
      ? (input as { value: unknown }).value
      : input;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

const line = (text: string, variable: string) =>
  new RegExp(`^${variable}='([^'\\n]*)'$`, 'm').exec(text)?.[1] ?? undefined;

/**
 * The inputs an EfsMountEc2's boot script was written with. `accessPointId` and `fileSystemId` are
 * those of its access point: the script must mount that one for the module to write it again.
 */
export function readBootScript(input: unknown, accessPointId: string, fileSystemId: string): BootScriptReading {
  const text = storedText(input);
  const inputs: BootScriptInputs = {};
  const unread: BootScriptReading['unread'] = [];
  const missing = (what: string) => `${what}: the boot script in the state does not say`;

  const distribution = text === undefined ? undefined : line(text, 'distribution');
  if (distribution !== undefined && distribution in DISTRIBUTIONS) inputs.distribution = distribution;
  else
    unread.push({
      input: 'distribution',
      what: missing('the distribution prop ("amazon-linux-2023" or "amazon-linux-2")'),
    });
  const mountPath = text === undefined ? undefined : line(text, 'mount_path');
  if (mountPath) inputs.mount_path = mountPath;
  else unread.push({ input: 'mount_path', what: missing('the mountPath prop') });
  // `<file system ID>:/ <mount path> efs <options> 0 0`
  const fstab = text === undefined ? undefined : /^(\S+):\/ (\S+) efs (\S+) 0 0$/.exec(line(text, 'fstab_line') ?? '');
  if (fstab) {
    const options = fstab[3].split(',');
    inputs.iam_authorization = options.includes('iam');
    inputs.read_only = options.includes('ro');
  } else {
    unread.push({ input: 'iam_authorization', what: missing('the iamAuthorization prop (true unless you set it)') });
    unread.push({ input: 'read_only', what: missing('the readOnly prop') });
  }

  // What the module writes before run_after_mount, from the values read: the rest is run_after_mount.
  if (text !== undefined && unread.length === 0) {
    const options = joinOptions(
      mountOptions(
        {
          iam: inputs.iam_authorization ? 'iam' : '',
          readOnly: inputs.read_only ? 'ro' : '',
          accessPointId,
        },
        plainText,
      ),
    );
    const before = scriptLines(
      {
        distribution: inputs.distribution!,
        mountPath: inputs.mount_path!,
        fstabLine: fstabLine({ fileSystemId, mountPath: inputs.mount_path!, options }, plainText),
        runAfterMount: '',
      },
      plainText,
    ).join('\n');
    if (text.startsWith(before)) inputs.run_after_mount = text.slice(before.length);
  }
  if (inputs.run_after_mount === undefined)
    unread.push({
      input: 'run_after_mount',
      what:
        text === undefined
          ? 'the runAfterMount prop ("" if none): the state holds no boot script'
          : `the runAfterMount prop ("" if none): the boot script in the state is not the one efs-mount-ec2 writes for access point ${accessPointId} of ${fileSystemId} (another release of efs-modules wrote it?), so where those commands begin cannot be told; the plan will change user_data, which replaces an aws_instance with user_data_replace_on_change`,
    });
  return { inputs, unread, ...(text !== undefined ? { text } : {}) };
}

/** An instance or launch template that boots with the script, and the module output that gives it. */
export interface ScriptUser {
  readonly address: string;
  readonly output: 'user_data' | 'user_data_base64';
}

/**
 * The instances and launch templates of the state whose user data is the script: what `mountOn`
 * gave them, or the user's own `userData: mount.userData`. The provider stores an instance's
 * user data as the SHA-1 of its text, a launch template's as the base64 it was given.
 */
export function scriptUsers(text: string, others: readonly StateResource[]): ScriptUser[] {
  const sha1 = createHash('sha1').update(text).digest('hex');
  const base64 = Buffer.from(text).toString('base64');
  return others.flatMap((r): ScriptUser[] => {
    if (r.type === 'aws_instance' && r.values.user_data === sha1) return [{ address: r.address, output: 'user_data' }];
    if (r.type === 'aws_instance' && r.values.user_data_base64 === base64)
      return [{ address: r.address, output: 'user_data_base64' }];
    if (r.type === 'aws_launch_template' && r.values.user_data === base64)
      return [{ address: r.address, output: 'user_data_base64' }];
    return [];
  });
}
