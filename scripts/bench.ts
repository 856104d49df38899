/**
 * `npm run bench [-- --runs N] [--npm-test-runs N | --skip-npm-test | --only-npm-test] [--out file]`
 *
 * Medians over several runs of the project's everyday commands, written to docs/benchmarks.md
 * with the commands and the machine (the targets are for the 2-core CI machines). Each run
 * records elapsed and CPU time (bash `time`: user + system of the command and its children).
 *   - `npm run generate -- --check`: every module rendered and compared (the same work as
 *     `npm run generate` without writing into a shared working tree); also the generator's own
 *     in-process time;
 *   - synthesis of main.ts run directly (compiled with tsc and run with node; and through scripts/run-ts.js,
 *     the app command of cdktf.json) and through `cdktf synth`: target direct <= 1/4 of the CLI;
 *   - `tsc --noEmit` (target <= 5 s); the unit tests (jest on the test files that start no
 *     process); `terraform validate` and `plan` of examples/complete;
 *   - synthesis of one file system with 1, 10, 50 and 100 Lambda mounts, in process, with the
 *     role and group given and with the function given: the cost must grow linearly
 *     (least-squares slope, intercept and R², cost per added mount);
 *   - the whole `npm test`, once by default (target <= 150 s on the 2-core machines), with where
 *     its time goes: each test file's duration (jest --json) and every terraform command's
 *     (EFS_MODULES_TF_TIMINGS, see test/support/terraform.ts), summed per command.
 * `--only-npm-test` measures the suite alone (for before/after comparisons of the suite).
 * It is not part of npm test: speed is measured here, not asserted in timed tests.
 * Other processes on the machine skew every figure; the load average is recorded with them.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import execa from 'execa';
import { makeTempDir, providerOverride, removeTempDirs, stage, terraformEnv } from '../test/support/terraform';

const ROOT = path.resolve(__dirname, '..');
const BIN = (name: string) => path.join(ROOT, 'node_modules/.bin', name);
const QUIET_ENV = {
  CHECKPOINT_DISABLE: '1',
  DISABLE_VERSION_CHECK: 'true',
  npm_config_update_notifier: 'false',
  FORCE_COLOR: '0',
};

interface Options {
  runs: number;
  npmTestRuns: number;
  onlyNpmTest: boolean;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const value = (flag: string) => {
    const at = argv.indexOf(flag);
    return at >= 0 ? argv[at + 1] : undefined;
  };
  return {
    runs: Number(value('--runs') ?? 5),
    npmTestRuns: argv.includes('--skip-npm-test') ? 0 : Number(value('--npm-test-runs') ?? 1),
    onlyNpmTest: argv.includes('--only-npm-test'),
    out: path.resolve(ROOT, value('--out') ?? 'docs/benchmarks.md'),
  };
}

// ---------------------------------------------------------------------------
// Measuring
// ---------------------------------------------------------------------------

interface Sample {
  /** Elapsed seconds. */
  readonly wall: number;
  /** User + system CPU seconds of the command and everything it waited for. */
  readonly cpu: number;
}

