/**
 * Keeps the committed fixture plans honest: re-plans two fixtures now and
 * checks the fresh plan yields the same findings as the committed plan.json,
 * and the expected ones. module-wiring uses modules/efs-filesystem, which
 * changes under it (and must keep passing the doctor); replace-file-system is
 * planned against a prior state, the most provider-dependent plan. Only
 * findings are compared, so a module gaining a resource does not fail this.
 * `node scripts/run-ts.js test/doctor/refresh-fixtures.ts` rewrites every plan.json.
 */
import { diagnose } from '../../src/doctor/diagnose';
import { EXPECTED, summary } from './expected';
import type { PlanJson } from '../../src/doctor/plan/types';
import { committedPlan, FIXTURES, planFixture, type Fixture } from './fixtures';

const LIVE = ['module-wiring', 'replace-file-system'];

describe('committed fixture plans match a fresh plan', () => {
  const fresh = new Map<string, PlanJson>();

  beforeAll(async () => {
    const plans = await Promise.all(LIVE.map((name) => planFixture(FIXTURES.find((f) => f.name === name) as Fixture)));
    LIVE.forEach((name, i) => fresh.set(name, plans[i] as PlanJson));
  });

  it.each(LIVE)('%s', (name) => {
    const plan = fresh.get(name) as PlanJson;
    expect(summary(diagnose(plan))).toEqual(summary(diagnose(committedPlan(name))));
    expect(summary(diagnose(plan))).toEqual(EXPECTED[name]);
  });
});
