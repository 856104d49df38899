/**
 * efs-mount-ec2: the resources, written once (see src/core/module.ts). The shared part
 * (access point, role policy) is in ../mount/build.ts; this module adds the boot script and
 * the pieces it is made of, as values. The script is held by a `terraform_data`, not a local:
 * its value reads the access point, which waits for the mount targets, and `efs-modules
 * doctor` can follow a resource's references in the plan JSON, where locals are not described.
 */
import { DataResource } from '../../cdktf';
import { anyMap } from '../../core/blocks';
import { escapeTemplateText, hclObject, hclString } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import { concern } from '../../core/hcl-comments';
import { buildMount, type MountedAccessPoint } from '../mount/build';
import { fstabLine, mountCommand, mountOptions } from './fstab';
import { scriptLines } from './script';
import { EC2_NAMES, type EfsMountEc2Input } from './spec';

/** Where the cloud-init part writes the script, per mount. */
export const SCRIPT_DIRECTORY = '/usr/local/sbin';

/**
 * A quoted HCL template from text written with holes: `write(hole)` puts an HCL expression where
 * the text needs a value. The text around the holes is escaped, so it reads literally.
 */
function hclTemplate(write: (hole: (expression: string) => string) => string): string {
  const holes: string[] = [];
  const text = write((expression) => `\uE000${holes.push(expression) - 1}\uE001`);
  const escaped = escapeTemplateText(text).replace(/\uE000(\d+)\uE001/g, (_m, i: string) => `\${${holes[Number(i)]}}`);
  return `"${escaped}"`;
}

export function buildEfsMountEc2(ctx: BuildContext<EfsMountEc2Input>): Record<string, unknown> {
  const accessPoint = buildMount(ctx, EC2_NAMES);
  return concern(ctx.scope, 'Boot Script', () => buildBootScript(ctx, accessPoint));
}

/** The mount options, the script that mounts at boot, and the outputs that hold it. */
function buildBootScript(
  ctx: BuildContext<EfsMountEc2Input>,
  accessPoint: MountedAccessPoint,
): Record<string, unknown> {
  const { in: v } = ctx;
  const optionList = mountOptions({
    iam: '\uE100iam\uE101',
    readOnly: '\uE100ro\uE101',
    accessPointId: '\uE100access_point\uE101',
  }).map((option) => {
    if (option === '\uE100iam\uE101') return `${v('iam_authorization')} ? "iam" : ""`;
    if (option === '\uE100ro\uE101') return `${v('read_only')} ? "ro" : ""`;
    return hclTemplate((hole) => option.replace('\uE100access_point\uE101', () => hole(accessPoint.idWithoutWait)));
  });
  const options = ctx.local(
    'mount_options',
    ex(`join(",", compact([\n${optionList.map((o) => `  ${o},`).join('\n')}\n]))`),
    'The options AWS documents for a mount at boot: _netdev (mounted once the network is up, so boot never hangs on it), noresvport, tls (always), iam (unless iam_authorization is false), the access point, and ro when read_only. Whatever reads this local also reads var.file_system, which carries the wait for the mount targets.',
  );
  const mount = (hole: (e: string) => string) => ({
    fileSystemId: hole(`${v('file_system')}.id`),
    mountPath: hole(v('mount_path')),
    options: hole(options),
  });
  const lines = scriptLines({
    distribution: '\uE100distribution\uE101',
    mountPath: '\uE100mount_path\uE101',
    fstabLine: '\uE100fstab_line\uE101',
    runAfterMount: '\uE100run_after_mount\uE101',
  }).map((line) =>
    hclTemplate((hole) =>
      line
        .replace('\uE100distribution\uE101', () => hole(v('distribution')))
        .replace('\uE100mount_path\uE101', () => hole(v('mount_path')))
        .replace('\uE100fstab_line\uE101', () => fstabLine(mount(hole)))
        .replace('\uE100run_after_mount\uE101', () => hole(v('run_after_mount'))),
    ),
  );
  const script = ctx.named(
    new DataResource(ctx.scope, 'mount_script', {
      input: anyMap(ex(`join("\\n", [\n${lines.map((l) => `  ${l},`).join('\n')}\n])`)),
    }),
    'mount_script',
  );
  ctx.explain(
    script,
    'The boot script, written once for every output that holds it. Its text reads var.file_system and the access point, which wait for the mount targets, so an instance or launch template that uses it is created after them. Running it again changes nothing: the fstab entry is written once, and a mounted path is left alone.',
  );
  // `input`, not `output`: the value as configured is known at plan time; `output` is only known after apply.
  const text = `${ctx.address(script)}.input`;
  const scriptPath = ctx.local(
    'script_path',
    ex(`"${SCRIPT_DIRECTORY}/efs-mount-\${${v('name')}}.sh"`),
    'Where the cloud-init part writes the script: one file per mount.',
  );
  const cloudConfig = hclObject({
    write_files: `[${hclObject({ path: scriptPath, owner: hclString('root:root'), permissions: hclString('0700'), encoding: hclString('b64'), content: `base64encode(${text})` })}]`,
    runcmd: `[[${hclString('/bin/bash')}, ${scriptPath}]]`,
  });
  return {
    access_point_id: ex(accessPoint.id),
    access_point_arn: ex(accessPoint.arn),
    user_data: ex(text),
    user_data_base64: ex(`base64encode(${text})`),
    cloud_init_part: ex(
      `join("\\n", [\n  "#cloud-config",\n  yamlencode(${cloudConfig.split('\n').join('\n  ')}),\n])`,
    ),
    fstab_line: ex(hclTemplate((hole) => fstabLine(mount(hole)))),
    mount_command: ex(hclTemplate((hole) => mountCommand(mount(hole)))),
  };
}