interface Measurement {
  readonly name: string;
  readonly command: string;
  readonly samples: Sample[];
  /** Judged on the median wall time. */
  readonly target?: { readonly text: string; readonly met: (median: number) => boolean };
  readonly note?: string;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (s: number) => (s < 1 ? `${(s * 1000).toFixed(0)} ms` : `${s.toFixed(2)} s`);
const progress = (line: string) => process.stdout.write(`bench: ${line}\n`);

interface Timed extends Sample {
  readonly exitCode: number;
  readonly output: string;
}

/**
 * Runs a command under bash's `time`, which reports the CPU time of the command and of every
 * process it waited for: on a busy machine, CPU time moves far less than elapsed time.
 */
async function timed(
  file: string,
  args: string[],
  opts: { env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<Timed> {
  const log = path.join(makeTempDir('efs-modules-bench-out-'), 'out.txt');
  const script = 'TIMEFORMAT="%R %U %S"; out="$1"; shift; time "$@" >"$out" 2>&1';
  const r = await execa('bash', ['-c', script, 'bench', log, file, ...args], {
    cwd: opts.cwd ?? ROOT,
    env: { ...process.env, ...QUIET_ENV, ...opts.env },
    extendEnv: false,
    reject: false,
  });
  const times = r.stderr.trim().split('\n').at(-1)!.split(' ').map(Number);
  if (times.length !== 3 || times.some(Number.isNaN))
    throw new Error(`could not time ${file} ${args.join(' ')}:\n${r.stderr}`);
  return { wall: times[0], cpu: times[1] + times[2], exitCode: r.exitCode, output: fs.readFileSync(log, 'utf8') };
}

async function timeRuns(
  name: string,
  runs: number,
  run: () => Promise<Timed>,
  check: (t: Timed) => void = () => undefined,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (let i = 1; i <= runs; i++) {
    const t = await run();
    check(t);
    samples.push({ wall: t.wall, cpu: t.cpu });
    progress(`${name}: run ${i}/${runs} ${fmt(t.wall)} (CPU ${fmt(t.cpu)})${t.exitCode ? `, exit ${t.exitCode}` : ''}`);
  }
  return samples;
}

function exec(file: string, args: string[], opts: { env?: Record<string, string>; reject?: boolean } = {}) {
  return execa(file, args, { cwd: ROOT, env: { ...QUIET_ENV, ...opts.env }, reject: opts.reject ?? true, all: true });
}

// ---------------------------------------------------------------------------
// Unit tests: test files whose import closure (test/ and scripts/ helpers) starts no process
// ---------------------------------------------------------------------------

function spawnsProcesses(file: string, seen = new Set<string>()): boolean {
  if (seen.has(file)) return false;
  seen.add(file);
  const text = fs.readFileSync(file, 'utf8');
  if (/from '(execa|child_process|node:child_process)'|require\('(node:)?child_process'\)/.test(text)) return true;
  return [...text.matchAll(/from '(\.[^']+)'/g)].some((m) => {
    const base = path.resolve(path.dirname(file), m[1]);
    const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => fs.existsSync(f));
    return found !== undefined && !found.startsWith(path.join(ROOT, 'src')) && spawnsProcesses(found, seen);
  });
}

function testFiles(dir = path.join(ROOT, 'test')): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) =>
      e.isDirectory() ? testFiles(path.join(dir, e.name)) : e.name.endsWith('.test.ts') ? [path.join(dir, e.name)] : [],
    )
    .sort();
}

/**
 * main.ts and what it imports, compiled with the project's tsconfig into a temp folder that
 * links the repository's node_modules and holds the examples' assets (Lambda code archives).
 */
function compileApp(): string {
  const out = makeTempDir('efs-modules-bench-js-');
  const config = path.join(out, 'tsconfig.json');
  fs.writeFileSync(
    config,
    JSON.stringify({
      extends: path.join(ROOT, 'tsconfig.json'),
      compilerOptions: {
        outDir: out,
        rootDir: ROOT,
        noEmit: false,
        declaration: false,
        incremental: false,
        sourceMap: false,
      },
      files: [path.join(ROOT, 'main.ts')],
      include: [],
    }),
  );
  progress('compiling main.ts for the compiled run (not timed)');
  // Type errors elsewhere in a working tree do not stop tsc from emitting.
  execa.sync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config], { reject: false });
  if (!fs.existsSync(path.join(out, 'main.js'))) throw new Error('tsc did not emit main.js');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(out, 'node_modules'), 'dir');
  const copyAssets = (dir: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
      const rel = path.join(dir, e.name);
      if (e.isDirectory()) copyAssets(rel);
      else if (!/\.(ts|tf|md)$/.test(e.name)) {
        fs.mkdirSync(path.join(out, dir), { recursive: true });
        fs.copyFileSync(path.join(ROOT, rel), path.join(out, rel));
      }
    }
  };
  copyAssets('examples');
  return out;
}

// ---------------------------------------------------------------------------
// Synthesis with N mounts on one file system
// ---------------------------------------------------------------------------

type MountStyle = 'props' | 'function';

/**
 * Medians of in-process synthesis (construct + app.synth()) of one file system with N Lambda
 * mounts. `props`: each mount names its role and security group; `function`: each mount is
 * given its own LambdaFunction (the documented way), which the construct wires.
 */
