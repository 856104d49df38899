/**
 * Lint is part of `npm test`: eslint with type-aware rules (eslint.config.mjs), and a check that
 * the configuration fails what it should. Run `npm run format` to fix what eslint can.
 * (Formatting is format.test.ts: a file of its own runs on the other worker.)
 *
 * One ESLint process (run-eslint.mjs) lints the tree and then a bad source in place of
 * src/index.ts, in memory only: the bad source reuses the type information built for the tree,
 * where a scratch project of its own cost a second eslint process and a second TypeScript program.
 */
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';

/** Breaks a type-aware rule (a promise left floating) and the 120-column limit. */
const BAD_SOURCE = [
  'async function later(): Promise<number> {',
  '  return 1;',
  '}',
  `// ${'a reason that goes on '.repeat(6)}`,
  'export function start(): void {',
  '  later();',
  '}',
  '',
].join('\n');

let report: { tree: string; warnings: number; errors: number; probe: string[] };

beforeAll(async () => {
  const result = await execa(process.execPath, [join(__dirname, 'run-eslint.mjs'), join(ROOT, 'src', 'index.ts')], {
    cwd: ROOT,
    input: BAD_SOURCE,
  });
  report = JSON.parse(result.stdout) as typeof report;
});

test('eslint finds no violation in the tree', () => {
  expect(report.tree).toBe('');
  expect({ errors: report.errors, warnings: report.warnings }).toEqual({ errors: 0, warnings: 0 });
});

test('the configuration fails a type-aware violation and a line over 120 columns', () => {
  expect(report.probe).toContain('@typescript-eslint/no-floating-promises');
  expect(report.probe).toContain('@stylistic/max-len');
});
