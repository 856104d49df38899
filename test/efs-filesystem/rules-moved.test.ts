/**
 * The CHANGELOG's upgrade recipe, proven with the real provider: a deployment of efs-filesystem
 * from before its NFS rules were keyed by name (list inputs, rules by `count` index; frozen in
 * test/fixtures/efs-filesystem-count-rules), upgraded to the map inputs with the `moved` blocks
 * the CHANGELOG shows, keeps every rule (moved to its key, at most updated in place) and every
 * other resource. The same upgrade without the blocks would delete and re-create the rules.
 */
import { moduleInstances } from '../support/module-root';
import { OFFLINE_PLAN_ARGS, changeSummary, preparedRoot, rewrite } from '../support/prepared-root';
import { PlanJson, init, plan } from '../support/terraform';

const COMMON = {
  name: 'upgrade',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' }, b: { subnet_id: 'subnet-0123456789abcdef1' } },
  access_points: { app: { root_directory: '/app', posix_user: { uid: 1000, gid: 1000 } } },
};
const BEFORE = {
  ...COMMON,
  allowed_security_group_ids: ['sg-0123456789abcdef0', 'sg-0123456789abcdef1'],
  allowed_cidr_blocks: ['10.0.0.0/16', 'fd00::/8'],
};
const AFTER = {
  ...COMMON,
  allowed_security_groups: { app: 'sg-0123456789abcdef0', batch: 'sg-0123456789abcdef1' },
  allowed_cidrs: { office: '10.0.0.0/16', lab: 'fd00::/8' },
};
const INSTANCES = ['with_moved', 'without_moved'];

/** The blocks the CHANGELOG tells users to write, for the module instance `mod`. */
const moved = (mod: string) =>
  [
    ['nfs_from_security_groups[0]', 'nfs_from_security_groups["app"]'],
    ['nfs_from_security_groups[1]', 'nfs_from_security_groups["batch"]'],
    ['nfs_from_cidr_blocks[0]', 'nfs_from_cidrs["office"]'],
    ['nfs_from_cidr_blocks[1]', 'nfs_from_cidrs["lab"]'],
  ]
    .map(
      ([from, to]) =>
        `moved {\n  from = module.${mod}.aws_vpc_security_group_ingress_rule.${from}\n  to   = module.${mod}.aws_vpc_security_group_ingress_rule.${to}\n}`,
    )
    .join('\n\n');

let upgraded: PlanJson;

beforeAll(async () => {
  const v1 = moduleInstances('../test/fixtures/efs-filesystem-count-rules', INSTANCES, () => BEFORE);
  const dir = await preparedRoot(['modules/efs-filesystem', 'test/fixtures/efs-filesystem-count-rules'], v1);
  rewrite(dir, `${moduleInstances('../modules/efs-filesystem', INSTANCES, () => AFTER)}\n\n${moved('with_moved')}\n`);
  await init(dir); // the instances now come from another source
  upgraded = await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
}, 600_000); // several plans of many module instances, on a shared machine

const RULES = 'aws_vpc_security_group_ingress_rule';
/**
 * The same upgrade also swaps the replacement guard's old record for its witness (see the
 * CHANGELOG): neither is an AWS resource, and the file system is not touched.
 */
const GUARD_SWAP = [
  'delete terraform_data.file_system_settings',
  'create terraform_data.module_created',
  // The record of the creation token the guard checks an allowed replacement against.
  'create terraform_data.creation_token',
];

test('with the moved blocks, no rule and no other resource is deleted or replaced', () => {
  const destructive = changeSummary(upgraded, 'module.with_moved.').filter((c) => c.includes('delete'));
  expect(destructive.filter((c) => !GUARD_SWAP.includes(c))).toEqual([]);
});

test('with the moved blocks, each rule is carried to its key and at most updated in place', () => {
  const changes = (upgraded.resource_changes ?? []) as ((typeof upgraded.resource_changes & object)[number] & {
    previous_address?: string;
  })[];
  const carried = changes
    .filter((c) => c.address.startsWith(`module.with_moved.${RULES}.`) && c.previous_address)
    .map((c) => [
      c.previous_address!.replace('module.with_moved.', ''),
      c.address.replace('module.with_moved.', ''),
      c.change.actions.join(),
    ]);
  expect(carried.sort()).toEqual([
    [`${RULES}.nfs_from_cidr_blocks[0]`, `${RULES}.nfs_from_cidrs["office"]`, 'update'],
    [`${RULES}.nfs_from_cidr_blocks[1]`, `${RULES}.nfs_from_cidrs["lab"]`, 'update'],
    [`${RULES}.nfs_from_security_groups[0]`, `${RULES}.nfs_from_security_groups["app"]`, 'update'],
    [`${RULES}.nfs_from_security_groups[1]`, `${RULES}.nfs_from_security_groups["batch"]`, 'update'],
  ]);
});

test('with the moved blocks, only the new egress rules are created', () => {
  const created = changeSummary(upgraded, 'module.with_moved.').filter(
    (c) => c.startsWith('create') && !GUARD_SWAP.includes(c),
  );
  expect(created).toEqual([
    'create aws_vpc_security_group_egress_rule.nfs_to_file_system["app"]',
    'create aws_vpc_security_group_egress_rule.nfs_to_file_system["batch"]',
  ]);
});

test('without them, the same upgrade would delete the rules and re-create them', () => {
  const deleted = changeSummary(upgraded, 'module.without_moved.').filter(
    (c) => c.startsWith('delete') && !GUARD_SWAP.includes(c),
  );
  expect(deleted).toEqual([
    `delete ${RULES}.nfs_from_cidr_blocks[0]`,
    `delete ${RULES}.nfs_from_cidr_blocks[1]`,
    `delete ${RULES}.nfs_from_security_groups[0]`,
    `delete ${RULES}.nfs_from_security_groups[1]`,
  ]);
});
