import { describeIdentity } from '../analysis/describe';
import { ACCESS_POINT, FILE_SYSTEM, type Identity } from '../analysis/identity';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { ResolvedRef } from '../graph/scope';
import type { Expression } from '../plan/types';
import { isCreated, type PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'ec2-efs-mount';

/** The user data attributes of each EC2 resource that boots from it. */
const USER_DATA: Readonly<Record<string, readonly string[]>> = {
  aws_instance: ['user_data', 'user_data_base64'],
  aws_launch_template: ['user_data'],
};

const TLS_FIX =
  'mount with the EFS mount helper (amazon-efs-utils) and the `tls` option: `mount -t efs -o tls,iam …`, or the fstab options `_netdev,noresvport,tls,iam`; module efs-mount-ec2 writes such user data (`user_data`, `user_data_base64`).';
const ORDER_FIX =
  'make the instance or launch template wait for the mount targets: `depends_on = [aws_efs_mount_target.<name>]` (or `depends_on = [module.<efs module>]`), or build the user data from `module.<efs module>.file_system` (it carries mount_target_ids), as module efs-mount-ec2 does.';

/** What an EC2 resource's user data says and where it comes from. */
interface UserData {
  /** The text, when the plan shows it (literal, or base64 known at plan time). */
  text?: string;
  /** The file systems its value is built from. */
  fileSystems: Identity;
}

/** An `aws_instance`'s `user_data` is planned as its SHA-1; the configuration may still hold the literal. */
const isHash = (value: string) => /^[0-9a-f]{40}$/.test(value);
const decode = (value: string) => Buffer.from(value, 'base64').toString('utf8');

function readText(ctx: DoctorContext, resource: PlanResource, attribute: string): string | undefined {
  const value = resource.after.at(attribute).string();
  const isBase64 = resource.type === 'aws_launch_template' || attribute === 'user_data_base64';
  if (value !== undefined && !isHash(value)) return isBase64 ? decode(value) : value;
  const lookup = ctx.graph.expressionsAt(resource.configAddress, [attribute]);
  if (lookup.kind !== 'expressions') return undefined;
  const constant = lookup.expressions.map((e) => e.constant_value).find((c): c is string => typeof c === 'string');
  return constant !== undefined && isBase64 ? decode(constant) : constant;
}

/**
 * The resources a value is read from, through a `terraform_data`'s input too (efs-mount-ec2 holds
 * its script in one).
 */
function sourcesOf(
  ctx: DoctorContext,
  expressions: readonly Expression[],
  modulePath: readonly string[],
  seen = new Set<string>(),
): ResolvedRef[] {
  const { resources } = ctx.graph.valueSources(expressions, modulePath);
  return resources.flatMap((ref) => {
    const node = ctx.graph.node(ref.id);
    if (node?.resource?.type !== 'terraform_data' || seen.has(ref.id)) return [ref];
    seen.add(ref.id);
    const input = ctx.graph.expressionsAt(ref.id, ['input']);
    return input.kind === 'expressions' ? [ref, ...sourcesOf(ctx, input.expressions, node.modulePath, seen)] : [ref];
  });
}

function fileSystemsOf(ctx: DoctorContext, refs: readonly ResolvedRef[], text: string | undefined): Identity {
  const tokens = new Set<string>();
  for (const ref of refs) {
    const type = ctx.graph.node(ref.id)?.resource?.type;
    if (type === FILE_SYSTEM.ownerType) {
      tokens.add(`node:${ref.id}`);
      for (const fs of ctx.resources.instancesOf(ref.id))
        for (const token of ctx.ids.self(fs, FILE_SYSTEM)) tokens.add(token);
    } else if (type === ACCESS_POINT.ownerType || type === 'aws_efs_mount_target') {
      for (const instance of ctx.resources.instancesOf(ref.id)) {
        for (const token of ctx.ids.referenced(instance, ['file_system_id'], FILE_SYSTEM).tokens) tokens.add(token);
      }
    }
  }
  for (const [id] of (text ?? '').matchAll(/\bfs-[0-9a-f]{8,17}\b/g)) tokens.add(`id:${id}`);
  return { tokens, unresolved: [] };
}

function userDataOf(ctx: DoctorContext, resource: PlanResource): UserData | undefined {
  const attributes = (USER_DATA[resource.type] ?? []).filter(
    (a) => ctx.ids.isWritten(resource, [a]) || resource.after.at(a).string() !== undefined,
  );
  if (attributes.length === 0) return undefined;
  const text = attributes.map((a) => readText(ctx, resource, a)).find((t) => t !== undefined);
  const refs = attributes.flatMap((a) => {
    const lookup = ctx.graph.expressionsAt(resource.configAddress, [a]);
    return lookup.kind === 'expressions' ? sourcesOf(ctx, lookup.expressions, resource.modulePath) : [];
  });
  return { text, fileSystems: fileSystemsOf(ctx, refs, text) };
}

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
