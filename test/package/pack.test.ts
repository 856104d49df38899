/**
 * The consumer path of the npm package, for real: `npm pack` (which builds dist/ and dist/cdktn/
 * through prepack), install the tarball into a fresh project for each supported combination of
 * CDK core and AWS provider binding (cdktf + @cdktf/provider-aws 20 and 21, cdktn +
 * @cdktn/provider-aws 25), compile a stack that uses all three constructs and every example of
 * the repository against the installed types, with `strict`, and synthesize them. The cdktf +
 * provider 20 project's stack is planned with terraform (the offline mirror holds AWS provider 5);
 * the others must synthesize the same configuration apart from the versions they name. npm's
 * own peer resolution of each combination, and its refusal of an unsupported one, are checked
 * apart (consumers.ts says how the projects are built offline and fast).
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { findResources, init, makeTempDir, plan, PlanJson } from '../support/terraform';
import {
  COMBINATIONS,
  Combination,
  ROOT,
  Timings,
  compile,
  installConsumer,
  lockedVersion,
  packPackage,
  resolveWithNpm,
  run,
  sourceFor,
  stageExamples,
  synthesized,
  writeTsconfig,
} from './consumers';

/** The example whose output the cdktf + provider 20 project checks in detail, with the file it packages. */
const EXAMPLE = 'examples/complete';
const PEERS = ['cdktf', 'cdktn', 'constructs', '@cdktf/provider-aws', '@cdktn/provider-aws'];

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

interface Consumer {
  dir: string;
  /** The stack of main.ts.fixture (the three constructs). */
  stack: Record<string, any>;
  /** Every example stack, by ID. */
  examples: Record<string, Record<string, any>>;
}

const timings = new Timings();
let packed: PackResult;
let consumer: string;
let installedPkg: Record<string, any>;
let stackJson: Record<string, any>;
let exampleJson: Record<string, any>;
let planned: PlanJson;
const consumers: Partial<Record<keyof typeof COMBINATIONS, Consumer>> = {};
let resolved: Record<'cdktf20' | 'cdktf21' | 'cdktn' | 'cdktf020', Awaited<ReturnType<typeof resolveWithNpm>>>;

/**
 * Installs, compiles and synthesizes one combination's project: main.ts.fixture (+ the fixtures in
 * `extra`) and every example.
 */
async function buildConsumer(
  work: string,
  tarball: string,
  key: keyof typeof COMBINATIONS,
  extra: string[] = [],
): Promise<Consumer> {
  const combination: Combination = COMBINATIONS[key];
  const dir = path.join(work, `consumer-${key}`);
  await timings.step(`${key}: npm install --offline (tarball)`, () => installConsumer(dir, tarball, combination));
  for (const fixture of ['main.ts', ...extra]) {
    fs.writeFileSync(
      path.join(dir, fixture),
      sourceFor(combination, fs.readFileSync(path.join(__dirname, 'consumer', `${fixture}.fixture`), 'utf8')),
    );
  }
  stageExamples(dir, combination);
  writeTsconfig(dir, combination, ['main.ts', 'examples-main.ts', ...extra.filter((f) => f.endsWith('.ts'))]);
  await timings.step(`${key}: tsc (strict, ${combination.moduleResolution} resolution)`, () => compile(dir));
  await timings.step(`${key}: synth main.js`, () => run(process.execPath, ['build/main.js', 'cdktf.out'], dir));
  await timings.step(`${key}: synth examples-main.js`, () =>
    run(process.execPath, ['build/examples-main.js', 'cdktf.out.examples'], dir),
  );
  return { dir, stack: synthesized(dir, 'cdktf.out').consumer, examples: synthesized(dir, 'cdktf.out.examples') };
}

