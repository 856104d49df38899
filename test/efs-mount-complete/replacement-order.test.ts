/**
 * Replacements that never leave a client without its mount, proven on the apply graph of a
 * real-provider plan (`terraform graph -type=apply -plan=…`) against the state an apply of v1
 * would leave:
 * - a new root directory or POSIX user replaces the access point: the new one is created before
 *   the Lambda function is updated / the ECS task definition re-created to use it, and the old
 *   one is destroyed only after that (create_before_destroy on the access point);
 * - renaming a mount renames (so replaces) its IAM role policy: the new policy is created before
 *   the old one is deleted.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyGraph, applyGraph, before, savedPlan } from '../support/apply-graph';
import { ROOT } from '../support/examples';
import { PlanJson, ResourceChange, init, providerOverride, stage } from '../support/terraform';
import { MountVersion, writeRoot } from '../support/mounts/replacement-root';
import { writeAppliedState } from '../support/mounts/settled-state';
import { OFFLINE_PLAN_ARGS } from '../support/prepared-root';

const V1: MountVersion = { name: 'app', root_directory: '/v1' };

const pending = (p: PlanJson): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op');

async function changeTo(
  v1: MountVersion,
  v2: MountVersion,
): Promise<{ again: PlanJson; v2: PlanJson; graph: ApplyGraph }> {
  const top = stage(ROOT, ['modules/efs-mount-lambda', 'modules/efs-mount-ecs'], {
    'root/provider.tf': providerOverride(),
  });
  const dir = join(top, 'root');
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  writeRoot(dir, v1);
  await init(dir);
  const again = await writeAppliedState(dir);
  writeRoot(dir, v2);
  const saved = await savedPlan(dir, OFFLINE_PLAN_ARGS);
  return { again, v2: saved.json, graph: await applyGraph(dir, saved) };
}

let rootChanged: Awaited<ReturnType<typeof changeTo>>;
let renamed: Awaited<ReturnType<typeof changeTo>>;

beforeAll(async () => {
  [rootChanged, renamed] = await Promise.all([
    changeTo(V1, { ...V1, root_directory: '/v2', posix_user: { uid: 2000, gid: 2000 } }),
    changeTo(V1, { ...V1, name: 'renamed' }),
  ]);
}, 900_000);

test('the state is what an apply of v1 would leave: v1 planned again changes nothing', () => {
  expect(pending(rootChanged.again).map((c) => `${c.change.actions} ${c.address}`)).toEqual([]);
  expect(pending(renamed.again).map((c) => `${c.change.actions} ${c.address}`)).toEqual([]);
});

const actionsOf = (p: PlanJson, address: string): string => {
  const found = (p.resource_changes ?? []).find((c) => c.address === address);
  if (!found) throw new Error(`no change for ${address}`);
  return found.change.actions.join(',');
};

describe('a new root directory and POSIX user replace the access point', () => {
  test.each(['lambda_mount', 'ecs_mount'])(
    'module.%s creates the new access point before deleting the old one',
    (m) => {
      expect(actionsOf(rootChanged.v2, `module.${m}.aws_efs_access_point.this[0]`)).toBe('create,delete');
    },
  );

  test('the Lambda function is pointed at the new access point after it exists, and the old one goes after that', () => {
    const { graph } = rootChanged;
    expect(actionsOf(rootChanged.v2, 'aws_lambda_function.this')).toBe('update');
    const accessPoint = 'module.lambda_mount.aws_efs_access_point.this[0]';
    expect(before(graph, [accessPoint, 'apply'], ['aws_lambda_function.this', 'apply'])).toBe(true);
    expect(before(graph, ['aws_lambda_function.this', 'apply'], [accessPoint, 'destroy deposed'])).toBe(true);
  });

  test('the ECS task definition is re-created with the new access point after it exists, and the old one goes after that', () => {
    const { graph } = rootChanged;
    expect(actionsOf(rootChanged.v2, 'aws_ecs_task_definition.this')).toBe('delete,create');
    const accessPoint = 'module.ecs_mount.aws_efs_access_point.this[0]';
    expect(before(graph, [accessPoint, 'apply'], ['aws_ecs_task_definition.this', 'apply'])).toBe(true);
    expect(before(graph, ['aws_ecs_task_definition.this', 'apply'], [accessPoint, 'destroy deposed'])).toBe(true);
  });
});

describe('renaming a mount replaces its IAM role policy', () => {
  test.each(['lambda_mount', 'ecs_mount'])('module.%s creates the new policy before deleting the old one', (m) => {
    const address = `module.${m}.aws_iam_role_policy.this["role"]`;
    expect(actionsOf(renamed.v2, address)).toBe('create,delete');
    expect(before(renamed.graph, [address, 'apply'], [address, 'destroy deposed'])).toBe(true);
  });

  test.each(['lambda_mount', 'ecs_mount'])(
    'module.%s keeps its access point (renamed in place: only its Name tag changes)',
    (m) => {
      expect(actionsOf(renamed.v2, `module.${m}.aws_efs_access_point.this[0]`)).toBe('update');
    },
  );
});
