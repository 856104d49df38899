import type { DoctorContext } from '../context';
import { isCreated } from '../plan/resources';
import { SECURITY_GROUP, type Identity } from './identity';

/**
 * The security groups an identity names, when they are all created by this
 * plan (else undefined): every token is explained by a group instance of the
 * plan, and each of those instances is being created. The rules of such
 * groups are all in this plan: nothing outside it can reference a group that
 * does not exist yet.
 */
export function groupsCreatedByPlan(ctx: DoctorContext, groups: Identity): Set<string> | undefined {
  if (groups.unresolved.length > 0 || groups.tokens.size === 0) return undefined;
  const instances = ctx.efs.matching(SECURITY_GROUP, groups);
  if (instances.length === 0 || !instances.every(isCreated)) return undefined;
  const own = new Set(instances.flatMap((sg) => [...ctx.ids.self(sg, SECURITY_GROUP)]));
  return [...groups.tokens].every((token) => own.has(token)) ? own : undefined;
}
