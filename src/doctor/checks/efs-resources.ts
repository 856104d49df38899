import { FILE_SYSTEM, intersects, type Identity, type IdentityKind } from '../analysis/identity';
import type { DoctorContext } from '../context';
import type { PlanResource } from '../plan/resources';

export const SUBNET: IdentityKind = { ownerType: 'aws_subnet', idAttributes: ['id'] };

/** Whether the file system ID/ARN at `path` of `resource` may name `fileSystem`. */
export function refersTo(
  ctx: DoctorContext,
  resource: PlanResource,
  path: Array<string | number>,
  fileSystem: PlanResource,
): boolean {
  return intersects(ctx.ids.referenced(resource, path, FILE_SYSTEM).tokens, ctx.ids.self(fileSystem, FILE_SYSTEM));
}

/** Resources of `type` (remaining after apply) whose `file_system_id` may name the file system. */
export function attachedTo(ctx: DoctorContext, type: string, fileSystem: PlanResource): PlanResource[] {
  return ctx.resources.ofType(type).filter((r) => refersTo(ctx, r, ['file_system_id'], fileSystem));
}

/**
 * The subnets of the plan a mount target is in, when its subnet_id is fully traced (a known
 * ID of a subnet in the plan, or references to subnet resources). A reference to a subnet
 * resource with count/for_each names all its instances; callers decide what that proves.
 */
export function mountTargetSubnets(ctx: DoctorContext, mountTarget: PlanResource): PlanResource[] | undefined {
  const identity: Identity = ctx.ids.referenced(mountTarget, ['subnet_id'], SUBNET);
  if (identity.unresolved.length > 0) return undefined;
  const subnets = ctx.efs.matching(SUBNET, identity);
  return subnets.length > 0 ? subnets : undefined;
}
