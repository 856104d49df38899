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
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/examples';
import { awsSchema, stateFromPlan } from '../support/state';
import { PlanJson, ResourceChange, init, plan, providerOverride, stage } from '../support/terraform';
import { ApplyGraph, happensAfter, nodeMatching, planWithApplyGraph } from '../mount-support/apply-graph';
import { graphOf, waitsFor } from '../mount-support/examples';
import { MountVersion, writeRoot } from '../mount-support/replacement-root';
import { settle } from '../mount-support/settled-state';

const V1: MountVersion = { name: 'app', root_directory: '/v1' };

type State = {
  resources: { module?: string; mode: string; type: string; name: string; instances: { index_key?: unknown; attributes: Record<string, unknown>; dependencies?: string[] }[] }[];
};

/**
 * Records in each instance the resources it depends on, as apply does (every resource it waits
 * for, through module inputs and outputs): Terraform orders the destruction of an old object
 * after the updates of its dependents from these, not from the configuration.
 */
async function recordDependencies(state: State, dir: string): Promise<void> {
  const graph = await graphOf(dir);
  for (const r of state.resources) {
    const address = `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}`;
    const dependencies = [...waitsFor(graph, address)].sort();
    for (const instance of r.instances) if (dependencies.length > 0) instance.dependencies = dependencies;
  }
}

const pending = (p: PlanJson): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op');

async function applied(dir: string, v1: MountVersion): Promise<PlanJson> {
  writeRoot(dir, v1);
  await init(dir);
  const created = await plan(dir);
  const state = stateFromPlan(created, await awsSchema(dir)) as State;
  await recordDependencies(state, dir);
  // Values computed from other resources' fakes (the function's access point ARN, the policy
  // JSON) are settled by planning v1 again and keeping what it computes.
  for (let round = 0; round < 3; round++) {
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
    if (settle(state, await plan(dir, { extraArgs: ['-refresh=false', '-lock=false'] })) === 0) break;
  }
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  return plan(dir, { extraArgs: ['-refresh=false', '-lock=false'] });
}

async function changeTo(v1: MountVersion, v2: MountVersion): Promise<{ again: PlanJson; v2: PlanJson; graph: ApplyGraph }> {
  const top = stage(ROOT, ['modules/efs-mount-lambda', 'modules/efs-mount-ecs'], { 'root/provider.tf': providerOverride() });
  const dir = join(top, 'root');
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  const again = await applied(dir, v1);
  writeRoot(dir, v2);
  const { plan: p, graph } = await planWithApplyGraph(dir);
  return { again, v2: p, graph };
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
  test.each(['lambda_mount', 'ecs_mount'])('module.%s creates the new access point before deleting the old one', (m) => {
    expect(actionsOf(rootChanged.v2, `module.${m}.aws_efs_access_point.this`)).toBe('create,delete');
  });

  test('the Lambda function is pointed at the new access point after it exists, and the old one goes after that', () => {
    const { graph } = rootChanged;
    expect(actionsOf(rootChanged.v2, 'aws_lambda_function.this')).toBe('update');
    const created = nodeMatching(graph, /^module\.lambda_mount\.aws_efs_access_point\.this$/);
    const deposed = nodeMatching(graph, /^module\.lambda_mount\.aws_efs_access_point\.this \(destroy deposed \w+\)$/);
    expect(happensAfter(graph, 'aws_lambda_function.this', created)).toBe(true);
    expect(happensAfter(graph, deposed, 'aws_lambda_function.this')).toBe(true);
  });

  test('the ECS task definition is re-created with the new access point after it exists, and the old one goes after that', () => {
    const { graph } = rootChanged;
    expect(actionsOf(rootChanged.v2, 'aws_ecs_task_definition.this')).toBe('delete,create');
    const created = nodeMatching(graph, /^module\.ecs_mount\.aws_efs_access_point\.this$/);
    const deposed = nodeMatching(graph, /^module\.ecs_mount\.aws_efs_access_point\.this \(destroy deposed \w+\)$/);
    expect(happensAfter(graph, 'aws_ecs_task_definition.this', created)).toBe(true);
    expect(happensAfter(graph, deposed, 'aws_ecs_task_definition.this')).toBe(true);
  });
});

describe('renaming a mount replaces its IAM role policy', () => {
  test.each(['lambda_mount', 'ecs_mount'])('module.%s creates the new policy before deleting the old one', (m) => {
    const address = `module.${m}.aws_iam_role_policy.this["role"]`;
    expect(actionsOf(renamed.v2, address)).toBe('create,delete');
    const created = nodeMatching(renamed.graph, new RegExp(`^module\\.${m}\\.aws_iam_role_policy\\.this\\["role"\\]$`));
    const deposed = nodeMatching(renamed.graph, new RegExp(`^module\\.${m}\\.aws_iam_role_policy\\.this\\["role"\\] \\(destroy deposed \\w+\\)$`));
    expect(happensAfter(renamed.graph, deposed, created)).toBe(true);
  });

  test.each(['lambda_mount', 'ecs_mount'])('module.%s keeps its access point (renamed in place: only its Name tag changes)', (m) => {
    expect(actionsOf(renamed.v2, `module.${m}.aws_efs_access_point.this`)).toBe('update');
  });
});