beforeAll(async () => {
  const work = makeTempDir('efs-modules-pack-');
  packed = await timings.step('npm pack (prepack: tsc build, cdktn build)', () => packPackage(work));
  const tarball = path.join(work, packed.filename);

  // npm's resolution of each combination as a user's package.json names it (the versions locked
  // here), and of a cdktf 0.20 app, which the peers refuse. Network-bound: run beside the builds.
  const resolving = (async () => {
    const [cdktf, constructs] = [lockedVersion('cdktf'), lockedVersion('constructs')];
    const apps = {
      cdktf20: { cdktf, constructs, '@cdktf/provider-aws': lockedVersion('@cdktf/provider-aws') },
      cdktf21: { cdktf, constructs, '@cdktf/provider-aws': lockedVersion('cdktf-provider-aws-21') },
      cdktn: { cdktn: lockedVersion('cdktn'), constructs, '@cdktn/provider-aws': lockedVersion('@cdktn/provider-aws') },
      // The last cdktf 0.20 and its binding, which peers on cdktf ^0.20.
      cdktf020: { cdktf: '0.20.12', constructs: '10.4.2', '@cdktf/provider-aws': '19.65.1' },
    };
    const results = await timings.step('npm install --package-lock-only (4 apps)', () =>
      Promise.all(
        Object.entries(apps).map(
          async ([key, deps]) => [key, await resolveWithNpm(path.join(work, `resolve-${key}`), tarball, deps)] as const,
        ),
      ),
    );
    return Object.fromEntries(results) as typeof resolved;
  })();

  // Side by side: the file's elapsed time is what a run waits for when this file starts last.
  [consumers.cdktf20, consumers.cdktf21, consumers.cdktn] = await Promise.all([
    buildConsumer(work, tarball, 'cdktf20', ['api.ts', 'bad-prop.js']),
    buildConsumer(work, tarball, 'cdktf21'),
    buildConsumer(work, tarball, 'cdktn'),
  ]);
  const main = consumers.cdktf20;
  consumer = main.dir;
  installedPkg = JSON.parse(fs.readFileSync(path.join(consumer, 'node_modules/efs-modules/package.json'), 'utf8'));
  stackJson = main.stack;
  exampleJson = main.examples.complete;

  const stackDir = path.join(consumer, 'cdktf.out/stacks/consumer');
  await timings.step('terraform init', () => init(stackDir));
  planned = await timings.step('terraform plan', () => plan(stackDir));
  resolved = await resolving;
  // Shown when the test is slow or fails: where the time went.
  console.log(
    `pack-and-consume: ${timings}; tarball ${packed.size} bytes, ${packed.unpackedSize} unpacked, ${packed.files.length} files`,
  );
});

