/** Plans the examples both ways: the HCL root module, and its TypeScript twin synthesized by main.ts. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildApp } from '../../main';
import { CREATED_TAG } from '../../src/modules/efs-filesystem/build';
import { PlanJson, init, makeTempDir, plan, providerOverride, stage } from './terraform';

export const ROOT = join(__dirname, '..', '..');

/** Plans examples/<path>/main.tf with fake credentials, modules staged beside it. */
export async function planHclExample(path: string): Promise<PlanJson> {
  const root = stage(ROOT, ['modules', `examples/${path}`], {
    [`examples/${path}/provider_override.tf`]: providerOverride(),
  });
  const dir = join(root, 'examples', path);
  await init(dir);
  return plan(dir);
}

let synthesized: string | undefined;

/** Synthesizes main.ts once per test file; returns the cdktf output folder. */
export function synthApp(): string {
  if (!synthesized) {
    synthesized = makeTempDir('efs-modules-synth-');
    buildApp(synthesized).synth();
  }
  return synthesized;
}

/** Plans one stack of the synthesized app: the offline stand-in for `cdktf deploy`. */
export async function planStack(stack: string): Promise<PlanJson> {
  const dir = join(synthApp(), 'stacks', stack);
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  await init(dir);
  return plan(dir);
}

export interface NormalizedChange {
  readonly type: string;
  readonly index: unknown;
  readonly actions: readonly string[];
  readonly after: unknown;
  readonly afterUnknown: unknown;
}

/**
 * The birth tag and the module's witness (`terraform_data`, input plantimestamp()) hold the time
 * of the plan: two plans differ there by design.
 */
function withoutPlanTime(type: string, after: any): unknown {
  if (type === 'terraform_data' && typeof after?.input === 'string' && /^\d{4}-\d\d-\d\dT/.test(after.input)) {
    return { ...after, input: '<plan time>' };
  }
  const out = { ...after };
  for (const key of ['tags', 'tags_all']) {
    if (out[key]?.[CREATED_TAG]) out[key] = { ...out[key], [CREATED_TAG]: '<plan time>' };
  }
  return out;
}

/**
 * Resource types the efs-filesystem module plans (not the network or roles an example builds
 * around it): what a plan of the construct and one of the HCL module are compared on. Not the
 * policy document: the HCL module reads it at plan time, while a construct with props given as
 * tokens reads it after its plan-time checks, during the apply that creates it
 * (policy-parity.test.ts compares the documents themselves).
 */
export const fileSystemModuleTypes = (type: string): boolean =>
  type.startsWith('aws_efs_') || type.includes('security_group');

/**
 * Planned changes without their addresses (which differ: `module.efs.aws_x.this` in HCL,
 * `aws_x.efs_x_1A2B3C` in a CDKTF stack), sorted, so two plans compare as wholes.
 */
export function normalizedChanges(p: PlanJson, types: (t: string) => boolean): NormalizedChange[] {
  return (p.resource_changes ?? [])
    .filter((c) => types(c.type))
    .map((c) => ({
      type: c.type,
      index: c.index ?? null,
      actions: c.change.actions,
      after: withoutPlanTime(c.type, c.change.after),
      afterUnknown: c.change.after_unknown,
    }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}
