/**
 * Compiles one TypeScript source with the real compiler, as a project of its own: `efs-modules`
 * resolves to src/index.ts (as a user's tsconfig paths would map the package) and `efs-modules-src/*`
 * to the repository's src/ files, for fixtures that write module code (builds, rules, cases) the
 * way the modules themselves do. The file is compiled as `app.ts`, so diagnostics read `app.ts(line,col)`.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { makeTempDir } from './terraform';

const ROOT = path.resolve(__dirname, '../..');
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc');

export interface Compilation {
  readonly exitCode: number;
  /** tsc's diagnostics, one a line (`app.ts(9,3): error TS2345: …`); empty when it compiles. */
  readonly output: string;
}

export async function compileSource(source: string): Promise<Compilation> {
  const dir = makeTempDir('efs-modules-types-');
  fs.writeFileSync(path.join(dir, 'app.ts'), source);
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'commonjs',
      moduleResolution: 'node',
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
      baseUrl: '.',
      paths: { 'efs-modules': [path.join(ROOT, 'src/index.ts')], 'efs-modules-src/*': [path.join(ROOT, 'src/*')] },
    },
    files: ['app.ts'],
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  const result = await execa(process.execPath, [TSC, '-p', '.', '--pretty', 'false'], { cwd: dir, reject: false });
  return { exitCode: result.exitCode, output: `${result.stdout}${result.stderr}` };
}

/** Compiles a fixture file of test/types/fixtures (`<name>.ts.fixture`), after replacing each `key` with its value. */
export function compileFixture(name: string, replace: Readonly<Record<string, string>> = {}): Promise<Compilation> {
  let source = fs.readFileSync(path.join(ROOT, 'test/types/fixtures', `${name}.ts.fixture`), 'utf8');
  for (const [key, value] of Object.entries(replace)) source = source.split(key).join(value);
  return compileSource(source);
}
