/**
 * The network inputs with the real provider: each case plans its v1 from nothing (the first
 * plan), gets the state that applying v1 would leave, then plans v2 (-refresh=false):
 * create_security_group on and off, security groups of the user's (given as IDs, or created in
 * the same configuration and unknown at the first plan), revoke_rules_on_delete, and a file system
 * without mount targets. A mount module given such a file system is refused at plan time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ApplyGraph, applyGraph, before, savedPlan } from '../support/apply-graph';
import { moduleInstances } from '../support/module-root';
import { OFFLINE_PLAN_ARGS, changeSummary, preparedRoot, rewrite } from '../support/prepared-root';
import { ROOT } from '../support/examples';
import { withoutIndex } from '../support/state';
import { PlanJson, init, planFailure, providerOverride, stage } from '../support/terraform';

const MINE = 'sg-0bbbbbbbbbbbbbbb2';
const OTHER = 'sg-0ccccccccccccccc3';
const BASE: Record<string, unknown> = {
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' }, b: { subnet_id: 'subnet-0123456789abcdef1' } },
};
const OWN_GROUPS = { create_security_group: false, mount_target_security_group_ids: [MINE] };

/** v1 and v2 inputs of each case, on top of BASE and a name of its own. */
const CASES: Record<string, [Record<string, unknown>, Record<string, unknown>]> = {
  unchanged: [{}, {}],
  groups_added: [{}, { mount_target_security_group_ids: [MINE] }],
  groups_changed: [{ mount_target_security_group_ids: [MINE] }, { mount_target_security_group_ids: [OTHER] }],
  group_dropped: [{ mount_target_security_group_ids: [MINE] }, OWN_GROUPS],
  group_added: [OWN_GROUPS, { mount_target_security_group_ids: [MINE] }],
  own_groups_unchanged: [OWN_GROUPS, OWN_GROUPS],
  revoke_rules: [{}, { security_group_revoke_rules_on_delete: true }],
  no_mount_targets: [{ mount_targets: {} }, { mount_targets: {} }],
  mount_targets_added: [{ mount_targets: {} }, {}],
  // A file system created before its network: no VPC, no group, no mount target.
  // A state written before create_security_group existed: the group without an index.
  before_count: [{}, {}],
  no_network: [
    { vpc_id: null, mount_targets: {}, create_security_group: false },
    { vpc_id: null, mount_targets: {}, create_security_group: false },
  ],
};

/** Groups of the user's created in the same configuration: their IDs are unknown at the first plan. */
const SAME_APPLY = `resource "aws_security_group" "shared" {
  name_prefix = "shared-"
  vpc_id      = "vpc-0123456789abcdef0"
}

module "same_apply" {
  source = "../modules/efs-filesystem"

  name                            = "same_apply"
  mount_targets                   = { a = { subnet_id = "subnet-0123456789abcdef0" } }
  create_security_group           = false
  mount_target_security_group_ids = [aws_security_group.shared.id]
}
`;

const root = (version: 0 | 1) =>
  `${moduleInstances('../modules/efs-filesystem', Object.keys(CASES), (name) => ({ name, ...BASE, ...CASES[name][version] }))}\n\n${SAME_APPLY}`;

/** The state the first plan's apply would leave. */
let applied: { resources: { module?: string; type: string }[] };
let planned: PlanJson;
let graph: ApplyGraph;

/** Resource types the module writes create_before_destroy. */
const CREATE_BEFORE_DESTROY = new Set([
  'aws_security_group',
  'aws_vpc_security_group_ingress_rule',
  'aws_vpc_security_group_egress_rule',
  'aws_efs_access_point',
]);

/**
 * Two facts of a real apply that the prepared state leaves out (and the one state of an older
 * version, before_count): Terraform records
 * create_before_destroy on the instances of such resources (it decides the order of deleting a
 * group that is no longer in the configuration), and the mount targets of same_apply hold the ID
 * the shared group got, not a fake.
 */
function asApplied(state: any): any {
  for (const r of state.resources) {
    for (const i of r.instances) if (CREATE_BEFORE_DESTROY.has(r.type)) i.create_before_destroy = true;
  }
  state = withoutIndex(state, (r) => r.module === 'module.before_count' && r.type === 'aws_security_group');
  const shared = state.resources.find((r: any) => !r.module && r.type === 'aws_security_group' && r.name === 'shared');
  for (const r of state.resources.filter(
    (r: any) => r.module === 'module.same_apply' && r.type === 'aws_efs_mount_target',
  )) {
    for (const i of r.instances) i.attributes.security_groups = [shared.instances[0].attributes.id];
  }
  return state;
}

beforeAll(async () => {
  const dir = await preparedRoot(['modules/efs-filesystem'], root(0));
  applied = asApplied(JSON.parse(readFileSync(join(dir, 'terraform.tfstate'), 'utf8')));
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(applied));
  rewrite(dir, root(1));
  const saved = await savedPlan(dir, OFFLINE_PLAN_ARGS);
  planned = saved.json;
  graph = await applyGraph(dir, saved);
}, 900_000);

const changes = (name: string) => changeSummary(planned, `module.${name}.`);
const change = (name: string, address: string) =>
  (planned.resource_changes ?? []).find((c) => c.address === `module.${name}.${address}`)!;
const MOUNT_TARGETS = ['aws_efs_mount_target.this["a"]', 'aws_efs_mount_target.this["b"]'];
const GROUP = 'aws_security_group.this[0]';

