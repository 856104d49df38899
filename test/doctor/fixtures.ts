/**
 * The doctor's fixture configurations: small real Terraform configurations under
 * fixtures/<name>/main.tf, planned offline with the harness. Their
 * `terraform show -json` output is committed as fixtures/<name>/plan.json
 * (refresh with `node scripts/run-ts.js test/doctor/refresh-fixtures.ts [name...]`), so the
 * unit tests run on real plans without paying ~4 s of planning each.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Construct } from 'constructs';
import { App, type TerraformStack } from '../../src/cdktf';
import { parsePlan } from '../../src/doctor/plan/parse';
import type { PlanJson } from '../../src/doctor/plan/types';
import { awsSchema, stateFromPlan } from '../support/state';
import { init, makeTempDir, plan, providerOverride, stage, terraform } from '../support/terraform';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

export interface Fixture {
  name: string;
  /** Repo-relative directories the configuration needs besides its own (module sources). */
  alsoStage?: string[];
  /** A state file (in the fixture directory) to plan against with -refresh=false. */
  priorState?: string;
  /**
   * Plan against the state that applying the configuration with these variables would leave
   * (built from that plan by test/support/state.ts), with -refresh=false.
   */
  priorVars?: Record<string, unknown>;
  /** The plan is meant to fail: keep the plan file terraform writes anyway. */
  planFails?: boolean;
  /**
   * The configuration is a CDKTF stack: fixtures/<name>/stack.ts exports
   * `buildStack(scope, id, variant?)`, synthesized here and planned in its output folder.
   */
  stack?: boolean;
  /** With `stack`: plan against the state the stack built with this variant would leave. */
  priorVariant?: string;
}

export const FIXTURES: readonly Fixture[] = [
  { name: 'clean' },
  { name: 'module-wiring', alsoStage: ['modules/efs-filesystem'] },
  { name: 'replace-file-system', priorState: 'prior-state.json' },
  { name: 'lambda-vpc' },
  { name: 'lambda-mount-order' },
  { name: 'nfs-path' },
  { name: 'nfs-egress' },
  { name: 'ecs-efs-volume' },
  { name: 'fargate-platform-version' },
  { name: 'access-point-creation-info' },
  { name: 'duplicate-nfs-rule', alsoStage: ['modules/efs-filesystem'] },
  { name: 'efs-hygiene' },
  { name: 'unknown-attribute', alsoStage: ['modules/efs-filesystem', 'modules/efs-mount-lambda'] },
  { name: 'rekeyed-rule', alsoStage: ['modules/efs-filesystem'], priorVars: { client_key: 'app' } },
  { name: 'errored-plan', planFails: true },
  { name: 'construct-hygiene', stack: true },
  { name: 'construct-rekeyed', stack: true, priorVariant: 'app' },
];

export function fixtureDir(name: string): string {
  return path.join('test', 'doctor', 'fixtures', name);
}

export function planJsonPath(name: string): string {
  return path.join(REPO_ROOT, fixtureDir(name), 'plan.json');
}

/** The committed plan of a fixture. */
export function committedPlan(name: string): PlanJson {
  return parsePlan(fs.readFileSync(planJsonPath(name), 'utf8'));
}

/**
 * Plans a fixture now (offline, fake credentials), with `files` added beside its configuration
 * (and, for a stack, `adjust` applied to it before synthesis), and returns `terraform show -json` of it.
 */
export async function planFixture(
  fixture: Fixture,
  files: Record<string, string> = {},
  adjust?: (stack: TerraformStack) => void,
): Promise<PlanJson> {
  if (fixture.stack) return planStackFixture(fixture, files, adjust);
  const dir = fixtureDir(fixture.name);
  const extraFiles: Record<string, string> = { [path.join(dir, 'provider_override.tf')]: providerOverride() };
  if (fixture.priorState) {
    // Saved under another name: the harness never stages *.tfstate* files, and .gitignore skips them.
    extraFiles[path.join(dir, 'terraform.tfstate')] = fs.readFileSync(
      path.join(REPO_ROOT, dir, fixture.priorState),
      'utf8',
    );
  }
  const root = stage(REPO_ROOT, [dir, ...(fixture.alsoStage ?? [])], extraFiles);
  const workDir = path.join(root, dir);
  await init(workDir);
  if (fixture.planFails) return JSON.parse(await failedPlan(workDir)) as PlanJson;
  if (fixture.priorVars) {
    const applied = stateFromPlan(await plan(workDir, { vars: fixture.priorVars }), await awsSchema(workDir));
    fs.writeFileSync(path.join(workDir, 'terraform.tfstate'), JSON.stringify(applied));
  }
  // Written after the prior state is made: they belong to the configuration that is checked.
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(workDir, name), text);
  const refreshOff = fixture.priorState || fixture.priorVars ? ['-refresh=false'] : [];
  const shown = await plan(workDir, { extraArgs: refreshOff });
  return parsePlan(JSON.stringify(shown));
}

/** `terraform show -json` of the plan file a failing `terraform plan -out` leaves. */
async function failedPlan(workDir: string): Promise<string> {
  const file = path.join(makeTempDir('efs-modules-plan-'), 'plan.bin');
  const planned = await terraform(workDir, ['plan', '-input=false', '-no-color', `-out=${file}`], {
    allowFailure: true,
  });
  if (planned.exitCode === 0) throw new Error(`the plan of ${workDir} was meant to fail, and succeeded`);
  return (await terraform(workDir, ['show', '-json', file])).stdout;
}

type BuildStack = (scope: Construct, id: string, variant?: string) => TerraformStack;

/** Synthesizes the fixture's stack (one variant) and returns its output folder, with the offline provider override. */
function synthesizeStack(fixture: Fixture, variant?: string, adjust?: (stack: TerraformStack) => void): string {
  const { buildStack } = require(path.join(REPO_ROOT, fixtureDir(fixture.name), 'stack.ts')) as {
    buildStack: BuildStack;
  };
  const outdir = makeTempDir('efs-modules-synth-');
  const app = new App({ outdir });
  const stack = buildStack(app, fixture.name, variant);
  // cdktf's local backend keeps the state in the working directory of the process (the repository):
  // keep it in the stack's own folder instead.
  stack.addOverride('terraform.backend.local.path', 'terraform.tfstate');
  adjust?.(stack);
  app.synth();
  const dir = path.join(outdir, 'stacks', fixture.name);
  fs.writeFileSync(path.join(dir, 'provider_override.tf'), providerOverride());
  return dir;
}

/** `cdktf synth`, then `terraform plan` in the stack's folder, as a CDKTF user runs the doctor. */
async function planStackFixture(
  fixture: Fixture,
  files: Record<string, string>,
  adjust?: (stack: TerraformStack) => void,
): Promise<PlanJson> {
  const dir = synthesizeStack(fixture, undefined, adjust);
  await init(dir);
  if (fixture.priorVariant !== undefined) {
    const priorDir = synthesizeStack(fixture, fixture.priorVariant);
    await init(priorDir);
    const applied = stateFromPlan(await plan(priorDir), await awsSchema(priorDir));
    fs.writeFileSync(path.join(dir, 'terraform.tfstate'), JSON.stringify(applied));
  }
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  const shown = await plan(dir, { extraArgs: fixture.priorVariant !== undefined ? ['-refresh=false'] : [] });
  return parsePlan(JSON.stringify(shown));
}
