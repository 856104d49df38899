/**
 * Every bad input of every module is refused in both paths, by the one rule it targets,
 * with the same words: the TypeScript construct throws at synth time, and `terraform plan`
 * of the HCL module fails before anything would be created. The HCL message must equal, to
 * the letter, what the TypeScript evaluator computes for the same rule and values.
 */
import { existsSync } from 'node:fs';
import { ValidationError } from '../../src';
import { isCrossInput } from '../../src/core/rules';
import { MODULES } from '../../generators/registry';
import { caseInputs, construct, propsFor, tsSpelling, violations } from '../support/cases';
import { init, providerOverride, stage, terraform } from '../support/terraform';
import { wrapperFor } from '../support/wrapper';
import type { BadInput } from '../../src/core/cases';

const ROOT = `${__dirname}/../..`;

interface Diagnostic {
  summary: string;
  detail: string;
  range?: { filename: string; start: { line: number } };
}

/** Plans the wrapper and returns its error diagnostics; the plan itself must fail. */
async function planDiagnostics(dir: string): Promise<Diagnostic[]> {
  const planFile = `${dir}/refused.tfplan`;
  const result = await terraform(dir, ['plan', '-json', '-input=false', '-no-color', `-out=${planFile}`], {
    allowFailure: true,
  });
  expect(result.exitCode).toBe(1);
  // Nothing can be applied: a variable validation failure writes no plan at all, and a
  // precondition failure writes one that terraform itself marks errored and not applyable.
  if (existsSync(planFile)) {
    const shown = JSON.parse((await terraform(dir, ['show', '-json', planFile])).stdout) as {
      errored: boolean;
      applyable: boolean;
    };
    expect(shown).toMatchObject({ errored: true, applyable: false });
  }
  const lines = result.stdout.split('\n').filter((l) => l.startsWith('{'));
  const events = lines.map((l) => JSON.parse(l) as { type: string; diagnostic?: Diagnostic & { severity: string } });
  return events.filter((e) => e.type === 'diagnostic' && e.diagnostic?.severity === 'error').map((e) => e.diagnostic!);
}

describe.each(MODULES.map((def) => [def.spec.name, def] as const))('%s', (_name, def) => {
  const ruleOf = (c: BadInput) => def.spec.rules.find((r) => r.id === c.rule)!;

  test('declares at least one bad input for every rule', () => {
    const covered = new Set(def.cases.bad.map((c) => c.rule));
    expect(def.spec.rules.map((r) => r.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  test('accepts its valid inputs in TypeScript', () => {
    expect(() => construct(def, propsFor(def, caseInputs(def)))).not.toThrow();
  });

  describe('TypeScript construct refuses at synth time', () => {
    test.each(def.cases.bad.map((c) => [c.title, c] as const))('%s', (_title, c) => {
      const expected = violations(def, c, 'ts');
      expect(expected.map((v) => v.rule)).toEqual([c.rule]);
      let thrown: unknown;
      try {
        construct(def, propsFor(def, caseInputs(def, c)));
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(ValidationError);
      const error = thrown as ValidationError;
      expect(error.problems).toEqual([expected[0].message]);
      for (const n of c.names) expect(error.message).toContain(tsSpelling(n));
      for (const s of c.tsShows ?? c.shows) expect(error.message).toContain(s);
      expect(error.stack).not.toMatch(/\n\s+at /);
    });
  });

  describe('HCL module refuses at plan time', () => {
    const single = def.cases.bad.filter((c) => !isCrossInput(ruleOf(c)));
    const cross = def.cases.bad.filter((c) => isCrossInput(ruleOf(c)));
    const singleWrapper = wrapperFor(def, single, `../modules/${def.spec.name}`);
    const crossWrapper = wrapperFor(def, cross, `../modules/${def.spec.name}`);
    let singleDiagnostics: Diagnostic[] = [];
    let crossDiagnostics: Diagnostic[] = [];

    beforeAll(async () => {
      const root = stage(ROOT, [`modules/${def.spec.name}`], {
        'single/main.tf': singleWrapper.hcl,
        'single/provider.tf': providerOverride(),
        'cross/main.tf': crossWrapper.hcl,
        'cross/provider.tf': providerOverride(),
      });
      const dirs = [`${root}/single`, `${root}/cross`];
      await Promise.all(dirs.map(init));
      [singleDiagnostics, crossDiagnostics] = await Promise.all(dirs.map(planDiagnostics));
    });

    /** A diagnostic as a reviewer reads it: its summary and the message, without Terraform's trailer. */
    const said = (d: Diagnostic) => `${d.summary}: ${d.detail.split('\n\nThis was checked by')[0]}`;

    test('each single-input case fails its variable validation with the TypeScript words, and nothing else', () => {
      // Every error diagnostic, grouped by the case whose module block it points into: a second
      // error beside the right one (a rule that fails to evaluate on the bad value) shows here.
      const got: Record<string, string[]> = {};
      for (const d of singleDiagnostics) {
        const where = d.range?.filename === 'main.tf' ? singleWrapper.caseAtLine(d.range.start.line)?.title : undefined;
        const title = where ?? `(not a case: ${d.range?.filename ?? 'no file'}:${d.range?.start.line ?? 0})`;
        (got[title] ??= []).push(said(d));
      }
      const expected = Object.fromEntries(
        single.map((c) => [c.title, [`Invalid value for variable: ${violations(def, c, 'hcl')[0].message}`]]),
      );
      expect(got).toEqual(expected);
      for (const d of singleDiagnostics) {
        const c = singleWrapper.caseAtLine(d.range!.start.line)!;
        for (const n of c.names) expect(d.detail).toContain(n);
        for (const s of c.shows) expect(d.detail).toContain(s);
      }
    });

    test('each cross-input case fails its precondition with the TypeScript words, and nothing else', () => {
      const expected = cross.map((c) => `Resource precondition failed: ${violations(def, c, 'hcl')[0].message}`).sort();
      expect(crossDiagnostics.map(said).sort()).toEqual(expected);
      for (const c of cross) {
        const message = violations(def, c, 'hcl')[0].message;
        for (const n of c.names) expect(message).toContain(n);
        for (const s of c.shows) expect(message).toContain(s);
      }
    });
  });
});
