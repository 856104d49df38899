/**
 * What the user data of an EC2 instance or launch template says, and which file systems its value
 * is built from: the ec2-efs-mount check reads it, and clients.ts counts such resources as NFS
 * clients of those file systems.
 */
import { ACCESS_POINT, FILE_SYSTEM, type Identity } from './identity';
import type { DoctorContext } from '../context';
import type { ResolvedRef } from '../graph/scope';
import type { Expression } from '../plan/types';
import type { PlanResource } from '../plan/resources';

/** The user data attributes of each EC2 resource that boots from it. */
export const USER_DATA: Readonly<Record<string, readonly string[]>> = {
  aws_instance: ['user_data', 'user_data_base64'],
  aws_launch_template: ['user_data'],
};

/** What an EC2 resource's user data says and where it comes from. */
export interface UserData {
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

export function userDataOf(ctx: DoctorContext, resource: PlanResource): UserData | undefined {
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
