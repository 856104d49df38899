/**
 * efs-mount-ec2: the resources, written once (see src/core/module.ts). The shared part
 * (access point, role policy) is in ../mount/build.ts; this module adds the boot script and
 * the pieces it is made of, as values. The script is held by a `terraform_data`, not a local:
 * its value reads the access point, which waits for the mount targets, and `efs-modules
 * doctor` can follow a resource's references in the plan JSON, where locals are not described.
 */
import { DataResource } from '../../cdktf';
import { anyMap } from '../../core/blocks';
import { type Expr, call, get, cond, list, lit, obj, text } from '../../core/expr';
import { concern } from '../../core/hcl-comments';
import { buildMount, type MountedAccessPoint } from '../mount/build';
import { type EntryValues, fstabLine, mountCommand, mountOptions } from './fstab';
import { scriptLines } from './script';
import { EC2_NAMES, type EfsMountEc2Context } from './spec';

/** Where the cloud-init part writes the script, per mount. */
export const SCRIPT_DIRECTORY = '/usr/local/sbin';

export function buildEfsMountEc2(ctx: EfsMountEc2Context): Record<string, unknown> {
  const accessPoint = buildMount(ctx, EC2_NAMES);
  return concern(ctx.scope, 'Boot Script', () => buildBootScript(ctx, accessPoint));
}

/** `join(separator, [lines…])`: one string of lines, each written as an item of its own. */
const joinLines = (separator: string, lines: readonly Expr[]): Expr => call('join', lit(separator), list(...lines));

/** The mount options, the script that mounts at boot, and the outputs that hold it. */
function buildBootScript(ctx: EfsMountEc2Context, accessPoint: MountedAccessPoint): Record<string, unknown> {
  const { input: v } = ctx;
  const optionList = mountOptions(
    {
      iam: cond(v('iam_authorization'), lit('iam'), lit('')),
      readOnly: cond(v('read_only'), lit('ro'), lit('')),
      accessPointId: accessPoint.idWithoutWait,
    },
    text,
  );
  const options = ctx.local(
    'mount_options',
    call('join', lit(','), call('compact', list(...optionList))),
    'The options AWS documents for a mount at boot: _netdev (mounted once the network is up, so boot never hangs on it), noresvport, tls (always), iam (unless iam_authorization is false), the access point, and ro when read_only. Whatever reads this local also reads var.file_system, which carries the wait for the mount targets.',
  );
  const mount: EntryValues<Expr> = {
    fileSystemId: get(v('file_system'), 'id'),
    mountPath: v('mount_path'),
    options,
  };
  const lines = scriptLines(
    {
      distribution: v('distribution'),
      mountPath: v('mount_path'),
      fstabLine: fstabLine(mount, text),
      runAfterMount: v('run_after_mount'),
    },
    text,
  );
  const script = ctx.named(
    new DataResource(ctx.scope, 'mount_script', { input: anyMap(ctx.tf(joinLines('\n', lines))) }),
    'mount_script',
  );
  ctx.explain(
    script,
    'The boot script, written once for every output that holds it. Its text reads var.file_system and the access point, which wait for the mount targets, so an instance or launch template that uses it is created after them. Running it again changes nothing: the fstab entry is written once, and a mounted path is left alone.',
  );
  // `input`, not `output`: the value as configured is known at plan time; `output` is only known after apply.
  const scriptText = get(ctx.ref(script), 'input');
  const scriptPath = ctx.local(
    'script_path',
    text(`${SCRIPT_DIRECTORY}/efs-mount-`, v('name'), '.sh'),
    'Where the cloud-init part writes the script: one file per mount.',
  );
  const cloudConfig = obj({
    write_files: list(
      obj({
        path: scriptPath,
        owner: lit('root:root'),
        permissions: lit('0700'),
        encoding: lit('b64'),
        content: call('base64encode', scriptText),
      }),
    ),
    runcmd: list(list(lit('/bin/bash'), scriptPath)),
  });
  return {
    access_point_id: ctx.tf(accessPoint.id),
    access_point_arn: ctx.tf(accessPoint.arn),
    user_data: ctx.tf(scriptText),
    user_data_base64: ctx.tf(call('base64encode', scriptText)),
    cloud_init_part: ctx.tf(joinLines('\n', [lit('#cloud-config'), call('yamlencode', cloudConfig)])),
    fstab_line: ctx.tf(fstabLine(mount, text)),
    mount_command: ctx.tf(mountCommand(mount, text)),
  };
}
