/**
 * Consumer projects of the packed package, one per supported combination of CDK core and AWS
 * provider binding, built as a user's project is but without copying 360 MB bindings per project:
 *
 * - the tarball is installed with `npm install --offline` (the package has no dependencies of its
 *   own, so npm needs nothing but the tarball; `--legacy-peer-deps` because the peers are not
 *   installed by npm here but linked next);
 * - the peers are symlinks to the packages package-lock.json locked in the repository's
 *   node_modules, as `npm link` would make them: `@cdktf/provider-aws` 21 is the repository's
 *   `cdktf-provider-aws-21` (an npm alias) under its real name. Node resolves symlinks to their
 *   real path, so each core and `constructs` is one instance, as in a real install;
 * - that npm itself accepts each combination is proved apart, and cheaply: `npm install
 *   --package-lock-only` of a project that names the tarball and the locked versions resolves
 *   the whole tree with npm's peer rules from package metadata (cached after the first run),
 *   without downloading or writing a package.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';

export const ROOT = path.resolve(__dirname, '../..');
const REPO_MODULES = path.join(ROOT, 'node_modules');

export const NPM_ENV = {
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

export function run(file: string, args: string[], cwd: string) {
  return execa(file, args, { cwd, env: { ...process.env, ...NPM_ENV }, extendEnv: false });
}

/** Where the time of a test file's setup went: printed once, shown when it is slow or fails. */
export class Timings {
  private readonly entries: string[] = [];

  async step<T>(name: string, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await work();
    this.entries.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return result;
  }

  toString(): string {
    return this.entries.join(', ');
  }
}

/** A supported combination: its core, the packages its app depends on (as locked here) and how its sources import. */
export interface Combination {
  readonly name: string;
  readonly core: 'cdktf' | 'cdktn';
  /** The app's dependencies: name → the package of the repository's node_modules it is. */
  readonly peers: Readonly<Record<string, string>>;
  /** The entry the app imports the constructs from. */
  readonly entry: string;
  readonly moduleResolution: 'node16' | 'node';
}

export const COMBINATIONS = {
  cdktf20: {
    name: 'cdktf + @cdktf/provider-aws 20',
    core: 'cdktf',
    entry: 'efs-modules',
    moduleResolution: 'node16',
    peers: { cdktf: 'cdktf', constructs: 'constructs', '@cdktf/provider-aws': '@cdktf/provider-aws' },
  },
  cdktf21: {
    name: 'cdktf + @cdktf/provider-aws 21',
    core: 'cdktf',
    entry: 'efs-modules',
    moduleResolution: 'node16',
    peers: { cdktf: 'cdktf', constructs: 'constructs', '@cdktf/provider-aws': 'cdktf-provider-aws-21' },
  },
  // CDK Terrain's project template compiles with the classic resolution, which ignores `exports`:
  // the subpath's types then come through package.json's `typesVersions`.
  cdktn: {
    name: 'cdktn + @cdktn/provider-aws 25',
    core: 'cdktn',
    entry: 'efs-modules/cdktn',
    moduleResolution: 'node',
    peers: { cdktn: 'cdktn', constructs: 'constructs', '@cdktn/provider-aws': '@cdktn/provider-aws' },
  },
} as const satisfies Record<string, Combination>;

/** The version of a package of the repository's node_modules (an alias reads as its real package). */
export function lockedVersion(repoPackage: string): string {
  return JSON.parse(fs.readFileSync(path.join(REPO_MODULES, repoPackage, 'package.json'), 'utf8')).version;
}

/**
 * A source of the repository or a fixture as a user of `combination` writes it: a cdktf app as
 * it is; a cdktn app with the imports renamed, as CDK Terrain's migration renames them.
 */
export function sourceFor(combination: Combination, source: string): string {
  if (combination.core === 'cdktf') return source;
  return source
    .replace(/(from |require\()'cdktf'/g, "$1'cdktn'")
    .replace(/(from |require\()'@cdktf\/provider-aws\//g, "$1'@cdktn/provider-aws/")
    .replace(/(from |require\()'efs-modules'/g, "$1'efs-modules/cdktn'");
}

/** `npm pack` of a copy of the package's sources in `work`, so a build in the working tree cannot race with it. */
export async function packPackage(
  work: string,
): Promise<{ filename: string; files: { path: string }[]; size: number; unpackedSize: number }> {
  const sources = [
    'package.json',
    'tsconfig.json',
    'tsconfig.build.json',
    'src',
    'bin',
    'scripts/build-cdktn.js',
    'README.md',
    'CHANGELOG.md',
    'LICENSE',
  ];
  const source = path.join(work, 'efs-modules');
  for (const rel of sources) fs.cpSync(path.join(ROOT, rel), path.join(source, rel), { recursive: true });
  // prepack runs tsc from the repository's toolchain.
  fs.symlinkSync(REPO_MODULES, path.join(source, 'node_modules'), 'dir');
  const [result] = JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', work], source)).stdout);
  return result;
}

/** A consumer project in `dir`: the tarball installed by npm, the combination's peers linked, and @types/node. */
export async function installConsumer(dir: string, tarball: string, combination: Combination): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'efs-modules-consumer',
        version: '1.0.0',
        private: true,
        dependencies: { 'efs-modules': `file:${tarball}` },
      },
      null,
      2,
    ),
  );
  await run('npm', ['install', '--offline', '--legacy-peer-deps', '--no-package-lock', '--ignore-scripts'], dir);
  for (const [name, repoPackage] of Object.entries({ ...combination.peers, '@types/node': '@types/node' })) {
    const link = path.join(dir, 'node_modules', name);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(REPO_MODULES, repoPackage), link, 'dir');
  }
}

