/**
 * compileSources type-checks several sources in one compiler run, and each result holds what a
 * compilation of that source alone reports: no diagnostic of one source reaches another's result.
 */
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from './terraform';
import { Compilation, compileSources } from './tsc';

let batch: Record<'good' | 'bad' | 'scriptA' | 'scriptB' | 'broken' | 'besideBroken', Compilation>;

beforeAll(async () => {
  batch = await compileSources({
    good: 'export const count: number = 1;\n',
    bad: '\nexport const count: number = "one";\n',
    // No import or export: without moduleDetection force these two would share the global scope
    // and each report "Cannot redeclare block-scoped variable 'shared'".
    scriptA: 'const shared = 1;\nconsole.log(shared);\n',
    scriptB: 'const shared = 2;\nconsole.log(shared);\n',
    broken: 'export const count = (1;\n',
    besideBroken: 'export const count: string = 1;\n',
  });
});

test('a source that compiles has no output beside one that fails in the same batch', () => {
  expect(batch.good).toEqual({ hasErrors: false, output: '' });
});

test("a failing source's result names its own lines as app.ts, and only them", () => {
  expect(batch.bad.hasErrors).toBe(true);
  expect(batch.bad.output).toMatch(
    /^app\.ts\(2,14\): error TS2322: Type 'string' is not assignable to type 'number'\.\n$/,
  );
});

test('sources without imports or exports do not share a global scope', () => {
  expect([batch.scriptA, batch.scriptB]).toEqual([
    { hasErrors: false, output: '' },
    { hasErrors: false, output: '' },
  ]);
});

test("a syntax error in one source reports only there, and does not hide another source's type errors", () => {
  expect(batch.broken.hasErrors).toBe(true);
  expect(batch.broken.output).toMatch(/^app\.ts\(1,24\): error TS1005: /);
  expect(batch.besideBroken.output).toMatch(
    /^app\.ts\(1,14\): error TS2322: Type 'number' is not assignable to type 'string'\.\n$/,
  );
});

test('errors in a file outside the batch are reported in every result, as each source alone would report them', async () => {
  const shared = path.join(makeTempDir('efs-modules-shared-'), 'shared.ts');
  fs.writeFileSync(shared, 'export const limit: number = "ten";\n');
  const importer = `import { limit } from ${JSON.stringify(shared.replace(/\.ts$/, ''))};\nexport const twice = limit * 2;\n`;
  const results = await compileSources({ first: importer, second: importer });
  for (const { hasErrors, output } of Object.values(results)) {
    expect(hasErrors).toBe(true);
    expect(output).toMatch(/shared\.ts\(1,14\): error TS2322: Type 'string' is not assignable to type 'number'\.\n$/);
    expect(output).not.toMatch(/^app\.ts/m);
  }
});

test('a source that augments a module or the global scope is refused before compiling', async () => {
  await expect(compileSources({ augments: 'export {};\ndeclare global { var leaked: string; }\n' })).rejects.toThrow(
    /augments: declares a module or global augmentation/,
  );
});