describe('the npm package', () => {
  const names = () => packed.files.map((f) => f.path).sort();

  test('ships the compiled library, its types, the CLI, the docs and the license, nothing else', () => {
    expect(names()).toEqual(
      expect.arrayContaining([
        'package.json',
        'README.md',
        'CHANGELOG.md',
        'LICENSE',
        'bin/efs-modules.js',
        'dist/index.js',
        'dist/index.d.ts',
        'dist/cdktn/index.js',
        'dist/cdktn/index.d.ts',
      ]),
    );
    const unexpected = names().filter(
      (f) => !/^(dist\/.+\.(js|d\.ts)|bin\/[^/]+\.js|package\.json|README\.md|CHANGELOG\.md|LICENSE)$/.test(f),
    );
    expect(unexpected).toEqual([]);
  });

  test('ships no test inputs and no generator internals', () => {
    const internal = names().filter((f) => /cases|generators?\/|\/tftest|\/catalogue|config-printer/.test(f));
    expect(internal).toEqual([]);
  });

  test('its declaration files have no internal members', () => {
    const root = path.join(consumer, 'node_modules/efs-modules/dist');
    const declarations = names()
      .filter((f) => f.endsWith('.d.ts'))
      .map((f) => fs.readFileSync(path.join(root, '..', f), 'utf8'));
    // Declarations, not their doc comments: a comment may say that the cases exist.
    const code = declarations
      .join('\n')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/^\s*\/\/.*$/gm, '');
    const leaks =
      code.match(/\b(cases|outputValues|ownerOf|mountTargetResources)\b|protected readonly inputs|ModuleCases/g) ?? [];
    expect(leaks).toEqual([]);
    const moduleConstruct = fs.readFileSync(path.join(root, 'core/module.d.ts'), 'utf8');
    expect(moduleConstruct).toMatch(
      /export declare abstract class ModuleConstruct<R = unknown> extends Construct \{\s*\}/,
    );
  });

  test('every compiled module has its declaration file', () => {
    const js = names().filter((f) => f.endsWith('.js') && f.startsWith('dist/'));
    expect(js.length).toBeGreaterThan(10);
    expect(js.filter((f) => !names().includes(f.replace(/\.js$/, '.d.ts')))).toEqual([]);
  });

  test('has no dependencies of its own; peer-depends on constructs and, optionally, on each core and its binding', () => {
    expect(installedPkg.dependencies ?? {}).toEqual({});
    expect(Object.keys(installedPkg.peerDependencies).sort()).toEqual([...PEERS].sort());
    // Optional: npm installs neither core for the other's users, and checks each one that is there.
    const optional = Object.entries<{ optional?: boolean }>(installedPkg.peerDependenciesMeta)
      .filter(([, meta]) => meta.optional)
      .map(([name]) => name);
    expect(optional.sort()).toEqual(PEERS.filter((name) => name !== 'constructs').sort());
    expect(installedPkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(installedPkg.exports['./cdktn']).toEqual({
      types: './dist/cdktn/index.d.ts',
      default: './dist/cdktn/index.js',
    });
  });

  test('ships the license package.json names: the MPL-2.0 text of the repository', () => {
    expect(installedPkg.license).toBe('MPL-2.0');
    const shipped = fs.readFileSync(path.join(consumer, 'node_modules/efs-modules/LICENSE'), 'utf8');
    expect(shipped).toBe(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'));
    expect(shipped.split('\n')[0]).toBe('Mozilla Public License Version 2.0');
  });

  test("its cdktn entry is a copy of the cdktf entry's files that imports cdktn and @cdktn/provider-aws, never cdktf", () => {
    const cdktn = names().filter((f) => f.startsWith('dist/cdktn/'));
    expect(cdktn.length).toBeGreaterThan(40);
    expect(cdktn.filter((f) => !names().includes(f.replace('dist/cdktn/', 'dist/')))).toEqual([]);
    const root = path.join(consumer, 'node_modules/efs-modules');
    const specifiers = (file: string) =>
      [
        ...fs
          .readFileSync(path.join(root, file), 'utf8')
          .matchAll(/(?:require\(|from |import\()["']([^"'.][^"']*)["']/g),
      ].map((m) => m[1]);
    const imported = new Set(cdktn.flatMap(specifiers));
    expect([...imported].filter((s) => /^(cdktf|@cdktf\/)/.test(s))).toEqual([]);
    expect(imported).toContain('cdktn');
    expect([...imported].filter((s) => s.startsWith('@cdktn/provider-aws/lib/')).length).toBeGreaterThan(10);
    // The same imports as the cdktf entry's, renamed: nothing added, nothing lost.
    const cdktf = new Set(cdktn.map((f) => f.replace('dist/cdktn/', 'dist/')).flatMap(specifiers));
    expect([...cdktf].map((s) => s.replace(/^cdktf$/, 'cdktn').replace(/^@cdktf\//, '@cdktn/')).sort()).toEqual(
      [...imported].sort(),
    );
    expect(fs.readFileSync(path.join(root, 'dist/cdktn/binding.js'), 'utf8')).toMatch(/exports\.CORE = 'cdktn';/);
  });

  test('is installed from the tarball, not linked to the working tree', () => {
    const installed = path.join(consumer, 'node_modules/efs-modules');
    expect(fs.lstatSync(installed).isSymbolicLink()).toBe(false);
    expect(require.resolve('efs-modules', { paths: [consumer] })).toBe(
      path.join(fs.realpathSync(installed), 'dist/index.js'),
    );
  });

  test('exposes only its entry point: internals are not importable', async () => {
    // In a child process: jest's own resolver does not apply `exports` to deep imports.
    const deep = await execa(process.execPath, ['-e', "require('efs-modules/dist/core/module')"], {
      cwd: consumer,
      reject: false,
    });
    expect(deep.stderr).toContain('ERR_PACKAGE_PATH_NOT_EXPORTED');
    const entry = await execa(
      process.execPath,
      ['-e', "console.log(Object.keys(require('efs-modules')).sort().join(' '))"],
      { cwd: consumer },
    );
    expect(entry.stdout.split(' ')).toEqual(
      expect.arrayContaining(['EfsFilesystem', 'EfsMountEcs', 'EfsMountLambda', 'RemovalPolicy', 'ValidationError']),
    );
  });

  test('exports the constructs, their props and outputs types, the closed-set unions, ValidationError, RemovalPolicy and the doctor', async () => {
    // api.ts names every public type (compiled with the rest of the consumer in beforeAll) and
    // prints the runtime values it imported.
    const run = await execa(process.execPath, ['build/api.js'], { cwd: consumer });
    expect(JSON.parse(run.stdout)).toEqual({
      EfsFilesystem: 'function',
      EfsMountEcs: 'function',
      EfsMountLambda: 'function',
      RemovalPolicy: 'object',
      ValidationError: 'function',
      diagnose: 'function',
      formatHuman: 'function',
      parsePlan: 'function',
      retain: 'retain',
      mode: 'elastic',
      typo: 'provisoned',
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
    const esm = await execa(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        "import { EfsFilesystem, EfsMountEcs, EfsMountLambda } from 'efs-modules'; console.log([EfsFilesystem, EfsMountEcs, EfsMountLambda].map((c) => typeof c).join(' '))",
      ],
      { cwd: consumer },
    );
    expect(esm.stdout).toBe('function function function');
  });

  test('runs its CLI from the compiled files, without the TypeScript source or esbuild', async () => {
    const cli = await execa(
      process.execPath,
      [path.join(consumer, 'node_modules/efs-modules/bin/efs-modules.js'), '--help'],
      { cwd: consumer, reject: false },
    );
    expect(cli.stderr).not.toMatch(/esbuild|TypeScript source/);
    expect(cli.exitCode).toBe(0);
  });
});

describe('a CDKTF app using the installed package', () => {
  test('synthesizes the three constructs', () => {
    const types = Object.keys(stackJson.resource);
    expect(types).toEqual(
      expect.arrayContaining([
        'aws_efs_file_system',
        'aws_efs_mount_target',
        'aws_efs_access_point',
        'aws_iam_role_policy',
        'aws_vpc_security_group_ingress_rule',
      ]),
    );
  });

  test('plans: the file system, one access point per mount, and the wiring into Lambda and ECS', () => {
    expect(findResources(planned, 'aws_efs_file_system')).toHaveLength(1);
    expect(findResources(planned, 'aws_efs_mount_target')).toHaveLength(2);
    const rootDirectories = findResources(planned, 'aws_efs_access_point')
      .map((r) => r.values.root_directory[0].path)
      .sort();
    expect(rootDirectories).toEqual(['/ecs', '/lambda']);
    const [fn] = findResources(planned, 'aws_lambda_function');
    expect(fn.values.file_system_config).toEqual([expect.objectContaining({ local_mount_path: '/mnt/data' })]);
    const [task] = findResources(planned, 'aws_ecs_task_definition');
    expect(task.values.volume).toEqual([
      expect.objectContaining({
        efs_volume_configuration: [expect.objectContaining({ transit_encryption: 'ENABLED' })],
      }),
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
      [...fs.readFileSync(path.join(ROOT, file), 'utf8').matchAll(/from '([^']*)'/g)].map((m) => ({
        file,
        from: m[1],
      })),
    );
    expect(imports.filter((i) => i.from.startsWith('.')).map((i) => `${i.file}: ${i.from}`)).toEqual([]);
    expect(stacks.filter((file) => !imports.some((i) => i.file === file && i.from === 'efs-modules'))).toEqual([]);
  });

  test('compiles and synthesizes against the installed package: the file system, the Lambda and ECS mounts and the packaged handler', () => {
    expect(Object.keys(exampleJson.resource.aws_efs_file_system)).toHaveLength(1);
    // Each mount's access point is named after its construct and written with the example's root directory.
    const mountRoots = Object.entries<any>(exampleJson.resource.aws_efs_access_point).filter(
      ([name]) => !name.startsWith('efs_'),
    );
    expect(
      Object.fromEntries(mountRoots.map(([name, ap]) => [name.replace(/_[0-9A-F]{8}$/, ''), ap.root_directory.path])),
    ).toEqual({
      'ingest-mount_access_point': '/ingest',
      'report-mount_access_point': '/reports',
      'worker-ingest_access_point': '/ingest',
      'worker-reports_access_point': '/reports',
    });
    const functions = Object.values<any>(exampleJson.resource.aws_lambda_function);
    expect(functions.map((fn) => fn.file_system_config.arn)).toEqual([
      expect.stringContaining('aws_efs_access_point.'),
      expect.stringContaining('aws_efs_access_point.'),
    ]);
    const [task] = Object.values<any>(exampleJson.resource.aws_ecs_task_definition);
    expect(task.volume.map((v: any) => v.efs_volume_configuration.transit_encryption)).toEqual(['ENABLED', 'ENABLED']);
    expect(fs.readdirSync(path.join(consumer, 'cdktf.out.examples/stacks/complete/assets'))).toEqual(['handler']);
  });
});

/**
 * A configuration as the cdktf + provider 20 project would synthesize it. Set to that project's:
 * the versions a project's own packages write (the AWS provider release its binding was generated
 * from, the core's version in the stack metadata), the provider's source as the binding spells it
 * (cdktf writes `aws`, cdktn `hashicorp/aws`: one provider address, registry.terraform.io/hashicorp/aws)
 * and the project's folder in the local backend's state path.
 */
function asWithProvider20(config: Record<string, any>, dir: string): Record<string, any> {
  const reference = consumers.cdktf20!.stack;
  const copy = JSON.parse(JSON.stringify(config).split(dir).join(consumers.cdktf20!.dir));
  copy.terraform.required_providers.aws = {
    ...copy.terraform.required_providers.aws,
    ...reference.terraform.required_providers.aws,
  };
  copy['//'].metadata.version = reference['//'].metadata.version;
  return copy;
}

describe.each([['cdktf21'], ['cdktn']] as const)('the %s project', (key) => {
  const project = () => consumers[key]!;

  test('compiles with strict and synthesizes the three constructs and every example, as the provider 20 project does', () => {
    expect(Object.keys(project().examples)).toEqual(Object.keys(consumers.cdktf20!.examples));
    expect(Object.keys(project().examples).length).toBeGreaterThanOrEqual(7);
    expect(Object.keys(project().stack.resource)).toEqual(
      expect.arrayContaining(['aws_efs_file_system', 'aws_efs_mount_target', 'aws_efs_access_point']),
    );
  });

  test('names its own AWS provider release, of the 6.x line, and hashicorp/aws', () => {
    const aws = (config: Record<string, any>) => config.terraform.required_providers.aws;
    expect(aws(consumers.cdktf20!.stack).version).toMatch(/^5\./);
    expect(aws(project().stack).version).toMatch(/^6\./);
    expect(aws(project().stack).source).toMatch(/^(hashicorp\/)?aws$/);
  });

  test('synthesizes, apart from those versions, the configuration of the provider 20 project: its stack and every example', () => {
    expect(asWithProvider20(project().stack, project().dir)).toEqual(consumers.cdktf20!.stack);
    for (const [id, config] of Object.entries(project().examples)) {
      expect({ id, config: asWithProvider20(config, project().dir) }).toEqual({
        id,
        config: consumers.cdktf20!.examples[id],
      });
    }
  });
});

describe('the cdktn project', () => {
  test('has no cdktf: the cdktn entry loads without it, and the cdktf entry says which entry to import', async () => {
    const dir = consumers.cdktn!.dir;
    expect(fs.existsSync(path.join(dir, 'node_modules/cdktf'))).toBe(false);
    const wrong = await execa(process.execPath, ['-e', "require('efs-modules')"], { cwd: dir, reject: false });
    expect(wrong.exitCode).toBe(1);
    expect(wrong.stderr).toContain(
      "Error: efs-modules: 'efs-modules' is the entry for CDK for Terraform (cdktf) apps, and cdktf is not installed. " +
        "In a CDK Terrain (cdktn) app, import the constructs from 'efs-modules/cdktn'.",
    );
    expect(wrong.stderr).not.toMatch(/Cannot find module|\n\s+at /);
  });
});

describe('npm, resolving an app that depends on the tarball', () => {
  test.each([['cdktf20'], ['cdktf21'], ['cdktn']] as const)(
    'accepts the %s combination without --force or --legacy-peer-deps',
    (key) => {
      const { exitCode, stderr, packages } = resolved[key];
      expect({ exitCode, stderr }).toEqual({ exitCode: 0, stderr: '' });
      expect(packages['node_modules/efs-modules']).toBeDefined();
    },
  );

  test("installs no core for the other core's apps: no cdktn beside cdktf, no cdktf beside cdktn", () => {
    const installed = (key: 'cdktf20' | 'cdktf21' | 'cdktn') => Object.keys(resolved[key].packages);
    for (const key of ['cdktf20', 'cdktf21'] as const)
      expect(installed(key).filter((p) => /node_modules\/(cdktn|@cdktn\/)/.test(p))).toEqual([]);
    expect(installed('cdktn').filter((p) => /node_modules\/(cdktf|@cdktf\/)/.test(p))).toEqual([]);
    expect(resolved.cdktf21.packages['node_modules/@cdktf/provider-aws'].version).toMatch(/^21\./);
  });

  test("refuses a cdktf 0.20 app with its peer error, naming the package's peer range", () => {
    const { exitCode, stderr } = resolved.cdktf020;
    expect(exitCode).not.toBe(0);
    expect(stderr).toContain('ERESOLVE');
    expect(stderr).toContain('peerOptional cdktf@"^0.21.0" from efs-modules@');
  });
});
