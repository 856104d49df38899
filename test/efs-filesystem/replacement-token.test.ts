/**
 * An allowed replacement of a file system that has a creation_token, against the state an apply
 * leaves (real provider). The replacement is create-before-destroy (the access points' need,
 * which Terraform extends to the file system), so the new file system would be created while the
 * old one still holds the token, and EFS refuses a second file system with a token in use
 * (FileSystemAlreadyExists). The plan says so instead; without the token the replacement applies,
 * the new file system first, with a token the provider makes for it. (A new token with the
 * permission replaces the file system: replacement-guard.test.ts, allowed_creation_token.)
 */
import { ApplyGraph, applyGraph, before, savedPlan } from '../support/apply-graph';
import { moduleInstances } from '../support/module-root';
import { OFFLINE_PLAN_ARGS, preparedRoot, rewrite } from '../support/prepared-root';
import { type PlanJson, terraform } from '../support/terraform';

const BASE: Record<string, unknown> = {
  name: 'tokened',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } },
  access_points: { app: { root_directory: '/app', posix_user: { uid: 1000, gid: 1000 } } },
  creation_token: 'tokened-files',
};
/** Another reason to replace the file system, allowed. */
const NEW_KEY = {
  kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  allow_file_system_replacement: true,
};
const FS = 'module.efs.aws_efs_file_system.this';

let refused = '';
let planned: PlanJson;
let graph: ApplyGraph;

beforeAll(async () => {
  const dir = await preparedRoot(
    ['modules/efs-filesystem'],
    moduleInstances('../modules/efs-filesystem', ['efs'], () => BASE),
  );
  rewrite(
    dir,
    moduleInstances('../modules/efs-filesystem', ['efs'], () => ({ ...BASE, ...NEW_KEY })),
  );
  const failed = await terraform(dir, ['plan', '-no-color', '-input=false', ...OFFLINE_PLAN_ARGS], {
    allowFailure: true,
  });
  expect(failed.exitCode).toBe(1);
  refused = failed.stderr.replace(/│ ?/g, '').replace(/\s+/g, ' ');
  rewrite(
    dir,
    moduleInstances('../modules/efs-filesystem', ['efs'], () => ({ ...BASE, ...NEW_KEY, creation_token: null })),
  );
  const saved = await savedPlan(dir, OFFLINE_PLAN_ARGS);
  planned = saved.json;
  graph = await applyGraph(dir, saved);
}, 300_000);

test('with the token kept, the plan is refused with the reason and the way out, and nothing else', () => {
  expect(refused).toContain(
    'creation_token is "tokened-files", and this plan replaces the file system "tokened" create-before-destroy (its access points need it): ' +
      'the new file system would be created while the old one still holds the token, and EFS refuses a second file system with a token in use. ' +
      'Leave creation_token out for the apply that replaces it (the new file system gets a token of its own), or give a new one.',
  );
  expect(refused.match(/Error: /g)).toHaveLength(1);
});

test('without the token, the new file system is created before the old one is deleted, with a token of its own', () => {
  const change = planned.resource_changes!.find((c) => c.address === FS)!;
  expect(change.change.actions).toEqual(['create', 'delete']);
  expect((change.change.after_unknown as Record<string, unknown>).creation_token).toBe(true);
  expect(before(graph, [FS, 'apply'], [FS, 'destroy deposed'])).toBe(true);
});
