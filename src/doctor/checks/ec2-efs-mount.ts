import { describeIdentity } from '../analysis/describe';
import { USER_DATA, userDataOf } from '../analysis/ec2-user-data';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { isCreated, type PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'ec2-efs-mount';

const TLS_FIX =
  'mount with the EFS mount helper (amazon-efs-utils) and the `tls` option: `mount -t efs -o tls,iam …`, or the fstab options `_netdev,noresvport,tls,iam`; module efs-mount-ec2 writes such user data (`user_data`, `user_data_base64`).';
const ORDER_FIX =
  'make the instance or launch template wait for the mount targets: `depends_on = [aws_efs_mount_target.<name>]` (or `depends_on = [module.<efs module>]`), or build the user data from `module.<efs module>.file_system` (it carries mount_target_ids), as module efs-mount-ec2 does.';

/** A mount of EFS in a script: a `mount` command or an fstab entry, with its type and options. */
interface Mount {
  line: string;
  type: string;
  options: string[];
}

/** `mount -t <type> -o <options> …` commands and `<device> <path> <type> <options> …` fstab entries of a script. */
function mountsIn(text: string): Mount[] {
  const mounts: Mount[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const command = /\bmount\s+(?:.*\s)?-t\s+(\S+)(?:.*\s-o\s+(\S+))?/.exec(line);
    if (command) {
      mounts.push({ line, type: command[1], options: (command[2] ?? '').split(',') });
      continue;
    }
    const entry = /(?:^|['"\s])(\S+:\/\S*)\s+(\/\S*)\s+(efs|nfs4?)\s+(\S+)/.exec(line);
    if (entry) mounts.push({ line, type: entry[3], options: entry[4].split(',') });
  }
  return mounts;
}

/** Mounts of EFS without TLS: the `efs` type without `tls`, or plain NFS of a file system. */
function withoutTls(text: string, mountsEfs: boolean): Mount[] {
  return mountsIn(text).filter((m) => {
    if (m.type === 'efs') return !m.options.includes('tls');
    const namesEfs = /\bfs-[0-9a-f]{8,17}\b|\.efs\.[a-z0-9-]+\.amazonaws\.com/.test(m.line) || mountsEfs;
    return /^nfs4?$/.test(m.type) && namesEfs;
  });
}

function diagnose(ctx: DoctorContext, resource: PlanResource): Finding[] {
  const userData = userDataOf(ctx, resource);
  if (!userData) return [];
  const { text, fileSystems } = userData;
  const what = resource.type === 'aws_instance' ? 'the instance' : 'the launch template';
  const findings: Finding[] = [];
  const mountsEfs = fileSystems.tokens.size > 0;

  if (text !== undefined) {
    for (const mount of withoutTls(text, mountsEfs)) {
      const how =
        mount.type === 'efs'
          ? 'with the EFS mount helper but without the `tls` option'
          : `over plain NFS (${mount.type}), which is never encrypted`;
      findings.push(
        finding(
          CHECK,
          'error',
          resource.address,
          `the user data of ${what} mounts EFS ${how}: \`${mount.line}\`. Data crosses the network in clear, and a file system policy that requires TLS (aws:SecureTransport) refuses the mount.`,
          TLS_FIX,
        ),
      );
    }
  }

  if (!mountsEfs || !ctx.graph.hasConfiguration) return findings;
  const { mountTargets, exact } = ctx.efs.mountTargets(fileSystems);
  if (mountTargets.length === 0 || !exact) return findings;
  const closure = ctx.graph.dependencyClosure(resource.configAddress);
  if (mountTargets.some((mt) => closure.has(mt.configAddress))) return findings;

  const targets = [...new Set(mountTargets.map((mt) => mt.configAddress))].join(', ');
  const where = `the user data of ${what} mounts ${describeIdentity(fileSystems)}, but ${what} does not depend on its mount targets (${targets})`;
  const racesNow = mountTargets.some(isCreated) && (isCreated(resource) || resource.actions.includes('update'));
  findings.push(
    racesNow
      ? finding(
          CHECK,
          'error',
          resource.address,
          `${where}: Terraform may start instances while the mount targets are still being created, and the mount at boot fails or hangs.`,
          ORDER_FIX,
        )
      : finding(
          CHECK,
          'warning',
          resource.address,
          `${where}. Nothing races in this plan (they are not created together), but a fresh deployment of this configuration would.`,
          ORDER_FIX,
        ),
  );
  return findings;
}

export const ec2EfsMount: Check = {
  id: CHECK,
  summary:
    'an EC2 instance or launch template whose user data mounts EFS without TLS, or is not ordered after the mount targets of the file system it mounts',
  help: 'An instance that mounts EFS at boot needs TLS on the mount (the efs mount helper with the tls option; plain NFS sends file data in the clear) and must start after the mount targets exist: created in the same apply and not ordered after them, it can boot first, and the mount fails or hangs. Judged from the user data where the plan shows its text (a literal, or base64 known at plan time) and from the dependencies of the configuration.',
  run: (ctx) => Object.keys(USER_DATA).flatMap((type) => ctx.resources.ofType(type).flatMap((r) => diagnose(ctx, r))),
};
