/**
 * The order in which `terraform apply` would run a saved plan, read from
 * `terraform graph -type=apply -plan=<file>` (offline: no provider call).
 *
 * In the DOT output an edge `"A" -> "B"` means A waits for B. Nodes are named
 * `[root] <address>` for a create or update, `[root] <address> (destroy)` for a
 * destroy, and `[root] <address> (destroy deposed <key>)` for the old object of
 * a create-before-destroy replacement; `(expand)` and `(close)` nodes are
 * Terraform's own bookkeeping. `before(graph, x, y)` is true when y waits for
 * x through any chain of edges, which is what "x happens before y" means to
 * Terraform's walker.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PlanJson, makeTempDir, terraform } from './terraform';

export interface ApplyGraph {
  /** Node label → the labels it waits for. */
  readonly waitsFor: ReadonlyMap<string, readonly string[]>;
}

/** What happens to an instance in the apply graph. */
export type Step = 'apply' | 'destroy' | 'destroy deposed';

/** Parses the DOT text `terraform graph` prints: quoted node names and `->` edges. */
export function parseDot(dot: string): ApplyGraph {
  const waitsFor = new Map<string, string[]>();
  const node = (label: string) => {
    if (!waitsFor.has(label)) waitsFor.set(label, []);
    return waitsFor.get(label)!;
  };
  const quoted = '"((?:[^"\\\\]|\\\\.)*)"';
  const edge = new RegExp(`^\\s*${quoted}\\s*->\\s*${quoted}`);
  const lone = new RegExp(`^\\s*${quoted}\\s*(\\[|;|$)`);
  const unquote = (s: string) => s.replace(/\\(.)/g, '$1');
  for (const line of dot.split('\n')) {
    const e = edge.exec(line);
    if (e) node(unquote(e[1])).push(unquote(e[2]));
    else {
      const n = lone.exec(line);
      if (n) node(unquote(n[1]));
    }
  }
  return { waitsFor };
}

/**
 * The label of an instance's node for one step, e.g. `[root] module.efs.aws_security_group.this
 * (destroy deposed …)`.
 */
export function nodeOf(graph: ApplyGraph, address: string, step: Step): string {
  const base = `[root] ${address}`;
  const found = [...graph.waitsFor.keys()].filter((label) =>
    step === 'apply'
      ? label === base
      : step === 'destroy'
        ? label === `${base} (destroy)`
        : label.startsWith(`${base} (destroy deposed `),
  );
  if (found.length !== 1) {
    const near = [...graph.waitsFor.keys()].filter((label) => label.includes(address)).join('\n  ');
    throw new Error(`expected one "${step}" node for ${address}, found ${found.length}; nodes naming it:\n  ${near}`);
  }
  return found[0];
}

/** True when `then` waits, directly or through other nodes, for `first`. */
export function waitsFor(graph: ApplyGraph, then: string, first: string): boolean {
  const seen = new Set<string>();
  const todo = [then];
  while (todo.length > 0) {
    const label = todo.pop()!;
    for (const next of graph.waitsFor.get(label) ?? []) {
      if (next === first) return true;
      if (!seen.has(next)) {
        seen.add(next);
        todo.push(next);
      }
    }
  }
  return false;
}

/** "Step x of address a happens before step y of address b" in the apply graph. */
export function before(graph: ApplyGraph, first: [string, Step], then: [string, Step]): boolean {
  return waitsFor(graph, nodeOf(graph, then[0], then[1]), nodeOf(graph, first[0], first[1]));
}

export interface SavedPlan {
  /** Path of the binary plan file, for `terraform graph -plan=` or `apply`. */
  readonly file: string;
  readonly json: PlanJson;
}

/** `terraform plan -out` in dir (already initialised) with extra args; the file and its `show -json`. */
export async function savedPlan(dir: string, extraArgs: string[] = []): Promise<SavedPlan> {
  const file = path.join(makeTempDir('efs-modules-saved-plan-'), 'plan.bin');
  await terraform(dir, ['plan', '-input=false', '-no-color', `-out=${file}`, ...extraArgs]);
  const shown = await terraform(dir, ['show', '-json', file]);
  return { file, json: JSON.parse(shown.stdout) as PlanJson };
}

/** The apply graph of a saved plan. */
export async function applyGraph(dir: string, plan: SavedPlan): Promise<ApplyGraph> {
  const out = await terraform(dir, ['graph', '-type=apply', `-plan=${plan.file}`]);
  if (process.env.EFS_MODULES_KEEP_TMP === '1') fs.writeFileSync(`${plan.file}.dot`, out.stdout);
  return parseDot(out.stdout);
}

/** `module.m.aws_x.y` of a node label naming a resource or one of its instances; undefined for other nodes. */
export function resourceOf(label: string): string | undefined {
  const m =
    /^\[root\] ((?:module\.[A-Za-z0-9_-]+\.)*(?:data\.)?([a-z][a-z0-9_]*)\.[A-Za-z0-9_-]+)(?:\[[^\]]*\])?(?: \(expand\))?$/.exec(
      label,
    );
  if (!m || ['output', 'var', 'local', 'module', 'provider'].includes(m[2])) return undefined;
  return m[1];
}

/**
 * Every resource each resource depends on, directly or through others, by configuration
 * address: what Terraform records as an instance's `dependencies` in the state when it applies
 * a create plan, and what it orders the destroys of a later plan by.
 */
export function resourceDependencies(graph: ApplyGraph): Map<string, string[]> {
  const deps = new Map<string, Set<string>>();
  for (const label of graph.waitsFor.keys()) {
    const resource = resourceOf(label);
    if (!resource) continue;
    const found = deps.get(resource) ?? new Set<string>();
    const seen = new Set<string>([label]);
    const todo = [label];
    while (todo.length > 0) {
      for (const next of graph.waitsFor.get(todo.pop()!) ?? []) {
        if (seen.has(next)) continue;
        seen.add(next);
        todo.push(next);
        const other = resourceOf(next);
        if (other && other !== resource) found.add(other);
      }
    }
    deps.set(resource, found);
  }
  return new Map([...deps].map(([r, s]) => [r, [...s].sort()]));
}
