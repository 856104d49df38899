/**
 * The type check and lint are part of `npm test`: `tsc --noEmit`'s program (tsconfig.json) and
 * eslint with type-aware rules (eslint.config.mjs) over it, and a check that both fail what they
 * should. Run `npm run typecheck` or `npm run lint` for the same alone, `npm run format` to fix
 * what eslint can. (Formatting is format.test.ts: a file of its own runs on the other worker.)
 *
 * One process (run-eslint.mjs) builds one TypeScript program for both: its diagnostics are the type
 * check, and eslint reads its type information from it (each built its own, and the type check ran
 * alone before jest started). It then checks a bad source in place of src/index.ts, in memory only,
 * with a program that reuses the tree's.
 */
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';

/** A type error, and breaks a type-aware rule (a promise left floating) and the 120-column limit. */
const BAD_SOURCE = [
  "export const count: number = 'one';",
  'async function later(): Promise<number> {',
  '  return 1;',
  '}',
  `// ${'a reason that goes on '.repeat(6)}`,
  'export function start(): void {',
  '  later();',
  '}',
  '',
].join('\n');

let report: {
  typeErrors: string;
  probeTypeErrors: string[];
  tree: string;
  warnings: number;
  errors: number;
  probe: string[];
};

beforeAll(async () => {
  const result = await execa(process.execPath, [join(__dirname, 'run-eslint.mjs'), join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    input: BAD_SOURCE,
  });
  report = JSON.parse(result.stdout) as typeof report;
});

test('the tree type-checks: tsc --noEmit of tsconfig.json reports nothing', () => {
  expect(report.typeErrors).toBe('');
});

test('the type check fails a value of the wrong type', () => {
  expect(report.probeTypeErrors).toEqual(['TS2322']);
});

test('eslint finds no violation in the tree', () => {
  expect(report.tree).toBe('');
  expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: 0, warnings: 0 });
});

test('the configuration fails a type-aware violation and a line over 120 columns', () => {
  expect(report.probe).toContain('@typescript-eslint/no-floating-promises');
  expect(report.probe).toContain('@stylistic/max-len');
});
