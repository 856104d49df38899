/**
 * Shared harness for running the Terraform CLI from tests and scripts.
 *
 * Every call runs offline-safe: fake AWS credentials, no prompts, no checkpoint
 * calls, and the hashicorp/aws provider taken from a filesystem mirror when one
 * exists (EFS_MODULES_PROVIDER_MIRROR or /opt/tf-plugins). Without a mirror,
 * plain `terraform init` downloads from the registry as on any user's machine.
 *
 * Temporary directories are removed after each jest test file (see the bottom
 * of this file); set EFS_MODULES_KEEP_TMP=1 to keep them for debugging.
 *
 * Under jest, commands that never configure the provider attach to one shared
 * provider process (sharesProvider() below, test/support/shared-provider.ts), and plans
 * of roots with the harness's offline provider configuration attach to one configured
 * process per configuration (test/support/provider-config.ts, provider-broker.ts).
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import execa, { ExecaError } from 'execa';
import { linkProviders, reusableInit, writeAtomically } from './installed-providers';
import { configuredProvider } from './provider-broker';
import { OFFLINE_PROVIDER_SETTINGS, offlineProviderKey } from './provider-config';
import { schemaFilterEnabled } from './schema-filter';
import { SHARED_PROVIDER_ENV } from './shared-provider';
import type { StateResource } from '../../src/migrate/state';

const AWS_PROVIDER = 'registry.terraform.io/hashicorp/aws';
const DEFAULT_MIRROR = '/opt/tf-plugins';

// ---------------------------------------------------------------------------
// Environment
// ---------------------------------------------------------------------------

const FIXED_ENV: Record<string, string> = {
  CHECKPOINT_DISABLE: '1',
  TF_IN_AUTOMATION: '1',
  TF_INPUT: '0',
  AWS_ACCESS_KEY_ID: 'test',
  AWS_SECRET_ACCESS_KEY: 'test',
  AWS_REGION: 'us-east-1',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

// A developer's own profile or session token would be mixed with the fake keys:
// measured, AWS_PROFILE=<missing profile> makes even an offline plan fail with
// "failed to get shared config profile".
// TF_REATTACH_PROVIDERS is set per command by the harness only (see reattachFor below).
const STRIPPED_ENV = ['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SESSION_TOKEN', 'TF_REATTACH_PROVIDERS'];

/** Mirror root holding registry.terraform.io/hashicorp/aws, or undefined to use the registry. */
export function providerMirror(): string | undefined {
  const configured = process.env.EFS_MODULES_PROVIDER_MIRROR && path.resolve(process.env.EFS_MODULES_PROVIDER_MIRROR);
  if (configured) {
    if (!fs.existsSync(path.join(configured, AWS_PROVIDER))) {
      throw new Error(`EFS_MODULES_PROVIDER_MIRROR=${configured} has no ${AWS_PROVIDER} folder`);
    }
    return configured;
  }
  return fs.existsSync(path.join(DEFAULT_MIRROR, AWS_PROVIDER)) ? DEFAULT_MIRROR : undefined;
}

/**
 * Writes the CLI config that installs hashicorp/aws from the mirror. The file
 * name is derived from the mirror path, so every process (and every jest test
 * file, which gets its own module registry) reuses the same file; it is written
 * via rename so concurrent workers never read a half-written file.
 */
function mirrorCliConfig(mirror: string): string {
  const content = [
    'provider_installation {',
    '  filesystem_mirror {',
    `    path    = ${JSON.stringify(mirror)}`,
    `    include = [${JSON.stringify(AWS_PROVIDER)}]`,
    '  }',
    '  direct {',
    `    exclude = [${JSON.stringify(AWS_PROVIDER)}]`,
    '  }',
    '}',
    '',
  ].join('\n');
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 12);
  const file = path.join(os.tmpdir(), `efs-modules-terraform-${hash}.tfrc`);
  if (!fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== content) writeAtomically(file, content);
  return file;
}

let cachedEnv: NodeJS.ProcessEnv | undefined;

