/** The committed validation catalogue and the bad-input lists agree, rule by rule. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../../generators/registry';

const catalogue = readFileSync(join(__dirname, '..', '..', 'docs', 'validation.md'), 'utf8');

/** Rows of one module's table: rule id → number of bad inputs. */
function rows(moduleName: string): Record<string, number> {
  const section = catalogue.split(/^## /m).find((s) => s.startsWith(`${moduleName}\n`)) ?? '';
  return Object.fromEntries(
    [...section.matchAll(/^\| `([a-z0-9-]+)` \|.*\| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]),
  );
}

test.each(MODULES.map((d) => [d.spec.name, d] as const))(
  '%s: one row per rule, counting its bad inputs',
  (name, def) => {
    const expected = Object.fromEntries(
      def.spec.rules.map((r) => [r.id, def.cases.bad.filter((c) => c.rule === r.id).length]),
    );
    expect(rows(name)).toEqual(expected);
    expect(Object.values(expected).every((n) => n > 0)).toBe(true);
  },
);

test('at least 40 bad inputs in all, every one naming a rule of its module', () => {
  const total = MODULES.reduce((n, d) => n + d.cases.bad.length, 0);
  expect(total).toBeGreaterThanOrEqual(40);
  for (const d of MODULES) {
    const ids = new Set(d.spec.rules.map((r) => r.id));
    expect(d.cases.bad.filter((c) => !ids.has(c.rule)).map((c) => c.title)).toEqual([]);
  }
});
