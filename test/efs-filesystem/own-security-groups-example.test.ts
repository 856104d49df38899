/**
 * examples/efs-filesystem/own-security-groups, planned offline with the real AWS provider, in
 * HCL and as its TypeScript twin: no security group of the module's own, the user's group
 * (created in the same apply, unknown at plan time) on every mount target, and the same
 * planned resources and values both ways.
 */
import { fileSystemModuleTypes, normalizedChanges, planHclExample, planStack } from '../support/examples';
import { PlanJson, ResourceChange } from '../support/terraform';
import { doctorFindings } from '../support/doctor-clean';

let hcl: PlanJson;
let ts: PlanJson;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([
    planHclExample('efs-filesystem/own-security-groups'),
    planStack('efs-filesystem-own-security-groups'),
  ]);
}, 900_000);

const inModule = (p: PlanJson): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.module_address === 'module.efs');

test('the first plan works: the module creates a file system and two mount targets, and no security group or NFS rule', () => {
  const types = inModule(hcl).map((c) => c.type);
  expect(types.filter((t) => t === 'aws_efs_mount_target')).toHaveLength(2);
  expect(types).toContain('aws_efs_file_system');
  expect(types.filter((t) => t.includes('security_group'))).toEqual([]);
});

test("each mount target gets the user's group, whose ID is not known yet", () => {
  for (const mt of inModule(hcl).filter((c) => c.type === 'aws_efs_mount_target')) {
    expect(mt.change.after_unknown.security_groups).toBe(true);
  }
});

test('the TypeScript construct plans the same resources and values as the HCL module', () => {
  const fromHcl = normalizedChanges(hcl, fileSystemModuleTypes);
  expect(fromHcl.length).toBeGreaterThan(5);
  expect(normalizedChanges(ts, fileSystemModuleTypes)).toEqual(fromHcl);
});

test.each([
  ['HCL', () => hcl],
  ['TypeScript', () => ts],
] as const)('efs-modules doctor --strict passes the %s plan clean', (_how, plan) => {
  expect(doctorFindings(plan())).toEqual([]);
});
