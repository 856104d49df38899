/**
 * Whether a plan JSON describes a finished plan. A plan that errored (`"errored": true`, e.g.
 * the provider could not authenticate) still has a JSON document, with no resource changes;
 * an incomplete one (`"complete": false`, deferred changes) lists only part of them. The
 * doctor would find nothing wrong in either, and "passed" would then be a lie.
 */
export function unfinishedPlanReason(plan: object): string | undefined {
  const record = plan as Record<string, unknown>;
  if (record.errored === true) {
    return 'the plan errored ("errored": true in the plan JSON): Terraform stopped before it knew the changes, so there is nothing to check; fix the errors of the plan and run it again';
  }
  if (record.complete === false) {
    return 'the plan is incomplete ("complete": false in the plan JSON): some changes are deferred until after an apply, so the plan does not show them all';
  }
  return undefined;
}