async function synthScaling(counts: number[], runs: number, style: MountStyle): Promise<Map<number, Sample[]>> {
  // Loaded here, through the run-ts hook, like any TypeScript user of the constructs.
  const { App, TerraformStack } = await import('../src/cdktf');
  const { EfsFilesystem, EfsMountLambda } = await import('../src');
  const { AwsProvider } = await import('@cdktf/provider-aws/lib/provider');
  const { LambdaFunction } = await import('@cdktf/provider-aws/lib/lambda-function');
  const outdir = makeTempDir('efs-modules-bench-synth-');
  const synth = (mounts: number): Sample => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    const app = new App({ outdir });
    const stack = new TerraformStack(app, `mounts-${mounts}`);
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const efs = new EfsFilesystem(stack, 'efs', {
      name: 'bench',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' }, b: { subnetId: 'subnet-0123456789abcdef1' } },
    });
    for (let i = 0; i < mounts; i++) {
      const group = `sg-${i.toString(16).padStart(17, '0')}`;
      const common = { fileSystem: efs.fileSystem, name: `mount-${i}`, rootDirectory: `/m${i}` };
      if (style === 'props') {
        new EfsMountLambda(stack, `mount-${i}`, { ...common, roleName: `role-${i}`, securityGroupId: group });
      } else {
        const fn = new LambdaFunction(stack, `function-${i}`, {
          functionName: `function-${i}`,
          role: `arn:aws:iam::111122223333:role/role-${i}`,
          runtime: 'python3.12',
          handler: 'handler.handler',
          s3Bucket: 'artifacts',
          s3Key: 'handler.zip',
          vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [group] },
        });
        new EfsMountLambda(stack, `mount-${i}`, { ...common, function: fn });
      }
    }
    app.synth();
    const used = process.cpuUsage(cpu);
    return { wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
  };
  synth(10); // warm up: module loading and JIT, not counted
  const samples = new Map<number, Sample[]>(counts.map((n) => [n, []]));
  for (let r = 1; r <= runs; r++) {
    for (const n of counts) samples.get(n)!.push(synth(n));
    progress(
      `synth scaling (${style}): round ${r}/${runs} ${counts.map((n) => `${n}: ${fmt(samples.get(n)!.at(-1)!.wall)}`).join(', ')}`,
    );
  }
  return samples;
}

function linearFit(points: [number, number][]): { slope: number; intercept: number; r2: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  const intercept = my - slope * mx;
  const ssRes = points.reduce((s, [x, y]) => s + (y - (intercept + slope * x)) ** 2, 0);
  const ssTot = points.reduce((s, [, y]) => s + (y - my) ** 2, 0);
  return { slope, intercept, r2: 1 - ssRes / ssTot };
}

// ---------------------------------------------------------------------------
// The run
// ---------------------------------------------------------------------------

async function machine(): Promise<Record<string, string>> {
  const cpus = os.cpus();
  const tf = await exec('terraform', ['version', '-json'], { reject: false });
  const npm = await exec('npm', ['--version'], { reject: false });
  const commit = await exec('git', ['rev-parse', '--short', 'HEAD'], { reject: false });
  const dirty = await exec('git', ['status', '--porcelain'], { reject: false });
  return {
    CPU: `${cpus[0]?.model ?? 'unknown'}, nproc ${os.availableParallelism()}`,
    Memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: `${os.type()} ${os.release()} ${os.arch()}`,
    'Node.js': process.version,
    npm: npm.stdout.trim(),
    Terraform: tf.exitCode === 0 ? JSON.parse(tf.stdout).terraform_version : 'not found',
    TypeScript: require('typescript/package.json').version,
    'cdktf / cdktf-cli': `${require('cdktf/package.json').version} / ${require('cdktf-cli/package.json').version}`,
    Commit: `${commit.stdout.trim()}${dirty.stdout.trim() ? ' (plus uncommitted changes in the working tree)' : ''}`,
  };
}

// ---------------------------------------------------------------------------
// Where the suite's time goes
// ---------------------------------------------------------------------------

interface SuiteRun {
  /** Test file (repository-relative) → seconds from its start to its end in a worker. */
  readonly files: Map<string, number>;
  readonly tests: number;
  /** terraform command → { count, seconds summed over every process, shared provider or not }. */
  readonly commands: Map<string, { count: number; seconds: number; shared: number }>;
}

interface SuiteBreakdown {
  readonly files: number;
  readonly tests: number;
  readonly slowest: { name: string; samples: Sample[] }[];
  readonly commands: { name: string; count: number; seconds: number; shared: number }[];
}

