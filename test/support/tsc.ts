/**
 * Compiles TypeScript sources with the real compiler, several in one run: each source is a file
 * of its own (`<key>.ts`) in one project, type-checked by one compiler Program, so src/ and cdktf's
 * typings are loaded and checked once per batch instead of once per source.
 *
 * `efs-modules` resolves to src/index.ts (as a user's tsconfig paths would map the package) and
 * `efs-modules-src/*` to the repository's src/ files, for fixtures that write module code (builds,
 * rules, cases) the way the modules themselves do. Each source's diagnostics read `app.ts(line,col)`,
 * as when each was compiled alone under that name.
 *
 * Every source is a module of its own (`moduleDetection: force`), so sources never share a global
 * scope; a source may not augment modules or the global scope, which would change what the other
 * sources of its batch see.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { ROOT } from './examples';
import { makeTempDir } from './terraform';

const BATCH_CHECKER = path.join(__dirname, 'tsc-batch.js');

export interface Compilation {
  /** Whether the compiler reported an error for this source (or for a file the sources share). */
  readonly hasErrors: boolean;
  /** The compiler's diagnostics, one a line (`app.ts(9,3): error TS2345: …`); empty when it compiles. */
  readonly output: string;
}

const KEY = /^[A-Za-z0-9_-]+$/;
const AUGMENTATION = /\bdeclare\s+(global|module)\b/;

/** Compiles the sources in one compiler run; each key's result holds that source's diagnostics only. */
export async function compileSources<K extends string>(
  sources: Readonly<Record<K, string>>,
): Promise<Record<K, Compilation>> {
  const keys = Object.keys(sources) as K[];
  for (const key of keys) {
    if (!KEY.test(key))
      throw new Error(
        `source key ${JSON.stringify(key)}: use letters, digits, '-' and '_' only (it names the file <key>.ts)`,
      );
    if (AUGMENTATION.test(sources[key]))
      throw new Error(
        `source ${key}: declares a module or global augmentation, which would change the types of every source of its batch`,
      );
  }
  const dir = makeTempDir('efs-modules-types-');
  for (const key of keys) fs.writeFileSync(path.join(dir, `${key}.ts`), sources[key]);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      // As the repository's tsconfig.json: without it the target's default adds the DOM typings,
      // which no source uses (0.3 s of CPU and 35 MB a batch, measured on input-names' batch).
      lib: ['ES2022'],
      module: 'commonjs',
      moduleResolution: 'node',
      moduleDetection: 'force',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      baseUrl: '.',
      paths: { 'efs-modules': [path.join(ROOT, 'src/index.ts')], 'efs-modules-src/*': [path.join(ROOT, 'src/*')] },
    },
    files: keys.map((key) => `${key}.ts`),
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  // A process of its own: the compiler's memory is freed when it ends, not held by the jest worker.
  const result = await execa(process.execPath, [BATCH_CHECKER, dir], { reject: false });
  if (result.exitCode !== 0)
    throw new Error(`type-checking the batch in ${dir} failed (exit ${result.exitCode}):\n${result.stderr}`);
  const results = JSON.parse(result.stdout) as Record<string, Compilation>;
  const missing = keys.filter((key) => !(key in results));
  if (missing.length > 0) throw new Error(`type-checking the batch in ${dir} gave no result for ${missing.join(', ')}`);
  return results;
}

/** The text of a fixture of test/types/fixtures (`<name>.ts.fixture`), with each `key` replaced by its value. */
export function fixtureSource(name: string, replace: Readonly<Record<string, string>> = {}): string {
  let source = fs.readFileSync(path.join(ROOT, 'test/types/fixtures', `${name}.ts.fixture`), 'utf8');
  for (const [key, value] of Object.entries(replace)) source = source.split(key).join(value);
  return source;
}
