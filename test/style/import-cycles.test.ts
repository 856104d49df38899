/**
 * No import circles in the shipped code or the generators, `import type` included: a circle closed
 * by a type-only import still ties two files that should be read and changed one after the other.
 */
import { readFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { execFileSync } from 'node:child_process';
import { ROOT } from '../support/examples';

/** The repository's own imports of each file (relative specifiers, resolved to files). */
export function importGraph(files: readonly string[], read: (file: string) => string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of files) {
    const imports: string[] = [];
    for (const m of read(file).matchAll(/^\s*(?:import|export)\b[^'";]*?\bfrom\s+'(\.{1,2}\/[^']*)'/gm)) {
      const target = normalize(join(dirname(file), m[1]));
      const resolved = [`${target}.ts`, join(target, 'index.ts')].find((candidate) => files.includes(candidate));
      if (resolved) imports.push(resolved);
    }
    graph.set(file, imports);
  }
  return graph;
}

/** Every circle, each as the files on it from where the walk first met it, back to that file. */
export function importCycles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (file: string): void => {
    path.push(file);
    for (const next of graph.get(file) ?? []) {
      const at = path.indexOf(next);
      if (at >= 0) cycles.push([...path.slice(at), next]);
      else if (!done.has(next)) visit(next);
    }
    path.pop();
    done.add(file);
  };
  for (const file of graph.keys()) if (!done.has(file)) visit(file);
  return cycles;
}

const tracked = execFileSync('git', ['ls-files', 'src/**/*.ts', 'generators/**/*.ts'], { cwd: ROOT, encoding: 'utf8' })
  .split('\n')
  .filter((f) => f && existsSync(join(ROOT, f)));

test('src/ and generators/ import one another without a circle', () => {
  const graph = importGraph(tracked, (f) => readFileSync(join(ROOT, f), 'utf8'));
  expect(graph.size).toBeGreaterThan(50);
  expect(importCycles(graph).map((cycle) => cycle.map((f) => relative('.', f)).join(' -> '))).toEqual([]);
});

test('a circle closed by an import type is found', () => {
  const sources: Record<string, string> = {
    'src/a.ts': "import { b } from './b';\nexport const a = b;\n",
    'src/b.ts': "import type { A } from './c/index';\nexport const b = 1;\n",
    'src/c/index.ts': "export type { A } from '../a';\n",
  };
  const graph = importGraph(Object.keys(sources), (f) => sources[f]);
  expect(importCycles(graph)).toEqual([['src/a.ts', 'src/b.ts', 'src/c/index.ts', 'src/a.ts']]);
});
