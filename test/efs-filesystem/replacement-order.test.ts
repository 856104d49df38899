/**
 * Replacements that never leave a client without its mount: when a change replaces the
 * security group, a rule or an access point, the apply graph of the saved plan (real provider,
 * prepared state) creates the new object before the old one is deleted, and repoints whatever
 * uses it (mount targets, a client reading the output) in between.
 */
import { ApplyGraph, Step, applyGraph, before, savedPlan } from '../support/apply-graph';
import { moduleInstances } from '../support/module-root';
import { OFFLINE_PLAN_ARGS, changeSummary, preparedRoot, rewrite } from '../support/prepared-root';
import type { PlanJson } from '../support/terraform';

const BASE: Record<string, unknown> = {
  name: 'keep',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' }, b: { subnet_id: 'subnet-0123456789abcdef1' } },
  access_points: { app: { root_directory: '/app', posix_user: { uid: 1000, gid: 1000 } } },
  allowed_security_groups: { app: 'sg-0123456789abcdef0' },
  allowed_cidrs: { office: '10.0.0.0/16' },
};

const CASES: Record<string, Record<string, unknown>> = {
  unchanged: {},
  renamed: { name: 'renamed' },
  described: { security_group_description: 'Shared files of the keep team' },
  // How a group gets a new name or description now that both are set once: -replace of the group.
  group_replaced: { name: 'replaced' },
  root_directory: { access_points: { app: { root_directory: '/app2', posix_user: { uid: 1000, gid: 1000 } } } },
  posix_user: { access_points: { app: { root_directory: '/app', posix_user: { uid: 2000, gid: 2000 } } } },
  group_changed: { allowed_security_groups: { app: 'sg-0123456789abcdef1' } },
  vpc_moved: {
    vpc_id: 'vpc-0123456789abcdef1',
    mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef8' }, b: { subnet_id: 'subnet-0123456789abcdef9' } },
  },
  mount_target_moved: {
    mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' }, b: { subnet_id: 'subnet-0123456789abcdef2' } },
  },
  replication_added: { replication: { region: 'us-west-2' } },
  replication_removed: { replication: null },
  replication_moved: { replication: { region: 'eu-west-1' } },
};

/** Cases that start from other inputs than BASE. */
const V1: Record<string, Record<string, unknown>> = {
  replication_removed: { replication: { region: 'us-west-2' } },
  replication_moved: { replication: { region: 'us-west-2' } },
};

/** Something outside the module that uses its group and its access point, as a function or task would. */
const clients = Object.keys(CASES)
  .map(
    (name) =>
      `resource "terraform_data" "client_${name}" {\n  input = [module.${name}.security_group_id, module.${name}.access_points["app"].arn]\n}`,
  )
  .join('\n\n');

const root = (inputs: (name: string) => Record<string, unknown>) =>
  `${moduleInstances('../modules/efs-filesystem', Object.keys(CASES), inputs)}\n\n${clients}\n`;

let planned: PlanJson;
let graph: ApplyGraph;

beforeAll(async () => {
  const dir = await preparedRoot(
    ['modules/efs-filesystem'],
    root((name) => ({ ...BASE, ...V1[name] })),
  );
  rewrite(
    dir,
    root((name) => ({ ...BASE, ...CASES[name] })),
  );
  const saved = await savedPlan(dir, [
    ...OFFLINE_PLAN_ARGS,
    '-replace=module.group_replaced.aws_security_group.this[0]',
  ]);
  planned = saved.json;
  graph = await applyGraph(dir, saved);
}, 600_000); // several plans of many module instances, on a shared machine

const at = (mod: string, address: string, step: Step): [string, Step] => [`module.${mod}.${address}`, step];
const replaced = (mod: string) =>
  changeSummary(planned, `module.${mod}.`)
    .filter((c) => c.startsWith('create+delete'))
    .map((c) => c.split(' ')[1]);

test('the prepared state matches the base inputs: planning them again changes nothing', () => {
  expect(changeSummary(planned, 'module.unchanged.')).toEqual([]);
});

const RULES = [
  'aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]',
  'aws_vpc_security_group_ingress_rule.nfs_from_self[0]',
  'aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"]',
  'aws_vpc_security_group_egress_rule.nfs_to_file_system["app"]',
];
const GROUP = 'aws_security_group.this[0]';
const MOUNT_TARGETS = ['aws_efs_mount_target.this["a"]', 'aws_efs_mount_target.this["b"]'];

