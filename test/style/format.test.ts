/** Formatting is part of `npm test`: prettier (.prettierrc.json, 120 columns). `npm run format` fixes it. */
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';

const prettier = join(ROOT, 'node_modules', '.bin', 'prettier');

test('prettier finds every TypeScript and JavaScript file formatted', async () => {
  const result = await execa(prettier, ['--check', '.', '--log-level', 'warn'], { cwd: ROOT, reject: false });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
});