function readSuiteRun(report: string, commands: string): SuiteRun {
  const files = new Map<string, number>();
  let tests = 0;
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8')) as {
      numTotalTests: number;
      testResults: { name: string; startTime: number; endTime: number }[];
    };
    tests = json.numTotalTests;
    for (const r of json.testResults) files.set(path.relative(ROOT, r.name), (r.endTime - r.startTime) / 1000);
  }
  const byCommand = new Map<string, { count: number; seconds: number; shared: number }>();
  const lines = fs.existsSync(commands) ? fs.readFileSync(commands, 'utf8').split('\n').filter(Boolean) : [];
  for (const line of lines) {
    const { args, ms, shared } = JSON.parse(line) as { args: string[]; ms: number; shared?: boolean };
    const name = args[0] === 'providers' ? args.slice(0, 2).join(' ') : args[0];
    const entry = byCommand.get(name) ?? { count: 0, seconds: 0, shared: 0 };
    entry.count += 1;
    entry.seconds += ms / 1000;
    if (shared) entry.shared += 1;
    byCommand.set(name, entry);
  }
  return { files, tests, commands: byCommand };
}

/** Medians over the runs: the 8 slowest test files, and the terraform commands by summed time. */
function breakdown(runs: SuiteRun[]): SuiteBreakdown {
  const names = [...new Set(runs.flatMap((r) => [...r.files.keys()]))];
  const perFile = names.map((name) => ({
    name,
    samples: runs.filter((r) => r.files.has(name)).map((r) => ({ wall: r.files.get(name)!, cpu: NaN })),
  }));
  const slowest = perFile.sort((a, b) => wallOf(b.samples) - wallOf(a.samples)).slice(0, 8);
  const commandNames = [...new Set(runs.flatMap((r) => [...r.commands.keys()]))];
  const commands = commandNames
    .map((name) => {
      const of = (pick: (e: { count: number; seconds: number; shared: number }) => number) =>
        median(runs.map((r) => (r.commands.has(name) ? pick(r.commands.get(name)!) : 0)));
      return { name, count: of((e) => e.count), seconds: of((e) => e.seconds), shared: of((e) => e.shared) };
    })
    .sort((a, b) => b.seconds - a.seconds);
  return { files: names.length, tests: median(runs.map((r) => r.tests)), slowest, commands };
}

function suiteReport(suite: SuiteBreakdown): string[] {
  const total = suite.commands.reduce((sum, c) => sum + c.seconds, 0);
  return [
    "## Where the suite's time goes",
    '',
    'Every terraform process the tests start, from `EFS_MODULES_TF_TIMINGS` (test/support/terraform.ts), summed per',
    'command (medians over the npm test runs). Processes overlap (two jest workers, and concurrent',
    'processes inside a test file), so the sum exceeds the elapsed time. "Shared provider": processes',
    'attached to a provider process of the run instead of starting their own: the schema-only one',
    '(test/support/shared-provider.ts) or, for plans, the one of their configuration (test/support/provider-broker.ts),',
    'each reached through the schema filter (test/support/schema-filter.ts) unless EFS_MODULES_SCHEMA_FILTER=0.',
    "`get`: roots initialised by `terraform get` plus the run's one initialised root (test/support/installed-providers.ts).",
    '',
    '| terraform command | processes | of them on a shared provider | summed elapsed |',
    '|---|---:|---:|---:|',
    ...suite.commands.map((c) => `| \`${c.name}\` | ${c.count} | ${c.shared} | ${fmt(c.seconds)} |`),
    `| all | ${suite.commands.reduce((n, c) => n + c.count, 0)} | ${suite.commands.reduce((n, c) => n + c.shared, 0)} | ${fmt(total)} |`,
    '',
  ];
}

/**
 * With --only-npm-test, what the previous report measured besides the suite: its table rows
 * (marked as such) and its sections on the everyday commands, kept as they were.
 */
