/**
 * `efs-modules doctor --strict` on a CDKTF stack written as a new user writes one
 * (test/fixtures/cdktf-held-out/stack.ts: a file system, a grant, two access points, a Lambda
 * function and an ECS service), synthesized and planned offline: the constructs' own output must
 * not blind the tool that checks it. One plan; the examples are checked where they are planned.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App } from '../../src/cdktf';
import { HeldOutStack } from '../fixtures/cdktf-held-out/stack';
import { doctorFindings } from '../support/doctor-clean';
import { PlanJson, init, makeTempDir, plan, providerOverride } from '../support/terraform';

let planned: PlanJson;

beforeAll(async () => {
  const outdir = makeTempDir('efs-modules-held-out-');
  const app = new App({ outdir });
  new HeldOutStack(app, 'held-out');
  app.synth();
  const dir = join(outdir, 'stacks', 'held-out');
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  await init(dir);
  planned = await plan(dir);
});

test('plans the file system, both access points, the grant, the function and the service', () => {
  const types = (planned.resource_changes ?? []).map((c) => c.type);
  expect(types.filter((t) => t === 'aws_efs_access_point')).toHaveLength(2);
  expect(types).toEqual(
    expect.arrayContaining(['aws_efs_file_system', 'aws_iam_role_policy', 'aws_lambda_function', 'aws_ecs_service']),
  );
});

test('passes efs-modules doctor --strict clean', () => {
  expect(doctorFindings(planned)).toEqual([]);
});
