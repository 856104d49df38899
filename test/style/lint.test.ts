/**
 * Lint is part of `npm test`: eslint with type-aware rules (eslint.config.mjs), and a check that
 * the configuration fails what it should. Run `npm run format` to fix what eslint can.
 * (Formatting is format.test.ts: a file of its own runs on the other worker.)
 */
import { mkdirSync, symlinkSync, writeFileSync, copyFileSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';
import { makeTempDir } from '../support/terraform';

const bin = (name: string): string => join(ROOT, 'node_modules', '.bin', name);

test('eslint finds no violation in the tree', async () => {
  const result = await execa(bin('eslint'), ['--max-warnings', '0', '.'], { cwd: ROOT, reject: false });
  expect(result.stdout + result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
});

test('the configuration fails a type-aware violation and a line over 120 columns', async () => {
  // A folder of its own with the repository's configuration, so the bad file never enters the tree.
  const dir = makeTempDir('efs-modules-lint-');
  copyFileSync(join(ROOT, 'eslint.config.mjs'), join(dir, 'eslint.config.mjs'));
  symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { strict: true, lib: ['ES2022'] }, include: ['src'] }),
  );
  mkdirSync(join(dir, 'src'));
  const longComment = `// ${'a reason that goes on '.repeat(6)}`;
  writeFileSync(
    join(dir, 'src', 'bad.ts'),
    `async function later(): Promise<number> {\n  return 1;\n}\n${longComment}\nexport function start(): void {\n  later();\n}\n`,
  );
  const result = await execa(bin('eslint'), ['src'], { cwd: dir, reject: false });
  expect(result.exitCode).toBe(1);
  expect(result.stdout).toContain('@typescript-eslint/no-floating-promises');
  expect(result.stdout).toContain('@stylistic/max-len');
});
