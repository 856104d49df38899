/**
 * Construct mode with token-valued props: every rule synth time cannot decide is rendered into
 * the synthesized configuration, so `terraform plan` refuses the bad value with the message
 * the literal prop gets at synth time (TypeScript spelling). One stack holds one construct per
 * bad input of every module, each with the bad values given as TerraformVariables, and one
 * plan with the real provider must report every expected message.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable } from '../../src/cdktf';
import * as lib from '../../src';
import { MODULES } from '../../generators/registry';
import type { BadInput, TestedModule } from '../../src/core/cases';
import { evaluate } from '../../src/core/expr';
import { afterOwnRules } from '../../src/core/rules';
import { hclInputValues } from '../../src/core/values';
import { camelCase } from '../../src/core/types';
import { construct, propsFor, tsSpelling, violations } from '../support/cases';
import { thrown } from '../support/synth';
import { splitStack } from '../support/split-stack';
import { init, makeTempDir, providerOverride, terraform } from '../support/terraform';
import { tokenized } from '../support/tokenize';

const efsFilesystem = MODULES.find((m) => m.spec.name === 'efs-filesystem')!;

/** Bad inputs planned in one construct: they set different inputs and each fails its own rule only. */
interface Group {
  readonly def: TestedModule;
  readonly cases: readonly BadInput[];
  readonly id: string;
}

const expectedMessage = (def: TestedModule, c: BadInput) => violations(def, c, 'ts')[0].message;

/**
 * The messages plan time reports for a set of inputs given as tokens: every rule that fails on
 * them as literals, in the form the construct renders it (`afterOwnRules`), so a rule across
 * inputs stays silent while one of its inputs fails a rule of its own. Grouping by every failing
 * rule instead would put a case next to one whose bad input silences it.
 */
function failures(def: TestedModule, set: Record<string, unknown>): string[] {
  const values = hclInputValues(def.spec, { ...def.cases.valid, ...set });
  return def.spec.rules
    .map((r) => afterOwnRules(r, def.spec.rules))
    .filter((r) => evaluate(r.condition, values, 'ts') === false)
    .map((r) => String(evaluate(r.message, values, 'ts')))
    .sort();
}

function mergeable(def: TestedModule, group: readonly BadInput[], c: BadInput): boolean {
  if (group.some((o) => Object.keys(o.set).some((k) => k in c.set))) return false;
  const all = [...group, c];
  try {
    const merged = failures(def, Object.assign({}, ...all.map((o) => o.set)));
    return JSON.stringify(merged) === JSON.stringify(all.map((o) => expectedMessage(def, o)).sort());
  } catch {
    return false; // a combination the rules cannot even evaluate stays apart
  }
}

/**
 * Fewer constructs make a faster plan, and Terraform reports every failed precondition of a
 * resource: so bad inputs share a construct when they set different inputs and their rules
 * still fail one each, with the messages they have alone.
 */
function groups(def: TestedModule): Group[] {
  const out: BadInput[][] = [];
  // A prop left out (null) is never a token, and a token cannot hide which fields are given (a
  // `shape` case): such cases are refused at synth, and stay there.
  const tokenizable = def.cases.bad.filter(
    (c) => !c.shape && Object.values(c.set).some((v) => v !== null && v !== undefined),
  );
  for (const c of tokenizable) {
    const fit = out.find((g) => mergeable(def, g, c));
    if (fit) fit.push(c);
    else out.push([c]);
  }
  return out.map((cases, i) => ({ def, cases, id: `${def.spec.name}-${i}` }));
}

const GROUPS: Group[] = MODULES.flatMap(groups);
const CASES = GROUPS.flatMap((g) => g.cases.map((c) => ({ def: g.def, c })));

/** The valid literal props with every value the group's cases set given as a TerraformVariable instead. */
function tokenProps(stack: TerraformStack, { def, cases, id }: Group): Record<string, unknown> {
  const set = Object.assign({}, ...cases.map((c) => c.set)) as Record<string, unknown>;
  const props = propsFor(def, { ...def.cases.valid, ...set });
  const changed = Object.keys(propsFor(def, set));
  const typeOf = (k: string) => def.spec.inputs.find((i) => camelCase(i.name) === k)?.type;
  const tokens = changed.map((k) => [k, tokenized(stack, `${id.replace(/-/g, '_')}_${k}`, props[k], typeOf(k))]);
  return { ...props, ...Object.fromEntries(tokens) };
}

