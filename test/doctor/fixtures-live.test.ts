/**
 * Keeps the committed fixture plans honest: re-plans some fixtures now and checks the fresh plan
 * yields the same findings as the committed plan.json, and the expected ones. module-wiring
 * uses modules/efs-filesystem, which changes under it (and must keep passing the doctor);
 * replace-file-system is planned against a prior state, the most provider-dependent plan;
 * errored-plan proves terraform still writes an errored plan file the doctor refuses; the moved
 * blocks nfs-rule-rekeyed prints are planned in HCL and in a CDKTF stack. Only
 * findings are compared, so a module gaining a resource does not fail this.
 * `node scripts/run-ts.js test/doctor/refresh-fixtures.ts` rewrites every plan.json.
 */
import { diagnose } from '../../src/doctor/diagnose';
import { EXPECTED, summary } from './expected';
import { IncompletePlanError, parsePlan } from '../../src/doctor/plan/parse';
import type { PlanJson } from '../../src/doctor/plan/types';
import { committedPlan, FIXTURES, planFixture, type Fixture } from './fixtures';

const LIVE = ['module-wiring', 'replace-file-system'];
const fixture = (name: string) => FIXTURES.find((f) => f.name === name) as Fixture;

describe('committed fixture plans match a fresh plan', () => {
  const fresh = new Map<string, PlanJson>();

  beforeAll(async () => {
    const plans = await Promise.all(LIVE.map((name) => planFixture(fixture(name))));
    LIVE.forEach((name, i) => fresh.set(name, plans[i]));
  });

  it.each(LIVE)('%s', (name) => {
    const plan = fresh.get(name) as PlanJson;
    expect(summary(diagnose(plan))).toEqual(summary(diagnose(committedPlan(name))));
    expect(summary(diagnose(plan))).toEqual(EXPECTED[name]);
  });

  it('errored-plan: a failed plan still leaves a plan file, and its JSON is refused', async () => {
    const plan = await planFixture(fixture('errored-plan'));
    expect(() => parsePlan(JSON.stringify(plan))).toThrow(IncompletePlanError);
  });
});

describe('the moved blocks nfs-rule-rekeyed prints', () => {
  it('pasted into the configuration, keep the rules: nothing is deleted or created', async () => {
    const blocks = diagnose(committedPlan('rekeyed-rule'))
      .filter((f) => f.check === 'nfs-rule-rekeyed')
      .map((f) => f.message.slice(f.message.indexOf('moved {')));
    expect(blocks).toHaveLength(2);
    const plan = await planFixture(fixture('rekeyed-rule'), { 'moved.tf': `${blocks.join('\n\n')}\n` });
    const rules = (plan.resource_changes ?? []).filter((rc) => rc.type.startsWith('aws_vpc_security_group_'));
    // The ingress rule's description names its key, so it is updated in place: kept, not re-created.
    expect(rules.map((rc) => `${rc.change.actions.join('+')} ${rc.address}`).sort()).toEqual([
      'no-op module.efs.aws_vpc_security_group_egress_rule.nfs_to_file_system["application"]',
      'no-op module.efs.aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
      'update module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["application"]',
    ]);
    expect(diagnose(plan).filter((f) => f.check === 'nfs-rule-rekeyed')).toEqual([]);
  });
});

describe('the moved pairs nfs-rule-rekeyed prints for a CDKTF stack', () => {
  it("given to one stack.addOverride('moved', …), keep the rules: nothing is deleted or created", async () => {
    const pairs = diagnose(committedPlan('construct-rekeyed'))
      .filter((f) => f.check === 'nfs-rule-rekeyed')
      .map((f) => {
        const [, from, to] = /`\{ from: '([^']+)', to: '([^']+)' \}`/.exec(f.message) ?? [];
        return { from, to };
      });
    expect(pairs).toHaveLength(2);
    const plan = await planFixture(fixture('construct-rekeyed'), {}, (stack) => stack.addOverride('moved', pairs));
    const rules = (plan.resource_changes ?? []).filter((rc) => rc.type.startsWith('aws_vpc_security_group_'));
    expect(rules.filter((rc) => rc.change.actions.includes('create') || rc.change.actions.includes('delete'))).toEqual(
      [],
    );
    expect(rules.map((rc) => rc.address)).toEqual(expect.arrayContaining(pairs.map((p) => p.to)));
  });
});
