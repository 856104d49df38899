/**
 * The order in which `terraform apply` would carry out a saved plan, offline: `terraform graph
 * -type=apply -plan=<file>` prints it as DOT, one `"a" -> "b"` edge per dependency (a waits
 * for b). Node names are Terraform's: `module.m.aws_x.this` for the create or update of an
 * instance, `module.m.aws_x.this (destroy deposed …)` for the old object that a
 * create_before_destroy replacement keeps until the end, `… (destroy)` otherwise.
 */
import { join } from 'node:path';
import { PlanJson, makeTempDir, terraform } from '../support/terraform';

/** Edges of the apply graph: node → the nodes it waits for directly. */
export type ApplyGraph = ReadonlyMap<string, ReadonlySet<string>>;

export interface SavedPlan {
  readonly plan: PlanJson;
  readonly graph: ApplyGraph;
}

/** Parses DOT edges, with Terraform's `[root] ` prefix and ` (expand)` suffixes kept as printed. */
export function dotEdges(dot: string): ApplyGraph {
  const edges = new Map<string, Set<string>>();
  // Names may hold escaped quotes: "module.m.aws_x.this[\"key\"]".
  for (const [, from, to] of dot.matchAll(/^\s*"((?:[^"\\]|\\.)+)" -> "((?:[^"\\]|\\.)+)"/gm)) {
    const name = (n: string) => n.replace(/\\"/g, '"').replace(/^\[root\] /, '');
    if (!edges.has(name(from))) edges.set(name(from), new Set());
    edges.get(name(from))!.add(name(to));
  }
  return edges;
}

/** Plans dir against its state without refreshing, saves the plan, and reads its apply graph. */
export async function planWithApplyGraph(dir: string): Promise<SavedPlan> {
  const file = join(makeTempDir('efs-modules-graph-'), 'plan.bin');
  await terraform(dir, ['plan', '-input=false', '-no-color', '-refresh=false', '-lock=false', `-out=${file}`]);
  const [shown, graph] = await Promise.all([
    terraform(dir, ['show', '-json', file]),
    terraform(dir, ['graph', '-type=apply', `-plan=${file}`]),
  ]);
  const edges = dotEdges(graph.stdout);
  if (edges.size === 0) throw new Error(`terraform graph -type=apply printed no edges in ${dir}:\n${graph.stdout}`);
  return { plan: JSON.parse(shown.stdout) as PlanJson, graph: edges };
}

/** Whether `later` waits for `earlier`, directly or through other nodes. */
export function happensAfter(graph: ApplyGraph, later: string, earlier: string): boolean {
  const seen = new Set<string>();
  const stack = [later];
  while (stack.length > 0) {
    for (const next of graph.get(stack.pop()!) ?? []) {
      if (next === earlier) return true;
      if (!seen.has(next)) {
        seen.add(next);
        stack.push(next);
      }
    }
  }
  return false;
}

/** The one node whose name matches, failing loudly with the candidates otherwise. */
export function nodeMatching(graph: ApplyGraph, pattern: RegExp): string {
  const names = new Set([...graph.keys(), ...[...graph.values()].flatMap((s) => [...s])]);
  const found = [...names].filter((n) => pattern.test(n));
  if (found.length !== 1) throw new Error(`expected one graph node matching ${pattern}, found: ${found.join(' | ') || 'none'}`);
  return found[0];
}
