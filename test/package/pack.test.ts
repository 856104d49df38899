/**
 * The consumer path of the npm package, for real: `npm pack` (which builds dist/ through
 * prepack), install the tarball into a fresh CDKTF project, compile a stack that uses all three
 * constructs against the installed types, synthesize it and plan it with terraform. The project
 * also compiles and synthesizes one of the repository's examples, copied unchanged: the examples
 * import `efs-modules`, `cdktf` and `constructs` as a user's project does.
 *
 * Offline and fast by construction:
 * - the package is packed from a copy of its sources in a temp folder (src/, bin/, tsconfigs,
 *   package.json), so a concurrent `npm pack` or build in the working tree cannot race with it;
 * - the consumer installs the tarball with `npm install --offline --legacy-peer-deps`: the
 *   package has no dependencies of its own, so npm needs nothing but the tarball, and `--offline`
 *   makes any attempt to reach a registry fail the test;
 * - the peers (cdktf, constructs, @cdktf/provider-aws: 380 MB unpacked) are symlinked from the
 *   repository's node_modules, as `npm link` would; installing them from the npm cache measured
 *   minutes of copying, not seconds. Node resolves symlinks to their real path, so there is one
 *   `constructs` instance, as in a real install.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { findResources, init, makeTempDir, plan, PlanJson } from '../support/terraform';

const ROOT = path.resolve(__dirname, '../..');
/** The example the consumer compiles as it is in the repository, with the file it packages. */
const EXAMPLE = 'examples/complete';
const PEERS = ['cdktf', 'constructs', '@cdktf/provider-aws'];
/** What the package is built from; everything else in the repository stays out of the tarball. */
const PACKAGE_SOURCES = ['package.json', 'tsconfig.json', 'tsconfig.build.json', 'src', 'bin', 'README.md', 'CHANGELOG.md'];

const NPM_ENV = {
  npm_config_audit: 'false',
  npm_config_fund: 'false',
  npm_config_update_notifier: 'false',
  npm_config_loglevel: 'error',
};

interface PackedFile {
  path: string;
}
interface PackResult {
  filename: string;
  files: PackedFile[];
  /** Bytes of the .tgz. */
  size: number;
  unpackedSize: number;
}