/** What plan time must say, and only that, about a misspelt throughput mode given as a token. */
const TYPO = {
  mode: 'provisoned',
  primary: 'throughputMode must be "elastic", "provisioned" or "bursting" (got "provisoned").',
  dependent: 'provisionedThroughputInMibps must be set when throughputMode is "provisioned", and only then',
};

interface Diagnostic {
  severity: string;
  summary: string;
  detail: string;
}

let diagnostics: Diagnostic[] = [];
let synthError: unknown;

beforeAll(async () => {
  const outdir = makeTempDir('efs-modules-token-rules-');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'tokens');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  try {
    for (const g of GROUPS) {
      construct(g.def, tokenProps(stack, g), stack, g.id);
    }
    // A misspelt mode from a variable, with MiB/s that the rule tying both would refuse next to it.
    const mode = new TerraformVariable(stack, 'misspelt_mode', { default: TYPO.mode });
    new lib.EfsFilesystem(stack, 'misspelt', {
      ...(propsFor(efsFilesystem, efsFilesystem.cases.valid) as unknown as lib.EfsFilesystemProps),
      // A token stands for whichever value the variable holds: typed as the union, checked at plan.
      throughputMode: lib.planTimeValue<lib.ThroughputMode>(mode.stringValue),
      provisionedThroughputInMibps: 100,
    });
  } catch (e) {
    synthError = e;
    return;
  }
  app.synth();
  const dir = join(outdir, 'stacks', 'tokens');
  // Terraform renders each diagnostic at a cost that grows with the size of the file it points
  // into: as one 1.6 MB cdk.tf.json, this plan's ~155 failed preconditions took 30.9 s to plan,
  // split into one file per construct 6.9 s, with the same diagnostics (terraform 1.11.4).
  splitStack(dir);
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  await init(dir);
  const result = await terraform(dir, ['plan', '-json', '-input=false', '-no-color', '-refresh=false'], {
    allowFailure: true,
  });
  expect(result.exitCode).toBe(1);
  diagnostics = result.stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as { type: string; diagnostic?: Diagnostic })
    .filter((e) => e.type === 'diagnostic' && e.diagnostic?.severity === 'error')
    .map((e) => e.diagnostic!);
});

test('every bad input of every module is planned, but for the shapes refused at synth', () => {
  const tokenizable = (c: BadInput) => !c.shape && Object.values(c.set).some((v) => v !== null && v !== undefined);
  expect(CASES).toHaveLength(MODULES.reduce((n, d) => n + d.cases.bad.filter(tokenizable).length, 0));
});

test('a bad shape (which fields are given) is refused at synth even when the values are tokens, with the same message', () => {
  const shapes = MODULES.flatMap((def) => def.cases.bad.filter((c) => c.shape).map((c) => ({ def, c })));
  expect(shapes.length).toBeGreaterThan(0);
  for (const { def, c } of shapes) {
    const stack = new TerraformStack(new App(), 'shapes');
    const { message } = thrown(() => construct(def, tokenProps(stack, { def, cases: [c], id: 'shape' }), stack, 'c'));
    expect({ title: c.title, message }).toEqual({
      title: c.title,
      message: expect.stringContaining(expectedMessage(def, c)),
    });
  }
});

test('bad values given as tokens pass synth, to be checked at plan time', () => {
  expect(synthError).toBeUndefined();
});

test('plan refuses every bad token-valued prop with the synth-time message, and nothing else', () => {
  // Every error diagnostic with its summary: a rule that fails to evaluate on a bad value
  // ("Error in function call") would show beside the precondition that reports it.
  const expected = [...CASES.map(({ def, c }) => expectedMessage(def, c)), TYPO.primary]
    .map((m) => `Resource precondition failed: ${m}`)
    .sort();
  expect(diagnostics.map((d) => `${d.summary}: ${d.detail}`).sort()).toEqual(expected);
});

test('a token that fails its own rule is reported once, not again by the rules across inputs that read it', () => {
  const details = diagnostics.map((d) => d.detail);
  expect(details).toContain(TYPO.primary);
  expect(details.filter((d) => d.startsWith(TYPO.dependent) && d.includes('provisoned'))).toEqual([]);
});

test('each plan-time message names the prop as TypeScript users spell it', () => {
  for (const { def, c } of CASES) {
    const message = expectedMessage(def, c);
    const found = diagnostics.find((d) => d.detail === message);
    expect(found).toBeDefined();
    for (const n of c.names) expect(found!.detail).toContain(tsSpelling(n));
    for (const s of c.tsShows ?? c.shows) expect(found!.detail).toContain(s);
  }
});