/**
 * The complete environment for a terraform child process. Exported so code that
 * runs terraform by other means (e.g. cdktf's jest matchers) can reuse it.
 */
export function terraformEnv(): NodeJS.ProcessEnv {
  if (cachedEnv) return cachedEnv;
  const env: NodeJS.ProcessEnv = { ...process.env, ...FIXED_ENV };
  for (const name of STRIPPED_ENV) delete env[name];
  const mirror = providerMirror();
  if (mirror) {
    env.TF_CLI_CONFIG_FILE = mirrorCliConfig(mirror);
  } else if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    // Terraform only warns about a missing config file, but the warning lands
    // in every command's output; drop it and fall back to the defaults.
    delete env.TF_CLI_CONFIG_FILE;
  }
  // No TF_PLUGIN_CACHE_DIR: with the mirror, init already symlinks the provider
  // (measured 0.54 s with or without a cache), and the cache is not safe for
  // concurrent inits (hashicorp/terraform#31964). A user's own setting is kept.
  //
  // Terraform and the provider are Go programs that spend much of their CPU collecting the
  // garbage of the provider's schema. GOGC=400 collects less often: measured on 8 `terraform
  // test` runs of efs-filesystem, 10.9 s of CPU at Go's default (100), 8.8 s at 200, 7.9 s at
  // 400, 9.4 s at 800 (more page faults), for about 40 MB more memory per process. A user's own
  // GOGC is kept.
  env.GOGC ??= '400';
  cachedEnv = env;
  return env;
}