const timings: string[] = [];
async function step<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  timings.push(`${name} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return result;
}

function run(file: string, args: string[], cwd: string) {
  return execa(file, args, { cwd, env: { ...process.env, ...NPM_ENV }, extendEnv: false });
}

let packed: PackResult;
let consumer: string;
let installedPkg: Record<string, any>;
let stackJson: Record<string, any>;
let exampleJson: Record<string, any>;
let planned: PlanJson;

beforeAll(async () => {
  const work = makeTempDir('efs-modules-pack-');
  const source = path.join(work, 'efs-modules');
  for (const rel of PACKAGE_SOURCES) {
    if (fs.existsSync(path.join(ROOT, rel))) fs.cpSync(path.join(ROOT, rel), path.join(source, rel), { recursive: true });
  }
  // prepack runs tsc from the repository's toolchain.
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(source, 'node_modules'), 'dir');

  const [result] = await step('npm pack (prepack: tsc build)', async () =>
    JSON.parse((await run('npm', ['pack', '--json', '--pack-destination', work], source)).stdout) as PackResult[],
  );
  packed = result;

  consumer = path.join(work, 'consumer');
  fs.mkdirSync(consumer);
  const tarball = path.join(work, packed.filename);
  fs.writeFileSync(
    path.join(consumer, 'package.json'),
    JSON.stringify({ name: 'efs-modules-consumer', version: '1.0.0', private: true, dependencies: { 'efs-modules': `file:${tarball}` } }, null, 2),
  );
  await step('npm install --offline (tarball)', () =>
    run('npm', ['install', '--offline', '--legacy-peer-deps', '--no-package-lock', '--ignore-scripts'], consumer),
  );
  // The peers, and @types/node as any TypeScript project has it.
  for (const peer of [...PEERS, '@types/node']) {
    const link = path.join(consumer, 'node_modules', peer);
    fs.mkdirSync(path.dirname(link), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules', peer), link, 'dir');
  }
  installedPkg = JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules/efs-modules/package.json'), 'utf8'));

  fs.copyFileSync(path.join(__dirname, 'consumer/main.ts.fixture'), path.join(consumer, 'main.ts'));
  fs.copyFileSync(path.join(__dirname, 'consumer/api.ts.fixture'), path.join(consumer, 'api.ts'));
  fs.copyFileSync(path.join(__dirname, 'consumer/bad-prop.js.fixture'), path.join(consumer, 'bad-prop.js'));
  fs.copyFileSync(path.join(__dirname, 'consumer/tsconfig.json.fixture'), path.join(consumer, 'tsconfig.json'));
  fs.copyFileSync(path.join(__dirname, 'consumer/example-main.ts.fixture'), path.join(consumer, 'example-main.ts'));
  fs.mkdirSync(path.join(consumer, 'example'));
  fs.copyFileSync(path.join(ROOT, EXAMPLE, 'stack.ts'), path.join(consumer, 'example/stack.ts'));
  await step('tsc (consumer, node16 resolution)', () => run(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', '.'], consumer));
  await step('synth (node build/main.js)', () => run(process.execPath, ['build/main.js', 'cdktf.out'], consumer));
  // The example finds its Lambda package next to itself (__dirname), which is build/example once compiled.
  fs.copyFileSync(path.join(ROOT, EXAMPLE, 'handler.zip'), path.join(consumer, 'build/example/handler.zip'));
  await step('synth (node build/example-main.js)', () => run(process.execPath, ['build/example-main.js', 'cdktf.out.example'], consumer));
  exampleJson = JSON.parse(fs.readFileSync(path.join(consumer, 'cdktf.out.example/stacks/complete/cdk.tf.json'), 'utf8'));

  const stackDir = path.join(consumer, 'cdktf.out/stacks/consumer');
  stackJson = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  await step('terraform init', () => init(stackDir));
  planned = await step('terraform plan', () => plan(stackDir));
  // Shown when the test is slow or fails: where the time went.
  console.log(`pack-and-consume: ${timings.join(', ')}; tarball ${packed.size} bytes, ${packed.unpackedSize} unpacked, ${packed.files.length} files`);
});

describe('the npm package', () => {
  const names = () => packed.files.map((f) => f.path).sort();

  test('ships the compiled library, its types, the CLI and the docs, nothing else', () => {
    expect(names()).toEqual(expect.arrayContaining(['package.json', 'README.md', 'CHANGELOG.md', 'bin/efs-modules.js', 'dist/index.js', 'dist/index.d.ts']));
    const unexpected = names().filter((f) => !/^(dist\/.+\.(js|d\.ts)|bin\/[^/]+\.js|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(f));
    expect(unexpected).toEqual([]);
  });

  test('ships no test inputs and no generator internals', () => {
    const internal = names().filter((f) => /cases|generators?\/|\/tftest|\/catalogue|config-printer/.test(f));
    expect(internal).toEqual([]);
  });

  test('its declaration files have no internal members', () => {
    const root = path.join(consumer, 'node_modules/efs-modules/dist');
    const declarations = names().filter((f) => f.endsWith('.d.ts')).map((f) => fs.readFileSync(path.join(root, '..', f), 'utf8'));
    // Declarations, not their doc comments: a comment may say that the cases exist.
    const code = declarations.join('\n').replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
    const leaks = code.match(/\b(cases|outputValues|ownerOf|mountTargetResources)\b|protected readonly inputs|ModuleCases/g) ?? [];
    expect(leaks).toEqual([]);
    const moduleConstruct = fs.readFileSync(path.join(root, 'core/module.d.ts'), 'utf8');
    expect(moduleConstruct).toMatch(/export declare abstract class ModuleConstruct<R = unknown> extends Construct \{\s*\}/);
  });

  test('every compiled module has its declaration file', () => {
    const js = names().filter((f) => f.endsWith('.js') && f.startsWith('dist/'));
    expect(js.length).toBeGreaterThan(10);
    expect(js.filter((f) => !names().includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  test('has no dependencies of its own and peer-depends on the CDKTF stack', () => {
    expect(installedPkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(installedPkg.peerDependencies).sort()).toEqual([...PEERS].sort());
    expect(installedPkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  test('is installed from the tarball, not linked to the working tree', () => {
    const installed = path.join(consumer, 'node_modules/efs-modules');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(require.resolve('efs-modules', { paths: [consumer] })).toBe(path.join(fs.realpathSync(installed), 'dist/index.js'));
  });

  test('exposes only its entry point: internals are not importable', async () => {
    // In a child process: jest's own resolver does not apply `exports` to deep imports.
    const deep = await execa(process.execPath, ['-e', "require('efs-modules/dist/core/module')"], { cwd: consumer, reject: false });
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    const entry = await execa(process.execPath, ['-e', "console.log(Object.keys(require('efs-modules')).sort().join(' '))"], { cwd: consumer });
    expect(entry.stdout.split(' ')).toEqual(expect.arrayContaining(['EfsFilesystem', 'EfsMountEcs', 'EfsMountLambda', 'RemovalPolicy', 'ValidationError']));
  });

  test('exports the constructs, their props and outputs types, the closed-set unions, ValidationError, RemovalPolicy and the doctor', async () => {
    // api.ts names every public type (compiled with the rest of the consumer in beforeAll) and
    // prints the runtime values it imported.
    const run = await execa(process.execPath, ['build/api.js'], { cwd: consumer });
    expect(JSON.parse(run.stdout)).toEqual({
      EfsFilesystem: 'function', EfsMountEcs: 'function', EfsMountLambda: 'function', RemovalPolicy: 'object',
      ValidationError: 'function', diagnose: 'function', formatHuman: 'function', parsePlan: 'function',
      retain: 'retain', mode: 'elastic', typo: 'provisoned',
    });
  });

  test('an uncaught ValidationError from the compiled package prints as its message list alone', async () => {
    const run = await execa(process.execPath, ['bad-prop.js'], { cwd: consumer, reject: false });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe(
      '[ValidationError: EfsFilesystem "app/efs" has invalid props:\n' +
        '  - throughputMode must be "elastic", "provisioned" or "bursting" (got "provisoned").]\n\n' +
        `Node.js ${process.version}`,
    );
  });

  test('can be imported by name from an ES module too', async () => {
    const esm = await execa(process.execPath, ['--input-type=module', '-e', "import { EfsFilesystem, EfsMountEcs, EfsMountLambda } from 'efs-modules'; console.log([EfsFilesystem, EfsMountEcs, EfsMountLambda].map((c) => typeof c).join(' '))"], { cwd: consumer });
    expect(esm.stdout).toBe('function function function');
  });

  test('runs its CLI from the compiled files, without the TypeScript source or esbuild', async () => {
    const cli = await execa(process.execPath, [path.join(consumer, 'node_modules/efs-modules/bin/efs-modules.js'), '--help'], { cwd: consumer, reject: false });
    expect(cli.stderr).not.toMatch(/esbuild|TypeScript source/);
    expect(cli.exitCode).toBe(0);
  });
});

describe('a CDKTF app using the installed package', () => {
  test('synthesizes the three constructs', () => {
    const types = Object.keys(stackJson.resource);
    expect(types).toEqual(expect.arrayContaining(['aws_efs_file_system', 'aws_efs_mount_target', 'aws_efs_access_point', 'aws_iam_role_policy', 'aws_vpc_security_group_ingress_rule']));
  });

  test('plans: the file system, one access point per mount, and the wiring into Lambda and ECS', () => {
    expect(findResources(planned, 'aws_efs_file_system')).toHaveLength(1);
    expect(findResources(planned, 'aws_efs_mount_target')).toHaveLength(2);
    const rootDirectories = findResources(planned, 'aws_efs_access_point').map((r) => r.values.root_directory[0].path).sort();
    expect(rootDirectories).toEqual(['/ecs', '/lambda']);
    const [fn] = findResources(planned, 'aws_lambda_function');
    expect(fn.values.file_system_config).toEqual([expect.objectContaining({ local_mount_path: '/mnt/data' })]);
    const [task] = findResources(planned, 'aws_ecs_task_definition');
    expect(task.values.volume).toEqual([
      expect.objectContaining({ efs_volume_configuration: [expect.objectContaining({ transit_encryption: 'ENABLED' })] }),
    ]);
  });
});

describe(`${EXAMPLE}/stack.ts, copied unchanged into a project that installed the package`, () => {
  test('every example imports efs-modules by name and nothing by a path into the repository', () => {
    const stacks = (fs.readdirSync(path.join(ROOT, 'examples'), { recursive: true }) as string[])
      .filter((file) => path.basename(file) === 'stack.ts')
      .map((file) => path.join('examples', file));
    expect(stacks.length).toBeGreaterThan(0);
    const imports = stacks.flatMap((file) =>
      [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/from '([^']*)'/g)].map((m) => ({ file, from: m[1] })),
    );
    expect(imports.filter((i) => i.from.startsWith('.')).map((i) => `${i.file}: ${i.from}`)).toEqual([]);
    expect(stacks.filter((file) => !imports.some((i) => i.file === file && i.from === 'efs-modules'))).toEqual([]);
  });

  test('compiles and synthesizes against the installed package: the file system, the Lambda and ECS mounts and the packaged handler', () => {
    expect(Object.keys(exampleJson.resource.aws_efs_file_system)).toHaveLength(1);
    // Each mount's access point is named after its construct and written with the example's root directory.
    const mountRoots = Object.entries<any>(exampleJson.resource.aws_efs_access_point).filter(([name]) => !name.startsWith('efs_'));
    expect(Object.fromEntries(mountRoots.map(([name, ap]) => [name.replace(/_[0-9A-F]{8}$/, ''), ap.root_directory.path]))).toEqual({
      'ingest-mount_access_point': '/ingest',
      'report-mount_access_point': '/reports',
      'worker-ingest_access_point': '/ingest',
      'worker-reports_access_point': '/reports',
    });
    const functions = Object.values<any>(exampleJson.resource.aws_lambda_function);
    expect(functions.map((fn) => fn.file_system_config.arn)).toEqual([expect.stringContaining('aws_efs_access_point.'), expect.stringContaining('aws_efs_access_point.')]);
    const [task] = Object.values<any>(exampleJson.resource.aws_ecs_task_definition);
    expect(task.volume.map((v: any) => v.efs_volume_configuration.transit_encryption)).toEqual(['ENABLED', 'ENABLED']);
    expect(fs.readdirSync(path.join(consumer, 'cdktf.out.example/stacks/complete/assets'))).toEqual(['handler']);
  });
});