describe("the security group's name and description are set once", () => {
  test('renamed: the group keeps its name; its Name tag follows, and nothing is replaced', () => {
    expect(replaced('renamed')).toEqual([]);
    expect(changeSummary(planned, 'module.renamed.')).toContain(`update ${GROUP}`);
  });

  test('described: nothing changes', () => {
    expect(changeSummary(planned, 'module.described.')).toEqual([]);
  });
});

describe.each(['group_replaced'])(
  '%s (-replace, to give it a new name): the security group is replaced create-before-destroy',
  (mod) => {
    test('the group and every NFS rule are replaced, new first; nothing else is', () => {
      expect(replaced(mod)).toEqual([GROUP, ...RULES].sort());
      expect(
        changeSummary(planned, `module.${mod}.`).filter(
          (c) => c.startsWith('delete ') || c.startsWith('delete+create'),
        ),
      ).toEqual([]);
    });

    test('the mount targets move to the new group in place', () => {
      for (const mt of MOUNT_TARGETS) expect(changeSummary(planned, `module.${mod}.`)).toContain(`update ${mt}`);
    });

    test('the new group exists before the old one is deleted', () => {
      expect(before(graph, at(mod, GROUP, 'apply'), at(mod, GROUP, 'destroy deposed'))).toBe(true);
    });

    test.each(RULES)('%s: created before the mount targets move, deleted after', (rule) => {
      for (const mt of MOUNT_TARGETS) {
        expect(before(graph, at(mod, rule, 'apply'), at(mod, mt, 'apply'))).toBe(true);
        expect(before(graph, at(mod, mt, 'apply'), at(mod, rule, 'destroy deposed'))).toBe(true);
      }
    });

    test('the old group goes only after the mount targets have left it and a client was repointed', () => {
      for (const mt of MOUNT_TARGETS)
        expect(before(graph, at(mod, mt, 'apply'), at(mod, GROUP, 'destroy deposed'))).toBe(true);
      expect(before(graph, [`terraform_data.client_${mod}`, 'apply'], at(mod, GROUP, 'destroy deposed'))).toBe(true);
    });
  },
);

describe.each(['root_directory', 'posix_user'])('%s: the access point is replaced create-before-destroy', (mod) => {
  const AP = 'aws_efs_access_point.this["app"]';

  test('only the access point is replaced', () => {
    expect(replaced(mod)).toEqual([AP]);
  });

  test('the new access point exists before its client is repointed, and the old one goes after', () => {
    expect(before(graph, at(mod, AP, 'apply'), [`terraform_data.client_${mod}`, 'apply'])).toBe(true);
    expect(before(graph, [`terraform_data.client_${mod}`, 'apply'], at(mod, AP, 'destroy deposed'))).toBe(true);
  });
});

describe('group_changed: another group under the same name', () => {
  test('the ingress rule updates in place; the egress rule moves to the new client group create-before-destroy', () => {
    const changes = changeSummary(planned, 'module.group_changed.');
    expect(changes).toEqual([
      'create+delete aws_vpc_security_group_egress_rule.nfs_to_file_system["app"]',
      'update aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]',
    ]);
  });
});

describe('vpc_moved: a new VPC and subnets', () => {
  test('replaces the group create-before-destroy and each mount target delete-then-create', () => {
    const changes = changeSummary(planned, 'module.vpc_moved.');
    expect(changes).toContain(`create+delete ${GROUP}`);
    for (const mt of MOUNT_TARGETS) expect(changes).toContain(`delete+create ${mt}`);
  });
});

describe('mount_target_moved: a new subnet for one key', () => {
  test('replaces that mount target only, delete-then-create', () => {
    expect(changeSummary(planned, 'module.mount_target_moved.')).toEqual([
      'delete+create aws_efs_mount_target.this["b"]',
    ]);
  });
});

describe('replication', () => {
  const REPLICA = 'aws_efs_replication_configuration.this["replica"]';
  test.each([
    ['replication_added', [`create ${REPLICA}`]],
    ['replication_removed', [`delete ${REPLICA}`]],
    ['replication_moved', [`delete+create ${REPLICA}`]],
  ])('%s touches the replication only', (mod, changes) => {
    expect(changeSummary(planned, `module.${mod}.`)).toEqual(changes);
  });
});
