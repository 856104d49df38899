/**
 * A root module with a prepared state: configuration v1 planned with the real provider and
 * written as the state that applying it would leave, then configuration v2 written in its
 * place, ready for `terraform plan -refresh=false` (what would v2 change?).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyGraph, resourceDependencies, savedPlan } from './apply-graph';
import { ROOT } from './examples';
import { awsSchema, patchState, stateFromPlan } from './state';
import { PlanJson, init, plan, providerOverride, stage } from './terraform';

interface PlannedModule {
  address: string;
  resources: { type: string; values: Record<string, unknown> }[];
}

/** Plan arguments against a prepared state: read it as applied (no refresh, no AWS) and take no lock. */
export const OFFLINE_PLAN_ARGS = ['-refresh=false', '-lock=false'];

/**
 * Stages `paths` (repo-relative, e.g. `modules/efs-filesystem`) beside a `root/` folder, plans
 * `v1` there and writes its state as applied. The file system policy's JSON holds the file
 * system's ARN, unknown in the plan that creates it, so it is read back from a plan against
 * that state and recorded as applied too; without that, re-planning v1 would show the policy as changing.
 * `files` are extra files for the root (a provider override is always added).
 */
export async function preparedRoot(paths: string[], v1: string, files: Record<string, string> = {}): Promise<string> {
  const extra = Object.fromEntries(Object.entries(files).map(([name, text]) => [`root/${name}`, text]));
  const top = stage(ROOT, paths, { 'root/provider.tf': providerOverride(), 'root/main.tf': v1, ...extra });
  const dir = join(top, 'root');
  await init(dir);
  const created = await savedPlan(dir);
  const state = withDependencies(
    stateFromPlan(created.json, await awsSchema(dir)),
    resourceDependencies(await applyGraph(dir, created)),
  );
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  const documents = plannedPolicies(await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS }));
  writeFileSync(
    join(dir, 'terraform.tfstate'),
    JSON.stringify(patchState(state, 'aws_efs_file_system_policy', 'policy', (m) => documents.get(m) ?? null)),
  );
  return dir;
}

/**
 * The file system policy each module's plan writes, by module address: known at plan time once
 * the file system's ARN is (in a plan against the state of its creation).
 */
export function plannedPolicies(p: PlanJson): Map<string, string> {
  const modules =
    (p.planned_values as unknown as { root_module: { child_modules?: PlannedModule[] } }).root_module.child_modules ??
    [];
  const policies = modules.map(
    (m) => [m.address, m.resources.find((r) => r.type === 'aws_efs_file_system_policy')?.values.policy] as const,
  );
  return new Map(policies.filter((e): e is readonly [string, string] => typeof e[1] === 'string'));
}

/**
 * Records each instance's dependencies as an apply would. Terraform orders the deletion of an
 * object replaced create-before-destroy after the updates of the resources that the state says
 * depend on it: without them, a prepared state would show a different apply order than a real one.
 */
export function withDependencies<T>(state: T, deps: Map<string, string[]>): T {
  const s = state as any;
  for (const r of s.resources) {
    const address = `${r.module ? `${r.module}.` : ''}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`;
    for (const i of r.instances) i.dependencies = deps.get(address) ?? [];
  }
  return state;
}

/** Replaces the root's configuration (v2). */
export function rewrite(dir: string, main: string): void {
  writeFileSync(join(dir, 'main.tf'), main);
}

/** Changes of a plan other than no-op, as `actions address` lines relative to `prefix`, sorted. */
export function changeSummary(p: PlanJson, prefix: string): string[] {
  return (p.resource_changes ?? [])
    .filter((c) => c.address.startsWith(prefix) && c.mode === 'managed' && c.change.actions.join() !== 'no-op')
    .map((c) => `${c.change.actions.join('+')} ${c.address.slice(prefix.length)}`)
    .sort();
}
