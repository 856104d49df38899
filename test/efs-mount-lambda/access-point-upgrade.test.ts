/**
 * Upgrading a deployed mount to the release that made its access point optional: the state an
 * older release leaves holds the access point without an index (`aws_efs_access_point.this`) and
 * no `terraform_data.input_checks`. Planned with the real AWS provider against that state, the
 * access point is moved to `[0]` by Terraform itself (the move `count` implies), nothing is
 * replaced, and the only change is the new checks holder. The shared build makes it the same for
 * efs-mount-ecs.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CLIENT, FILE_SYSTEM } from '../../src/modules/mount/cases';
import { ROOT } from '../support/examples';
import { PlanJson, ResourceChange, init, plan, providerOverride, stage } from '../support/terraform';
import { caseHcl } from '../support/mounts/change-root';
import { writeAppliedState } from '../support/mounts/settled-state';
import { OFFLINE_PLAN_ARGS } from '../support/prepared-root';
import { withoutIndex, withoutResources } from '../support/state';

const MOUNT = 'module.lambda_deployed';
let upgraded: PlanJson;

beforeAll(async () => {
  const dir = join(stage(ROOT, ['modules/efs-mount-lambda'], { 'root/provider.tf': providerOverride() }), 'root');
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  writeFileSync(
    join(dir, 'main.tf'),
    caseHcl('lambda', 'deployed', {
      file_system: FILE_SYSTEM,
      name: 'app',
      root_directory: '/app',
      role_name: CLIENT.role,
      security_group_id: CLIENT.securityGroupId,
    }),
  );
  await init(dir);
  await writeAppliedState(dir);
  // The state as the release before access_point left it: no index, no checks holder.
  const applied = JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8'));
  const older = withoutIndex(
    withoutResources(applied, (r) => r.type === 'terraform_data'),
    (r) => r.type === 'aws_efs_access_point',
  );
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(older));
  upgraded = await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
}, 900_000);

const pending = (p: PlanJson): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op');

test('the access point without an index is moved to [0], unchanged', () => {
  // `terraform show -json` names the address a moved instance had before.
  const accessPoint = (upgraded.resource_changes ?? []).find(
    (c) => c.address === `${MOUNT}.aws_efs_access_point.this[0]`,
  ) as (ResourceChange & { previous_address?: string }) | undefined;
  expect(accessPoint?.previous_address).toBe(`${MOUNT}.aws_efs_access_point.this`);
  expect(accessPoint?.change.actions).toEqual(['no-op']);
});

test('the only change is the new checks holder: nothing is replaced, the function stays', () => {
  expect(pending(upgraded).map((c) => `${c.change.actions} ${c.address}`)).toEqual([
    `create ${MOUNT}.terraform_data.input_checks`,
  ]);
});
