/**
 * Plans an example both ways (the HCL root module, and its TypeScript twin from main.ts) and
 * reads `terraform graph` of each, so tests can prove what waits for what. Builds on
 * test/support/examples.ts, which plans but does not keep the working directories.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, normalizedChanges, synthApp } from '../examples';
import { PlanJson, ResourceChange, init, plan, providerOverride, stage, terraform } from '../terraform';
import { FILE_SYSTEM_ARN_STAND_IN } from '../../../src/modules/efs-filesystem/build-policy';

/** `terraform graph` as edges: resource address (no instance keys) → the resources it depends on directly. */
export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

export interface PlannedExample {
  readonly dir: string;
  readonly plan: PlanJson;
  readonly graph: Graph;
}

/**
 * Terraform ≥ 1.7 prints a resources-only graph whose edges cross module boundaries
 * (`aws_lambda_function.this -> module.mount.aws_efs_access_point.this`): the order in which
 * apply creates them. It needs init, not credentials.
 */
export async function graphOf(dir: string): Promise<Graph> {
  const { stdout } = await terraform(dir, ['graph']);
  const edges = new Map<string, Set<string>>();
  for (const [, from, to] of stdout.matchAll(/^\s*"([^"]+)" -> "([^"]+)";?$/gm)) {
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from)!.add(to);
  }
  if (edges.size === 0) throw new Error(`terraform graph printed no edges in ${dir}:\n${stdout}`);
  return edges;
}

/** Every resource `from` waits for, directly or through others. */
export function waitsFor(graph: Graph, from: string): Set<string> {
  const seen = new Set<string>();
  const stack = [from];
  while (stack.length > 0) {
    for (const next of graph.get(stack.pop()!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return seen;
}

/** Inits dir, then plans it and reads its graph. */
export async function planWithGraph(dir: string): Promise<PlannedExample> {
  await init(dir);
  const [p, graph] = await Promise.all([plan(dir), graphOf(dir)]);
  return { dir, plan: p, graph };
}

/**
 * examples/<path>/main.tf with every module staged beside it, planned with fake credentials.
 * `files` are written beside main.tf (a `terraform.tfvars` for an example that takes variables).
 */
export async function planHcl(path: string, files: Record<string, string> = {}): Promise<PlannedExample> {
  const extra = Object.fromEntries(
    Object.entries(files).map(([name, content]) => [`examples/${path}/${name}`, content]),
  );
  const root = stage(ROOT, ['modules', `examples/${path}`], {
    [`examples/${path}/provider_override.tf`]: providerOverride(),
    ...extra,
  });
  return planWithGraph(join(root, 'examples', path));
}

/** One stack of main.ts, synthesized once per test file, planned as `cdktf deploy` would; `files` as planHcl's. */
export async function planTs(stack: string, files: Record<string, string> = {}): Promise<PlannedExample> {
  const dir = join(synthApp(), 'stacks', stack);
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return planWithGraph(dir);
}

export const changes = (p: PlanJson, type: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.type === type);

/** The one change of a type whose address matches, failing loudly when there is not exactly one. */
export function only(p: PlanJson, type: string, address: RegExp = /./): ResourceChange {
  const found = changes(p, type).filter((c) => address.test(c.address));
  if (found.length !== 1)
    throw new Error(
      `expected one ${type} matching ${address}, found ${found.map((c) => c.address).join(', ') || 'none'}`,
    );
  return found[0];
}

/** Graph node name of a planned resource: its address without the instance key. */
export const node = (c: ResourceChange): string => c.address.replace(/\[[^\]]*\]/g, '');

/** Resources the HCL examples key with for_each and the TypeScript twins create one by one. */
const KEYED_ONLY_IN_HCL = new Set(['aws_subnet', 'aws_route_table_association']);

/**
 * Asserts two plans hold the same resources with the same planned values, addresses aside.
 * Two differences are expected and removed: the index of resources that only HCL keys, and a
 * Lambda function's `filename` (a cdktf asset path in TypeScript).
 */
export function samePlans(ts: PlannedExample, hcl: PlannedExample, alsoKeyedOnlyInHcl: readonly string[] = []): void {
  const unkeyed = new Set([...KEYED_ONLY_IN_HCL, ...alsoKeyedOnlyInHcl]);
  const comparable = (p: PlannedExample) =>
    normalizedChanges(p.plan, () => true)
      // The file system's policy document: read at plan time in HCL, during apply in a construct
      // with props given as tokens (after its plan-time checks); its text is compared in policy-parity.
      .filter(
        (c) => !(c.type === 'aws_iam_policy_document' && JSON.stringify(c.after).includes(FILE_SYSTEM_ARN_STAND_IN)),
      )
      .map((c) => ({
        ...c,
        index: unkeyed.has(c.type) ? null : c.index,
        after: c.type === 'aws_lambda_function' ? { ...(c.after as object), filename: 'handler.zip' } : c.after,
      }))
      .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  const [fromTs, fromHcl] = [comparable(ts), comparable(hcl)];
  expect(fromTs.map((c) => c.type)).toEqual(fromHcl.map((c) => c.type));
  expect(fromTs).toEqual(fromHcl);
}