function keptFromPrevious(out: string): { rows: string[]; sections: string[] } {
  if (!fs.existsSync(out)) return { rows: [], sections: [] };
  const lines = fs.readFileSync(out, 'utf8').split('\n');
  const commit =
    lines
      .find((l) => l.startsWith('| Commit |'))
      ?.split('|')[2]
      ?.trim() ?? 'an earlier commit';
  const header = lines.findIndex((l) => l.startsWith('| measurement |'));
  const tableEnd = lines.findIndex((l, i) => i > header && !l.startsWith('|'));
  const rows =
    header < 0
      ? []
      : lines
          .slice(header + 2, tableEnd)
          .filter((l) => !/^\| (The whole npm test|npm test: )/.test(l))
          // A row measured by an earlier report keeps the commit it names: that is where it was measured.
          .map((l) =>
            l.includes('(from the previous report, ')
              ? l
              : l.replace(/ \|$/, ` (from the previous report, ${commit}) |`),
          );
  const from = lines.findIndex((l) => l.startsWith('Where the time goes (differences'));
  const to = lines.findIndex(
    (l, i) => i > from && /^## (Where the suite|The whole npm test over time|Machine)/.test(l),
  );
  return { rows, sections: from < 0 ? [] : lines.slice(from, to < 0 ? undefined : to) };
}

const HISTORY_HEADING = '## The whole npm test over time';
const HISTORY_HEADER = [
  '| date (UTC) | commit | runs | median elapsed | median CPU | load average at the start (1/5/15 min) |',
  '|---|---|---:|---:|---:|---|',
];

/**
 * The history table of earlier reports (read back from the file this run replaces) plus this
 * run's npm test, so before/after figures of the suite stay side by side.
 */
function suiteHistory(out: string, suiteRun: Measurement | undefined, commit: string, load: string): string[] {
  const previous = fs.existsSync(out) ? fs.readFileSync(out, 'utf8').split('\n') : [];
  const at = previous.indexOf(HISTORY_HEADING);
  const section = at < 0 ? [] : previous.slice(at + 1);
  const end = section.findIndex((l) => l.startsWith('## '));
  const rows = section
    .slice(0, end < 0 ? undefined : end)
    .filter((l) => l.startsWith('| ') && !HISTORY_HEADER.includes(l));
  if (suiteRun) {
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    rows.push(
      `| ${date} | ${commit} | ${suiteRun.samples.length} | ${fmt(wallOf(suiteRun.samples))} | ${fmt(cpuOf(suiteRun.samples))} | ${load} |`,
    );
  }
  if (rows.length === 0) return [];
  return [
    HISTORY_HEADING,
    '',
    'One row per `npm run bench` that ran the suite (rows are kept from the previous report).',
    '',
    ...HISTORY_HEADER,
    ...rows,
    '',
  ];
}

const loadavg = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
const wallOf = (xs: Sample[]) => median(xs.map((x) => x.wall));
const cpuOf = (xs: Sample[]) => median(xs.map((x) => x.cpu));

