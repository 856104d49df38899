/**
 * Writes modules/<name>/tests/validation.tftest.hcl from the module's bad inputs: one
 * `terraform test` run per case, each expecting exactly the variable or resource whose
 * check must refuse it. Runs against `mock_provider "aws"`, so it needs no credentials.
 */
import type { BadInput, ModuleCases } from '../src/core/cases';
import { isCrossInput } from '../src/core/rules';
import type { ModuleSpec } from '../src/core/spec';
import { Item, attr, blank, block, renderBlock } from '../src/core/hcl-writer';
import { hclKey, hclLiteral, hclString } from '../src/core/hcl-values';

/** `terraform test` run names are identifiers. */
export function runName(c: BadInput): string {
  return c.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_|_$/g, '');
}

/** The checkable object that refuses a case: the variable, or the resource holding the preconditions. */
export function failingObject(spec: ModuleSpec, c: BadInput, guard: string): string {
  const rule = spec.rules.find((r) => r.id === c.rule);
  if (!rule) throw new Error(`${spec.name}: case "${c.title}" names unknown rule ${c.rule}`);
  return isCrossInput(rule) ? guard : `var.${rule.inputs[0]}`;
}

const assignments = (values: Readonly<Record<string, unknown>>): Item[] =>
  Object.entries(values).map(([k, v]) => attr(hclKey(k), hclLiteral(v)));

/**
 * One run per rule (its first bad input): a `terraform test` run costs about a second, and the
 * message of every case is checked by the plans in test/modules/validation.test.ts.
 */
export function printValidationTests(spec: ModuleSpec, cases: ModuleCases, guard: string, header: string): string {
  const names = new Set<string>();
  const firstPerRule = spec.rules.map((rule) => {
    const c = cases.bad.find((b) => b.rule === rule.id);
    if (!c) throw new Error(`${spec.name}: rule ${rule.id} has no bad input in cases.ts`);
    return c;
  });
  const runs = firstPerRule.map((c) => {
    const name = runName(c);
    if (names.has(name)) throw new Error(`${spec.name}: two bad inputs are titled "${c.title}"`);
    names.add(name);
    return renderBlock(`run ${hclString(name)}`, [
      attr('command', 'plan'),
      blank,
      block('variables', assignments(c.set)),
      blank,
      attr('expect_failures', `[${failingObject(spec, c, guard)}]`),
    ]);
  });
  const intro = [
    header,
    `# Every rule of ${spec.name} refuses a bad input at plan time, by the one check named in expect_failures.`,
  ].join('\n');
  return `${[intro, 'mock_provider "aws" {}', renderBlock('variables', assignments(cases.valid)), ...runs].join('\n\n')}\n`;
}