// ---------------------------------------------------------------------------
// Temporary directories
// ---------------------------------------------------------------------------

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs(). */
export function makeTempDir(prefix = 'efs-modules-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * Removes every directory made by this module instance. Without a mirror each
 * initialised directory holds its own ~675 MB copy of the AWS provider.
 */
export function removeTempDirs(): void {
  if (process.env.EFS_MODULES_KEEP_TMP === '1') return;
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

const SKIPPED_NAMES = new Set(['.terraform', '.terraform.lock.hcl']);

function isStaged(source: string): boolean {
  const name = path.basename(source);
  return !SKIPPED_NAMES.has(name) && !name.includes('.tfstate');
}

/**
 * Copies repo-relative directories into a fresh temp root, keeping their
 * relative layout so `source = "../../modules/x"` still resolves, then writes
 * extraFiles (path relative to the root → content). Returns the temp root.
 */
export function stage(repoRoot: string, relPaths: string[], extraFiles: Record<string, string> = {}): string {
  const root = makeTempDir('efs-modules-stage-');
  for (const rel of relPaths) {
    fs.cpSync(path.join(repoRoot, rel), path.join(root, rel), { recursive: true, filter: isStaged });
  }
  for (const [rel, content] of Object.entries(extraFiles)) {
    const file = path.join(root, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
  return root;
}

/** A root folder `name` holding just `files` (file name → content), staged fresh; returns that folder. */
export function stageRoot(files: Record<string, string>, name = 'r'): string {
  const extraFiles = Object.fromEntries(Object.entries(files).map(([file, content]) => [`${name}/${file}`, content]));
  return path.join(stage(process.cwd(), [], extraFiles), name);
}

// ---------------------------------------------------------------------------
// Provider configuration for offline plans
// ---------------------------------------------------------------------------

function providerHcl(lines: string[]): string {
  return ['provider "aws" {', ...lines.map((line) => `  ${line}`), '}', ''].join('\n');
}

/**
 * HCL to save as `provider_override.tf` next to an example before planning.
 * Measured with terraform 1.11: the override merges into the example's own
 * `provider "aws"` block (its default_tags survive, region is replaced) and
 * also works when the directory has no provider block at all, so this is the
 * only helper needed. Each alias gets its own override block without a region,
 * so the alias keeps the region its base block sets.
 */
export function providerOverride(region = 'us-east-1', aliases: string[] = []): string {
  const main = providerHcl([`region                      = ${JSON.stringify(region)}`, ...OFFLINE_PROVIDER_SETTINGS]);
  const aliased = aliases.map((alias) =>
    providerHcl([`alias                       = ${JSON.stringify(alias)}`, ...OFFLINE_PROVIDER_SETTINGS]),
  );
  return [main, ...aliased].join('\n');
}

// ---------------------------------------------------------------------------
// Running terraform
// ---------------------------------------------------------------------------

export interface RunResult {
  exitCode: number;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface RunOptions {
  /** Return a failing result instead of throwing. */
  allowFailure?: boolean;
  /** Extra environment on top of terraformEnv(). */
  env?: Record<string, string>;
}

// The escape character starts every colour code: the control character is meant.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

export function stripAnsi(text: string): string {
  return text.replace(ANSI, '');
}

/**
 * What to do when an attached provider lacks a type: its schema lists only the types named in
 * the repository (test/support/schema-filter.ts).
 */
function filterHint(result: RunResult, attached: boolean): string[] {
  if (
    !attached ||
    !schemaFilterEnabled() ||
    !/does not support (resource|data source|ephemeral resource) type/.test(stripAnsi(result.stderr))
  )
    return [];
  return [
    'The provider process of this run lists only the aws_ types named in the repository (test/support/schema-filter.ts);',
    'name the type in the test or fixture that uses it, or set EFS_MODULES_SCHEMA_FILTER=0.',
  ];
}

function failure(dir: string, args: string[], result: RunResult, why: string, attached = false): Error {
  return new Error(
    [
      `terraform ${args.join(' ')} ${why} (exit ${result.exitCode}) in ${dir}`,
      ...filterHint(result, attached),
      '--- stderr ---',
      stripAnsi(result.stderr),
      '--- stdout ---',
      stripAnsi(result.stdout),
    ].join('\n'),
  );
}

// ---------------------------------------------------------------------------
// The shared provider process (test/support/shared-provider.ts)
// ---------------------------------------------------------------------------

/** Commands that ask the provider for its schema and config validation only, never configure it. */
const SCHEMA_ONLY = new Set(['validate', 'show', 'graph', 'providers']);

/**
 * Whether `terraform <args>` in dir may attach to the shared schema-only provider process. A
 * provider process holds one configuration at a time (region, default tags, credentials), so
 * anything that configures it (plan, apply, a test run against the real provider) must not use
 * this one (a plan may use a configured process of its own configuration, see reattachFor).
 * Schema-only commands qualify, and so does `terraform test` when every test file it runs mocks
 * the AWS provider (a mock never configures the provider it wraps, it only asks for the schema
 * and validation) and the configuration declares no other AWS provider configuration (alias)
 * that a default `mock_provider "aws"` would leave real. `init` never attaches: it installs the
 * provider from the mirror and writes the lock file as on a user's machine.
 */
export function sharesProvider(dir: string, args: string[]): boolean {
  if (SCHEMA_ONLY.has(args[0])) return true;
  if (args[0] !== 'test' || args.some((a) => a.startsWith('-test-directory'))) return false;
  const filters = args.filter((a) => a.startsWith('-filter=')).map((a) => a.slice('-filter='.length));
  const testDir = path.join(dir, 'tests');
  const found = [dir, testDir]
    .filter((d) => fs.existsSync(d))
    .flatMap((d) =>
      fs
        .readdirSync(d)
        .filter((f) => f.endsWith('.tftest.hcl'))
        .map((f) => path.relative(dir, path.join(d, f))),
    );
  const files = filters.length > 0 ? found.filter((f) => filters.includes(f)) : found;
  if (files.length === 0) return false;
  const mocked = files.every((f) => {
    const text = fs.readFileSync(path.join(dir, f), 'utf8');
    return /^\s*mock_provider\s+"aws"\s*\{/m.test(text) && !/^\s*provider\s+"aws"/m.test(text);
  });
  const aliased = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.tf'))
    .some((f) => /\balias\s*=|configuration_aliases/.test(fs.readFileSync(path.join(dir, f), 'utf8')));
  return mocked && !aliased;
}

/**
 * TF_REATTACH_PROVIDERS for a command that may attach to a running provider process: the shared
 * schema-only process, or for a plan of a root whose only AWS provider configuration is the
 * harness's offline one, the broker's process for that configuration. Undefined: its own process.
 * A command given its own environment keeps its own process (the provider reads the environment).
 */
async function reattachFor(dir: string, args: string[], opts: RunOptions): Promise<string | undefined> {
  const schemaOnly = process.env[SHARED_PROVIDER_ENV];
  if (schemaOnly && sharesProvider(dir, args)) return schemaOnly;
  const key = args[0] === 'plan' && !opts.env ? offlineProviderKey(dir) : undefined;
  return key ? configuredProvider(key) : undefined;
}

/** Runs `terraform <args>` in dir; throws with the full output on a non-zero exit unless allowFailure. */
export async function terraform(dir: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const started = performance.now();
  const reattach = await reattachFor(dir, args, opts);
  const child = await execa('terraform', args, {
    cwd: dir,
    env: { ...terraformEnv(), ...(reattach ? { TF_REATTACH_PROVIDERS: reattach } : {}), ...opts.env },
    extendEnv: false,
    reject: false,
  });
  // Without an exit code terraform never started (ENOENT) or was killed by a
  // signal (e.g. out of memory); execa explains which in shortMessage.
  const notice = child.exitCode === undefined ? `\n${(child as ExecaError).shortMessage}` : '';
  const result: RunResult = {
    exitCode: child.exitCode ?? -1,
    stdout: child.stdout,
    stderr: child.stderr + notice,
    durationMs: Math.round(performance.now() - started),
  };
  logDuration(args, result, reattach !== undefined);
  if (result.exitCode !== 0 && !opts.allowFailure)
    throw failure(dir, args, result, 'failed', Boolean(reattach ?? opts.env?.TF_REATTACH_PROVIDERS));
  return result;
}

/**
 * With EFS_MODULES_TF_TIMINGS=<file>, every terraform command appends one JSON line (test file,
 * command, duration, exit code) to that file: where the suite's time goes, per command.
 * Appends of one short line are atomic, so concurrent jest workers share the file.
 */
function logDuration(args: string[], result: RunResult, shared: boolean): void {
  const file = process.env.EFS_MODULES_TF_TIMINGS;
  if (!file) return;
  const testPath = (globalThis as { expect?: { getState?: () => { testPath?: string } } }).expect?.getState?.()
    .testPath;
  const line = {
    test: testPath ? path.relative(process.cwd(), testPath) : undefined,
    command: args[0],
    args,
    shared,
    ms: result.durationMs,
    exit: result.exitCode,
    at: Date.now(),
  };
  fs.appendFileSync(path.resolve(file), `${JSON.stringify(line)}\n`);
}

/**
 * `terraform init`, or under jest for a root without a backend, `terraform get` plus the lock
 * file and providers of the run's one initialised root (test/support/installed-providers.ts).
 */
export async function init(dir: string): Promise<RunResult> {
  const template = reusableInit(dir);
  if (!template) return terraform(dir, ['init', '-input=false', '-no-color']);
  const result = await terraform(dir, ['get', '-no-color']);
  linkProviders(dir, template);
  return result;
}

/**
 * Applies `mainTf` (a configuration of variables and outputs, no provider, local state) in a
 * fresh root and returns each output's value as Terraform computed it.
 */
export async function readBack(mainTf: string, prefix = 'efs-modules-read-back-'): Promise<Record<string, unknown>> {
  const dir = makeTempDir(prefix);
  fs.writeFileSync(path.join(dir, 'main.tf'), mainTf);
  await init(dir);
  await terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
  const out = JSON.parse((await terraform(dir, ['output', '-json', '-no-color'])).stdout) as Record<
    string,
    { value: unknown }
  >;
  return Object.fromEntries(Object.entries(out).map(([name, { value }]) => [name, value]));
}

export function validate(dir: string): Promise<RunResult> {
  return terraform(dir, ['validate', '-no-color']);
}

/** `fmt -check -recursive -diff`; the thrown error carries the diff. */
export function fmtCheck(dir: string): Promise<RunResult> {
  return terraform(dir, ['fmt', '-check', '-recursive', '-diff', '-no-color']);
}

export interface PlanOptions {
  /** Input variables, passed through a generated JSON var file so maps and objects keep their types. */
  vars?: Record<string, unknown>;
  /** An existing var file; `vars` win over it. */
  varFile?: string;
  /** Appended to the plan command, e.g. ['-refresh=false', '-state=prepared.tfstate']. */
  extraArgs?: string[];
}

function planArgs(opts: PlanOptions, workDir: string): string[] {
  const args = ['plan', '-input=false', '-no-color', `-out=${path.join(workDir, 'plan.bin')}`];
  if (opts.varFile) args.push(`-var-file=${path.resolve(opts.varFile)}`);
  if (opts.vars) {
    const file = path.join(workDir, 'vars.tfvars.json');
    fs.writeFileSync(file, JSON.stringify(opts.vars, null, 2));
    args.push(`-var-file=${file}`);
  }
  return [...args, ...(opts.extraArgs ?? [])];
}

/** Plans dir (after init) and returns `terraform show -json` of the saved plan. */
export async function plan(dir: string, opts: PlanOptions = {}): Promise<PlanJson> {
  const workDir = makeTempDir('efs-modules-plan-');
  await terraform(dir, planArgs(opts, workDir));
  const shown = await terraform(dir, ['show', '-json', path.join(workDir, 'plan.bin')]);
  return JSON.parse(shown.stdout) as PlanJson;
}

/** Plans dir expecting failure; returns stderr + stdout without ANSI codes. Throws if the plan succeeds. */
export async function planFailure(dir: string, vars: Record<string, unknown> = {}): Promise<string> {
  const args = planArgs({ vars }, makeTempDir('efs-modules-plan-'));
  const result = await terraform(dir, args, { allowFailure: true });
  if (result.exitCode === 0) throw failure(dir, args, result, 'was expected to fail but succeeded');
  return stripAnsi(`${result.stderr}\n${result.stdout}`);
}

// ---------------------------------------------------------------------------
// terraform test
// ---------------------------------------------------------------------------

export interface TestOptions {
  json?: boolean;
  /** Test files (relative to dir) passed as -filter=… */
  filter?: string[];
  allowFailure?: boolean;
}

/** One line of `terraform test -json` (machine-readable UI, format 1.2). */
export interface JsonLine {
  '@level': string;
  '@message': string;
  '@testfile'?: string;
  '@testrun'?: string;
  type: string;
  test_run?: { path: string; run: string; progress: string; status?: TestStatus };
  diagnostic?: Diagnostic;
  [key: string]: unknown;
}

export interface TestResult extends RunResult {
  /** Parsed stdout lines when json was requested, else empty. */
  lines: JsonLine[];
}

/** Runs `terraform test -no-color` (plus -json / -filter); throws on failure unless allowFailure. */
export async function test(dir: string, opts: TestOptions = {}): Promise<TestResult> {
  const args = ['test', '-no-color'];
  if (opts.json) args.push('-json');
  for (const file of opts.filter ?? []) args.push(`-filter=${file}`);
  const result = await terraform(dir, args, { allowFailure: opts.allowFailure });
  const lines = opts.json ? parseJsonLines(result.stdout) : [];
  return { ...result, lines };
}

function parseJsonLines(stdout: string): JsonLine[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as JsonLine);
}

export type TestStatus = 'pass' | 'fail' | 'error' | 'skip' | 'pending';

export interface Diagnostic {
  severity: 'error' | 'warning';
  summary: string;
  detail: string;
}

export interface RunOutcome {
  file: string;
  status: TestStatus;
  diagnostics: Diagnostic[];
}

/**
 * Runs `terraform test -json` and returns each run's final status and
 * diagnostics, keyed by run name. Failing runs are the point here, so exit 1 is
 * not an error; diagnostics that belong to no run (e.g. a broken test file) are.
 *
 * Measured with terraform 1.11: an assertion failure gives status "fail" and
 * the file's later runs still execute; an unexpected error (variable
 * validation, precondition) gives status "error" and every later run in that
 * file is "skip". Other files are unaffected.
 */
export async function testJson(dir: string, filter?: string[]): Promise<Record<string, RunOutcome>> {
  const result = await test(dir, { json: true, filter, allowFailure: true });
  const runs: Record<string, RunOutcome> = {};
  const orphans: JsonLine[] = [];
  for (const line of result.lines) {
    const name = line['@testrun'];
    if (line.type === 'test_run' && line.test_run && name) {
      const file = line.test_run.path;
      if (runs[name] && runs[name].file !== file) {
        throw new Error(`run "${name}" exists in ${runs[name].file} and ${file}; pass a filter to testJson`);
      }
      runs[name] ??= { file, status: 'pending', diagnostics: [] };
      runs[name].status = line.test_run.status ?? runs[name].status;
    } else if (line.type === 'diagnostic' && line.diagnostic) {
      const { severity, summary, detail } = line.diagnostic;
      if (name && runs[name]) runs[name].diagnostics.push({ severity, summary, detail });
      else if (severity === 'error') orphans.push(line);
    }
  }
  if (orphans.length > 0 || Object.keys(runs).length === 0 || result.exitCode > 1) {
    throw failure(dir, ['test', '-json'], result, 'did not run any test cleanly');
  }
  return runs;
}

// ---------------------------------------------------------------------------
// Plan JSON helpers
// ---------------------------------------------------------------------------

/** A resource of `show -json` (a plan's planned values or a state): the product's own reader declares it. */
export type PlannedResourceJson = StateResource;

export interface PlannedModuleJson {
  address?: string;
  resources?: PlannedResourceJson[];
  child_modules?: PlannedModuleJson[];
}

export interface ResourceChange {
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  change: { actions: string[]; before: any; after: any; after_unknown: any };
}

export interface PlanJson {
  format_version: string;
  terraform_version: string;
  planned_values?: {
    root_module: PlannedModuleJson;
    outputs?: Record<string, { sensitive: boolean; value?: unknown }>;
  };
  resource_changes?: ResourceChange[];
  [key: string]: unknown;
}

export interface PlannedResource {
  address: string;
  type: string;
  name: string;
  index?: string | number;
  values: Record<string, any>;
  /** e.g. "module.efs"; undefined for the root module. */
  moduleAddress?: string;
}

export function resourceChanges(plan: PlanJson): ResourceChange[] {
  return plan.resource_changes ?? [];
}

/** Every resource in planned_values, root and nested child modules flattened. */
export function plannedResources(plan: PlanJson): PlannedResource[] {
  const out: PlannedResource[] = [];
  const visit = (mod: PlannedModuleJson): void => {
    for (const r of mod.resources ?? []) {
      out.push({
        address: r.address,
        type: r.type,
        name: r.name,
        index: r.index,
        values: r.values,
        moduleAddress: mod.address,
      });
    }
    for (const child of mod.child_modules ?? []) visit(child);
  };
  if (plan.planned_values) visit(plan.planned_values.root_module);
  return out;
}

export function findResources(plan: PlanJson, type: string): PlannedResource[] {
  return plannedResources(plan).filter((r) => r.type === type);
}

/** address → planned actions, e.g. { "aws_efs_file_system.this": ["create"] }. */
export function actions(plan: PlanJson): Record<string, string[]> {
  return Object.fromEntries(resourceChanges(plan).map((rc) => [rc.address, rc.change.actions]));
}

// Jest runs each test file in its own module registry and never fires
// process 'exit' handlers (measured), so clean up through afterAll when loaded
// by jest; scripts call removeTempDirs() themselves.
const jestAfterAll = (globalThis as { afterAll?: (fn: () => void) => void }).afterAll;
if (jestAfterAll) jestAfterAll(removeTempDirs);
