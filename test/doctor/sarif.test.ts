/**
 * `--format sarif` against the SARIF 2.1.0 JSON schema (the copy the Microsoft SARIF SDK ships in
 * @microsoft/jest-sarif, version 2.1.0-rtm.5, a draft-04 schema), validated with ajv 6, on real
 * plans: one with findings of every severity and Security Hub controls, a clean one, and a refusal.
 */
import Ajv from 'ajv';
import { CHECKS } from '../../src/doctor/checks';
import { diagnose } from '../../src/doctor/diagnose';
import { sarifRefusal, toSarif, type SarifLog } from '../../src/doctor/report/sarif';
import { committedPlan } from './fixtures';

const ajv = new Ajv({ schemaId: 'auto', allErrors: true });
ajv.addMetaSchema(require('ajv/lib/refs/json-schema-draft-04.json'));
const validate = ajv.compile(require('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'));

function expectValid(log: SarifLog): void {
  const valid = validate(JSON.parse(JSON.stringify(log)));
  expect(ajv.errorsText(validate.errors)).toBe('No errors');
  expect(valid).toBe(true);
}

describe('SARIF output', () => {
  const hygiene = toSarif(diagnose(committedPlan('efs-hygiene')), { artifact: 'infra/main.tf' });

  it('is valid SARIF 2.1.0: with findings, with none, and for a plan it refused', () => {
    expectValid(hygiene);
    expectValid(toSarif(diagnose(committedPlan('clean'))));
    expectValid(sarifRefusal('this plan is errored'));
  });

  it('the schema check can fail: a log missing what SARIF requires is refused', () => {
    const broken = JSON.parse(JSON.stringify(hygiene));
    delete broken.runs[0].results[0].message;
    broken.runs[0].results[1].level = 'fatal';
    expect(validate(broken)).toBe(false);
  });

  it('has one rule per check, with help text and the Security Hub controls as tags and a property', () => {
    const rules = hygiene.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(CHECKS.map((c) => c.id));
    const publicSubnet = rules.find((r) => r.id === 'mount-target-public-subnet');
    expect(publicSubnet?.help.text).toMatch(/EFS\.6/);
    expect(publicSubnet?.properties).toEqual({
      tags: ['terraform', 'efs', 'security-hub:EFS.6'],
      securityHub: ['EFS.6'],
    });
    expect(rules.every((r) => r.help.text.length > 40 && r.helpUri.endsWith(`#${r.id}`))).toBe(true);
  });

  it('gives each result its level, message, rule index and the resource address as a logical location', () => {
    const results = hygiene.runs[0].results;
    const sameZone = results.find((r) => r.ruleId === 'mount-target-same-zone');
    expect(sameZone).toMatchObject({
      level: 'error',
      ruleIndex: CHECKS.findIndex((c) => c.id === 'mount-target-same-zone'),
      message: { text: expect.stringMatching(/^aws_efs_mount_target\.plain_a2: is in Availability Zone us-east-1a/) },
      locations: [
        {
          logicalLocations: [{ fullyQualifiedName: 'aws_efs_mount_target.plain_a2', kind: 'resource' }],
          physicalLocation: { artifactLocation: { uri: 'infra/main.tf' } },
        },
      ],
    });
    expect(results.find((r) => r.ruleId === 'file-system-backup')).toMatchObject({
      level: 'warning',
      properties: { securityHub: ['EFS.2', 'EFS.7'] },
    });
    expect(new Set(results.map((r) => r.partialFingerprints['efsModulesDoctor/v1'])).size).toBe(results.length);
  });
});