describe('first plan', () => {
  test('groups created in the same apply, unknown at plan time, plan and are applied (state written from that plan)', () => {
    const sameApply = applied.resources.filter((r) => r.module === 'module.same_apply').map((r) => r.type);
    expect(sameApply).toContain('aws_efs_mount_target');
    expect(sameApply).not.toContain('aws_security_group');
  });

  test('re-planning v1 changes nothing: the prepared state is what the apply leaves', () => {
    expect(changes('unchanged')).toEqual([]);
    expect(changes('own_groups_unchanged')).toEqual([]);
    expect(changes('same_apply')).toEqual([]);
  });
});

describe('a state from before create_security_group (the group at aws_security_group.this)', () => {
  test('Terraform moves the group to aws_security_group.this[0] by itself, and nothing changes', () => {
    const moved = change('before_count', GROUP) as ReturnType<typeof change> & { previous_address?: string };
    expect(moved.previous_address).toBe('module.before_count.aws_security_group.this');
    expect(moved.change.actions).toEqual(['no-op']);
    expect(changes('before_count')).toEqual([]);
  });
});

describe('mount_target_security_group_ids', () => {
  test('added: every mount target is updated in place with the module group and the user group, nothing else changes', () => {
    expect(changes('groups_added')).toEqual(MOUNT_TARGETS.map((mt) => `update ${mt}`));
    const after = change('groups_added', MOUNT_TARGETS[0]).change.after.security_groups as string[];
    expect(after).toContain(MINE);
    expect(after).toHaveLength(2);
  });

  test('another group: the mount targets are updated in place', () => {
    expect(changes('groups_changed')).toEqual(MOUNT_TARGETS.map((mt) => `update ${mt}`));
    expect(change('groups_changed', MOUNT_TARGETS[1]).change.after.security_groups).toContain(OTHER);
  });
});

describe('create_security_group', () => {
  test('to false: the group and its self rule are deleted, the mount targets keep only the user group, in place', () => {
    expect(changes('group_dropped')).toEqual(
      [
        `delete ${GROUP}`,
        ...MOUNT_TARGETS.map((mt) => `update ${mt}`),
        'delete aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
      ].sort(),
    );
    expect(change('group_dropped', MOUNT_TARGETS[0]).change.after.security_groups).toEqual([MINE]);
  });

  // AWS refuses to delete a group that a network interface still uses (DependencyViolation); the
  // provider retries the deletion until its delete timeout. So the mount targets must not wait for it.
  test('to false: the mount targets leave the group without waiting for its deletion', () => {
    for (const mt of MOUNT_TARGETS) {
      expect(before(graph, [`module.group_dropped.${GROUP}`, 'destroy'], [`module.group_dropped.${mt}`, 'apply'])).toBe(
        false,
      );
    }
  });

  test('to true: the group and its self rule are created and added to the mount targets in place', () => {
    expect(changes('group_added')).toEqual(
      [
        `create ${GROUP}`,
        ...MOUNT_TARGETS.map((mt) => `update ${mt}`),
        'create aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
      ].sort(),
    );
    for (const mt of MOUNT_TARGETS) {
      expect(before(graph, [`module.group_added.${GROUP}`, 'apply'], [`module.group_added.${mt}`, 'apply'])).toBe(true);
    }
  });

  test('no file system is touched by either change', () => {
    for (const name of ['group_dropped', 'group_added']) {
      expect(change(name, 'aws_efs_file_system.this').change.actions).toEqual(['no-op']);
    }
  });
});

describe('security_group_revoke_rules_on_delete', () => {
  test('updates the group in place', () => {
    expect(changes('revoke_rules')).toEqual([`update ${GROUP}`]);
    expect(change('revoke_rules', GROUP).change.after.revoke_rules_on_delete).toBe(true);
  });
});

describe('mount_targets = {}', () => {
  test('a file system without mount targets plans, and re-plans without changes', () => {
    expect(changes('no_mount_targets')).toEqual([]);
    expect(change('no_mount_targets', 'aws_efs_file_system.this').change.actions).toEqual(['no-op']);
  });

  test('without a VPC or a group of its own (created before its network) too', () => {
    expect(changes('no_network')).toEqual([]);
    const types = (planned.resource_changes ?? [])
      .filter((c) => c.address.startsWith('module.no_network.'))
      .map((c) => c.type);
    expect(types).toContain('aws_efs_file_system');
    expect(types).not.toContain('aws_security_group');
  });

  test('mount targets added later are created; the file system stays', () => {
    expect(changes('mount_targets_added')).toEqual(MOUNT_TARGETS.map((mt) => `create ${mt}`));
  });
});

describe('a mount module given a file system without mount targets', () => {
  test('is refused at plan time: nothing to mount, and what to do', async () => {
    const main = `module "efs" {
  source = "../modules/efs-filesystem"

  name   = "empty"
  vpc_id = "vpc-0123456789abcdef0"
}

module "mount" {
  source = "../modules/efs-mount-lambda"

  file_system = module.efs.file_system
  name        = "app"
  role_name   = "app-role"
}
`;
    const top = stage(ROOT, ['modules/efs-filesystem', 'modules/efs-mount-lambda'], {
      'root/provider.tf': providerOverride(),
      'root/main.tf': main,
    });
    const dir = join(top, 'root');
    await init(dir);
    const output = (await planFailure(dir)).replace(/[│╵╷]/g, '').replace(/\s+/g, ' ');
    expect(output).toContain(
      'file_system.mount_target_ids names no mount target (got {}): the file system cannot be reached from any subnet, so there is nothing to mount.',
    );
    expect(output).toContain(
      "Give efs-filesystem's mount_targets a subnet in each Availability Zone the function runs in, and pass file_system = module.efs.file_system.",
    );
  });
});