/**
 * Every examples/<folder>/stack.ts, with the stack class it exports and the stack ID main.ts gives
 * it (its folder, '/' as '-').
 */
export function exampleStacks(): { file: string; className: string; id: string }[] {
  return (fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true }) as string[])
    .filter((file) => path.basename(file) === 'stack.ts')
    .sort()
    .map((file) => {
      const className = /export class (\w+) extends TerraformStack/.exec(
        fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8'),
      )?.[1];
      if (!className) throw new Error(`examples/${file} exports no TerraformStack class`);
      return { file: path.join('examples', file), className, id: path.dirname(file).split(path.sep).join('-') };
    });
}

/**
 * Copies every example stack into the consumer (`examples/…/stack.ts`, its imports as the
 * combination's users write them) with the files it loads beside itself (the Lambda packages,
 * also next to the compiled file), and writes `examples-main.ts`, an app that synthesizes them
 * all into the folder given as its argument.
 */
export function stageExamples(dir: string, combination: Combination, outDir = 'build'): void {
  const stacks = exampleStacks();
  for (const { file } of stacks) {
    const target = path.join(dir, file);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, sourceFor(combination, fs.readFileSync(path.join(ROOT, file), 'utf8')));
    for (const asset of fs.readdirSync(path.join(ROOT, path.dirname(file))).filter((f) => f.endsWith('.zip'))) {
      for (const at of [path.dirname(target), path.join(dir, outDir, path.dirname(file))]) {
        fs.mkdirSync(at, { recursive: true });
        fs.copyFileSync(path.join(ROOT, path.dirname(file), asset), path.join(at, asset));
      }
    }
  }
  const app = [
    '// Every example stack of the repository, synthesized as main.ts does, from the installed package.',
    `import { App } from '${combination.core}';`,
    ...stacks.map(({ file, className }) => `import { ${className} } from './${path.dirname(file)}/stack';`),
    "const app = new App({ outdir: process.argv[2] ?? 'cdktf.out' });",
    ...stacks.map(({ className, id }) => `new ${className}(app, '${id}');`),
    'app.synth();',
    '',
  ];
  fs.writeFileSync(path.join(dir, 'examples-main.ts'), app.join('\n'));
}

/** The consumer's tsconfig: strict, as a user's project, with the combination's module resolution. */
export function writeTsconfig(dir: string, combination: Combination, files: string[]): void {
  const resolution =
    combination.moduleResolution === 'node16'
      ? { module: 'node16', moduleResolution: 'node16' }
      : { module: 'commonjs', moduleResolution: 'node' };
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      ...resolution,
      strict: true,
      skipLibCheck: true,
      outDir: 'build',
      types: ['node'],
    },
    files,
  };
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
}

export function compile(dir: string) {
  return run(process.execPath, [path.join(REPO_MODULES, 'typescript/bin/tsc'), '-p', '.'], dir);
}

/** Each stack's synthesized configuration in `outdir` of the consumer, by stack ID. */
export function synthesized(dir: string, outdir: string): Record<string, any> {
  const stacks = path.join(dir, outdir, 'stacks');
  return Object.fromEntries(
    fs
      .readdirSync(stacks)
      .sort()
      .map((id) => [id, JSON.parse(fs.readFileSync(path.join(stacks, id, 'cdk.tf.json'), 'utf8'))]),
  );
}

/**
 * npm's own resolution of an app that depends on the tarball and `dependencies`:
 * `npm install --package-lock-only` in a folder of its own. Exit code 0 and the lock it wrote,
 * or npm's error (ERESOLVE for a peer conflict).
 */
export async function resolveWithNpm(dir: string, tarball: string, dependencies: Record<string, string>) {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify(
      {
        name: 'efs-modules-app',
        version: '1.0.0',
        private: true,
        dependencies: { 'efs-modules': `file:${tarball}`, ...dependencies },
      },
      null,
      2,
    ),
  );
  const result = await execa('npm', ['install', '--package-lock-only', '--prefer-offline', '--ignore-scripts'], {
    cwd: dir,
    env: { ...process.env, ...NPM_ENV },
    extendEnv: false,
    reject: false,
  });
  const lockFile = path.join(dir, 'package-lock.json');
  const packages: Record<string, { version: string }> = fs.existsSync(lockFile)
    ? JSON.parse(fs.readFileSync(lockFile, 'utf8')).packages
    : {};
  return { exitCode: result.exitCode, stderr: result.stderr, packages };
}
