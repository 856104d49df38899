/**
 * The state an apply of a root's current configuration would leave, for real-provider plans
 * with `-refresh=false`: the create plan turned into state (test/support/state.ts), then values
 * that are computed from other resources' IDs (the role policy's JSON, the function's access
 * point ARN) settled by planning again and keeping what that plan knows, until nothing changes.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyGraph, resourceDependencies, savedPlan } from '../apply-graph';
import { OFFLINE_PLAN_ARGS, withDependencies } from '../prepared-root';
import { awsSchema, dynamic, stateFromPlan } from '../state';
import { PlanJson, plan } from '../terraform';

export interface State {
  resources: {
    module?: string;
    type: string;
    name: string;
    instances: { index_key?: unknown; attributes: Record<string, unknown> }[];
  }[];
}

/** Lays the known planned values of every changing resource over the state; how many changed. */
function settle(state: State, p: PlanJson): number {
  let changed = 0;
  for (const c of p.resource_changes ?? []) {
    if (c.mode !== 'managed' || ['no-op', 'read'].includes(c.change.actions.join())) continue;
    const r = state.resources.find(
      (x) => x.type === c.type && x.name === c.name && (x.module ?? undefined) === c.module_address,
    );
    const instance = r?.instances.find((i) => i.index_key === c.index);
    if (!instance) continue;
    const unknown = (c.change.after_unknown ?? {}) as Record<string, unknown>;
    // terraform_data's dynamically typed attributes are stored with their type.
    const stored = (k: string, v: unknown) =>
      c.type === 'terraform_data' && ['input', 'output', 'triggers_replace'].includes(k) ? dynamic(v as never) : v;
    for (const [k, v] of Object.entries(c.change.after as Record<string, unknown>))
      if (unknown[k] !== true) instance.attributes[k] = stored(k, v);
    changed++;
  }
  return changed;
}

/**
 * Writes `terraform.tfstate` in dir (initialised) as an apply of its configuration would,
 * dependencies included; returns v1 planned against it.
 */
export async function writeAppliedState(dir: string): Promise<PlanJson> {
  // With each instance's dependencies, as an apply records them: Terraform orders the deletion
  // of an object replaced create-before-destroy by them.
  const created = await savedPlan(dir);
  const state = withDependencies(
    stateFromPlan(created.json, await awsSchema(dir)) as State,
    resourceDependencies(await applyGraph(dir, created)),
  );
  for (let round = 0; round < 3; round++) {
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
    if (settle(state, await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS })) === 0) break;
  }
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  return plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
}
