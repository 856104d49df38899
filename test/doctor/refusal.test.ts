/**
 * A plan that is errored or incomplete is refused: exit 2, nothing checked, and each format says
 * why. fixtures/errored-plan/plan.json is the real JSON of a plan whose precondition failed
 * (terraform 1.11.4 still writes the plan file; fixtures-live.test.ts plans it again).
 */
import * as fs from 'fs';
import { main, type Io } from '../../src/cli';
import { IncompletePlanError, parsePlan } from '../../src/doctor/plan/parse';
import { planJsonPath } from './fixtures';

const errored = fs.readFileSync(planJsonPath('errored-plan'), 'utf8');

function run(argv: string[], text: string) {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), read: () => text };
  return { code: main(['doctor', ...argv, 'plan.json'], io), stdout, stderr };
}

describe('plans that are not complete', () => {
  it('the errored fixture is what terraform writes for a failed plan: errored, and part of the changes', () => {
    const raw = JSON.parse(errored);
    expect([raw.errored, raw.complete, raw.applyable]).toEqual([true, false, false]);
    expect(raw.resource_changes.map((rc: { address: string }) => rc.address)).toEqual(['terraform_data.planned']);
  });

  it('human: exit 2, the reason on stderr, nothing on stdout', () => {
    const result = run([], errored);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toMatch(
      /^efs-modules doctor: plan\.json: this plan is errored \("errored": true\): .*so nothing was checked\. Fix the errors terraform plan printed/,
    );
  });

  it('json, run-task and sarif: exit 2 and a document that says nothing was checked', () => {
    const json = run(['--json'], errored);
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      findings: [],
      error: expect.stringMatching(/nothing was checked/),
    });
    const runTask = run(['--format', 'run-task'], errored);
    expect(runTask.code).toBe(2);
    expect(JSON.parse(runTask.stdout).data.attributes).toMatchObject({
      status: 'failed',
      message: expect.stringMatching(/^efs-modules doctor did not check this plan: .*errored/),
    });
    const sarif = run(['--format', 'sarif'], errored);
    expect(sarif.code).toBe(2);
    const [invocation] = JSON.parse(sarif.stdout).runs[0].invocations;
    expect(invocation).toMatchObject({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: expect.stringMatching(/errored/) } }],
    });
    expect(JSON.parse(sarif.stdout).runs[0].results).toEqual([]);
  });

  it('refuses an incomplete plan (-target, deferred changes), not one that only has nothing to apply', () => {
    const plan = (flags: object) => JSON.stringify({ format_version: '1.2', resource_changes: [], ...flags });
    expect(() => parsePlan(plan({ errored: false, complete: false, applyable: true }))).toThrow(IncompletePlanError);
    expect(() => parsePlan(plan({ errored: false, complete: false }))).toThrow(
      /incomplete \("complete": false\).*-target/,
    );
    // What terraform 1.11.4 writes for a plan with no changes: not applyable, and fine.
    expect(parsePlan(plan({ errored: false, complete: true, applyable: false })).resource_changes).toEqual([]);
  });
});