async function main(): Promise<void> {
  const opts = parseArgs(process.argv.slice(2));
  const started = performance.now();
  const loadBefore = loadavg();
  progress(`runs per measurement: ${opts.runs}; load average (1/5/15 min) ${loadBefore}`);
  const results: Measurement[] = [];
  const steps = opts.onlyNpmTest ? 1 : 7;
  let step = 0;
  const begin = (name: string) => progress(`[${++step}/${steps}] ${name}`);
  // A failing run costs the same work: it is timed and its exit code noted.
  const exits = new Map<string, Set<number>>();
  const noteExit = (name: string) => (t: Timed) => exits.set(name, (exits.get(name) ?? new Set()).add(t.exitCode));
  const failures = (name: string) => {
    const codes = [...(exits.get(name) ?? [])].filter((c) => c !== 0);
    return codes.length ? `exit code ${codes.join(', ')}: failures in the working tree at the time` : undefined;
  };

  const counts = [1, 10, 50, 100];
  const scaling = new Map<MountStyle, Map<number, Sample[]>>();
  if (!opts.onlyNpmTest) {
    begin('generate');
    const inProcess: Sample[] = [];
    const generate = await timeRuns(
      'npm run generate -- --check',
      opts.runs,
      () => timed('npm', ['run', 'generate', '--', '--check']),
      (t) => {
        const done = t.output.match(/generate: done in (\d+) ms/);
        if (!done) throw new Error(`generate did not finish:\n${t.output}`);
        inProcess.push({ wall: Number(done[1]) / 1000, cpu: NaN });
      },
    );
    results.push({
      name: 'Generate all modules (whole command)',
      command: 'npm run generate -- --check',
      samples: generate,
      target: { text: '≤ 1 s', met: (m) => m <= 1 },
      note: 'npm + node start-up + the generator (TypeScript run through scripts/run-ts.js); --check renders and compares every file without writing',
    });
    const viaNode = await timeRuns('node scripts/run-ts.js generators/generate.ts --check', opts.runs, () =>
      timed(process.execPath, ['scripts/run-ts.js', 'generators/generate.ts', '--check']),
    );
    results.push({
      name: 'Generate all modules (without npm)',
      command: 'node scripts/run-ts.js generators/generate.ts --check',
      samples: viaNode,
      note: 'the same minus npm start-up',
    });
    results.push({
      name: 'Generate all modules (generator only)',
      command: 'its "generate: done in … ms"',
      samples: inProcess,
      target: { text: '≤ 1 s', met: (m) => m <= 1 },
    });

    begin('synthesis of main.ts, directly and through cdktf synth');
    const synthDir = makeTempDir('efs-modules-bench-app-');
    const direct = await timeRuns(
      'node scripts/run-ts.js main.ts',
      opts.runs,
      () =>
        timed(process.execPath, ['scripts/run-ts.js', 'main.ts'], {
          env: { CDKTF_OUTDIR: path.join(synthDir, 'direct') },
        }),
      noteExit('direct'),
    );
    const cli = await timeRuns(
      'cdktf synth',
      opts.runs,
      () => timed(BIN('cdktf'), ['synth', '--output', path.join(synthDir, 'cli')]),
      noteExit('cli'),
    );
    // The same app compiled to JavaScript first (the compile is not timed), run with plain node.
    const compiled = compileApp();
    const js = await timeRuns(
      'node main.js (compiled)',
      opts.runs,
      () =>
        timed(process.execPath, [path.join(compiled, 'main.js')], {
          cwd: compiled,
          env: { CDKTF_OUTDIR: path.join(synthDir, 'js') },
        }),
      noteExit('js'),
    );
    const share = (xs: Sample[]) =>
      `${((wallOf(xs) / wallOf(cli)) * 100).toFixed(0)} % of cdktf synth (CPU: ${((cpuOf(xs) / cpuOf(cli)) * 100).toFixed(0)} %)`;
    results.push({
      name: 'Synthesize main.ts directly, compiled',
      command: 'tsc, then node main.js',
      samples: js,
      target: { text: '≤ ¼ of cdktf synth', met: () => wallOf(js) / wallOf(cli) <= 0.25 },
      note: [share(js), failures('js')].filter(Boolean).join('; '),
    });
    results.push({
      name: 'Synthesize main.ts directly, from TypeScript',
      command: 'node scripts/run-ts.js main.ts',
      samples: direct,
      target: { text: '≤ ¼ of cdktf synth', met: () => wallOf(direct) / wallOf(cli) <= 0.25 },
      note: `${share(direct)}; the app command of cdktf.json (esbuild-compiled on first load, cached by content), so cdktf synth runs this plus the CLI`,
    });
    results.push({
      name: 'Synthesize main.ts through the CLI',
      command: 'cdktf synth',
      samples: cli,
      note: failures('cli'),
    });

    begin('tsc --noEmit');
    const tsc = await timeRuns('tsc --noEmit', opts.runs, () => timed(BIN('tsc'), ['--noEmit']), noteExit('tsc'));
    results.push({
      name: 'Type check',
      command: 'tsc --noEmit',
      samples: tsc,
      target: { text: '≤ 5 s', met: (m) => m <= 5 },
      note: failures('tsc'),
    });

    begin('unit tests');
    const unitRel = testFiles()
      .filter((f) => !spawnsProcesses(f))
      .map((f) => path.relative(ROOT, f));
    progress(`unit test files: ${unitRel.join(' ')}`);
    const unit = await timeRuns(
      'jest (unit)',
      opts.runs,
      () => timed(BIN('jest'), ['--silent', ...unitRel]),
      noteExit('unit'),
    );
    results.push({
      name: `Unit tests (${unitRel.length} files)`,
      command: 'jest <the test files that start no process, directly or through test/ helpers>',
      samples: unit,
      note: [unitRel.map((f) => f.replace(/^test\//, '')).join(', '), failures('unit')].filter(Boolean).join('; '),
    });

    begin('terraform validate / plan of examples/complete');
    const exampleDir = 'examples/complete';
    if (fs.existsSync(path.join(ROOT, exampleDir, 'main.tf'))) {
      const root = stage(ROOT, [exampleDir, 'modules'], { [`${exampleDir}/provider_override.tf`]: providerOverride() });
      const dir = path.join(root, exampleDir);
      const env = terraformEnv();
      const tf = (args: string[]) => timed('terraform', args, { cwd: dir, env });
      const initRun = await timeRuns(
        'terraform init',
        1,
        () => tf(['init', '-input=false', '-no-color']),
        noteExit('tf'),
      );
      results.push({
        name: 'terraform init (examples/complete)',
        command: 'terraform init',
        samples: initRun,
        note: 'the AWS provider from the local mirror',
      });
      results.push({
        name: 'terraform validate (examples/complete)',
        command: 'terraform validate',
        samples: await timeRuns('terraform validate', opts.runs, () => tf(['validate', '-no-color']), noteExit('tf')),
      });
      results.push({
        name: 'terraform plan (examples/complete)',
        command: 'terraform plan -out=plan.bin',
        samples: await timeRuns(
          'terraform plan',
          opts.runs,
          () => tf(['plan', '-input=false', '-no-color', `-out=${path.join(dir, 'plan.bin')}`]),
          noteExit('tf'),
        ),
        note: ['fake credentials, offline', failures('tf')].filter(Boolean).join('; '),
      });
    } else {
      progress(`${exampleDir}/main.tf does not exist yet: skipped`);
    }

    begin('synthesis with 1, 10, 50 and 100 mounts on one file system');
    // In process a round takes about a second: more rounds steady the small counts.
    const rounds = Math.max(opts.runs, 9);
    for (const style of ['props', 'function'] as const) scaling.set(style, await synthScaling(counts, rounds, style));
    for (const [style, byCount] of scaling) {
      for (const n of counts) {
        results.push({
          name: `Synthesize a file system + ${n} mount${n > 1 ? 's' : ''} (${style === 'props' ? 'role and group given' : 'function given'})`,
          command: `in process: new EfsFilesystem, ${n} × new EfsMountLambda${style === 'function' ? ' (+ its LambdaFunction)' : ''}, app.synth()`,
          samples: byCount.get(n)!,
        });
      }
    }
  }

  begin('npm test');
  let suite: SuiteBreakdown | undefined;
  if (opts.npmTestRuns > 0) {
    const runs: SuiteRun[] = [];
    const samples = await timeRuns(
      'npm test',
      opts.npmTestRuns,
      async () => {
        const work = makeTempDir('efs-modules-bench-suite-');
        const report = path.join(work, 'jest.json');
        const commands = path.join(work, 'terraform.jsonl');
        // Arguments after -- reach jest, the last command of the test script.
        const t = await timed('npm', ['test', '--', '--json', `--outputFile=${report}`], {
          env: { CI: 'true', EFS_MODULES_TF_TIMINGS: commands },
        });
        runs.push(readSuiteRun(report, commands));
        return t;
      },
      noteExit('npm test'),
    );
    suite = breakdown(runs);
    results.push({
      name: 'The whole npm test',
      command: 'npm test',
      samples,
      target: { text: '≤ 150 s', met: (m) => m <= 150 },
      note: [`${suite.tests} tests in ${suite.files} files`, failures('npm test')].filter(Boolean).join('; '),
    });
    for (const file of suite.slowest) {
      results.push({
        name: `npm test: ${file.name}`,
        command: 'its duration in jest --json (start to end of the file, in a worker)',
        samples: file.samples,
      });
    }
  } else {
    progress('skipped (--skip-npm-test)');
  }

  progress('report');
  const loadAfter = loadavg();
  const info = await machine();
  const rows = results.map((r) => {
    const wall = wallOf(r.samples);
    const cpu = cpuOf(r.samples);
    const target = r.target ? `${r.target.text}: ${r.target.met(wall) ? 'met' : '**not met**'}` : '';
    const range = `${fmt(Math.min(...r.samples.map((x) => x.wall)))} – ${fmt(Math.max(...r.samples.map((x) => x.wall)))}`;
    return `| ${r.name} | \`${r.command.replace(/\|/g, '\\|')}\` | ${r.samples.length} | **${fmt(wall)}** | ${range} | ${Number.isNaN(cpu) ? '' : fmt(cpu)} | ${target} | ${r.note ?? ''} |`;
  });
  const kept = opts.onlyNpmTest ? keptFromPrevious(opts.out) : { rows: [], sections: [] };
  const fits = [...scaling].map(([style, byCount]) => {
    const wallFit = linearFit(counts.map((n) => [n, wallOf(byCount.get(n)!)]));
    const cpuFit = linearFit(counts.map((n) => [n, cpuOf(byCount.get(n)!)]));
    const perMount = (a: number, b: number) => (cpuOf(byCount.get(b)!) - cpuOf(byCount.get(a)!)) / (b - a);
    const steps = counts
      .slice(1)
      .map((b, i) => `${(perMount(counts[i], b) * 1000).toFixed(2)} ms (${counts[i]} → ${b})`);
    return [
      `- **${style === 'props' ? 'Role and group given' : 'Function given'}**: slope **${(cpuFit.slope * 1000).toFixed(2)} ms CPU per mount**, intercept ${(cpuFit.intercept * 1000).toFixed(0)} ms, **R² = ${cpuFit.r2.toFixed(4)}**`,
      `  (elapsed: ${(wallFit.slope * 1000).toFixed(2)} ms per mount, R² = ${wallFit.r2.toFixed(4)}). CPU per added mount: ${steps.join(', ')};`,
      `  100 mounts cost ${(cpuOf(byCount.get(100)!) / cpuOf(byCount.get(10)!)).toFixed(1)} × 10 mounts.`,
    ].join('\n');
  });
  const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix));
  const wallMs = (prefix: string) => {
    const r = byName(prefix);
    return r ? wallOf(r.samples) * 1000 : NaN;
  };
  const reading = [
    `- \`npm run generate\`: of ${wallMs('Generate all modules (whole').toFixed(0)} ms, the generator itself takes ${wallMs('Generate all modules (generator').toFixed(0)} ms;`,
    `  npm start-up adds ${(wallMs('Generate all modules (whole') - wallMs('Generate all modules (without')).toFixed(0)} ms and node (loading the TypeScript sources, cdktf and the`,
    `  provider bindings) ${(wallMs('Generate all modules (without') - wallMs('Generate all modules (generator')).toFixed(0)} ms.`,
    `- Synthesis: \`cdktf synth\` spends ${(wallMs('Synthesize main.ts through') - wallMs('Synthesize main.ts directly, from TypeScript')).toFixed(0)} ms in the CLI on top of the app command it runs (\`node scripts/run-ts.js main.ts\`);`,
    `  running from TypeScript costs ${(wallMs('Synthesize main.ts directly, from TypeScript') - wallMs('Synthesize main.ts directly, compiled')).toFixed(0)} ms over the same app compiled to JavaScript.`,
  ];
  const report = [
    '# Benchmarks',
    '',
    'Written by `npm run bench` (scripts/bench.ts); not part of `npm test`. Medians over the runs shown,',
    'from the repository root, with a warm npm cache and the AWS provider from the local mirror.',
    'Targets are judged on elapsed time; CPU is user + system time of the command and all it waited',
    'for, which moves much less than elapsed time when other processes share the machine.',
    '',
    '| measurement | command | runs | median elapsed | min – max | median CPU | target | note |',
    '|---|---|---:|---:|---|---:|---|---|',
    ...(opts.onlyNpmTest ? [...kept.rows, ...rows] : rows),
    '',
    ...(opts.onlyNpmTest
      ? kept.sections
      : [
          'Where the time goes (differences of the medians above):',
          '',
          ...reading,
          '',
          '## Synthesis cost per mount',
          '',
          `Least-squares fit of the median synthesis time over ${counts.join(', ')} Lambda mounts on one file system`,
          '(each mount: an access point, an IAM role policy with its policy document, an NFS ingress rule):',
          '',
          ...fits,
          '',
        ]),
    ...(suite ? suiteReport(suite) : []),
    ...suiteHistory(
      opts.out,
      results.find((r) => r.name === 'The whole npm test'),
      info.Commit,
      loadBefore,
    ),
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    ...Object.entries(info).map(([k, v]) => `| ${k} | ${v} |`),
    `| Load average (1/5/15 min) | ${loadBefore} at the start, ${loadAfter} at the end |`,
    `| Bench duration | ${fmt((performance.now() - started) / 1000)} |`,
    '',
  ].join('\n');
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, report);
  progress(`wrote ${path.relative(ROOT, opts.out)} in ${fmt((performance.now() - started) / 1000)}`);
  removeTempDirs();
}

main().catch((e) => {
  removeTempDirs();
  console.error(e);
  process.exit(1);
});
