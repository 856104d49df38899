/**
 * The type check is part of `npm test`, as a test so that it runs beside the others rather than
 * before them: `tsc --noEmit` over everything tsconfig.json includes (src, generators, tests, main.ts, scripts).
 */
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';

test('tsc --noEmit finds no type error', async () => {
  const result = await execa(join(ROOT, 'node_modules', '.bin', 'tsc'), ['--noEmit', '--pretty', 'false'], {
    cwd: ROOT,
    reject: false,
  });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
});
