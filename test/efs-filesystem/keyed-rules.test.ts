/**
 * NFS rules keyed by the names users choose (allowed_security_groups, allowed_cidrs): with the
 * real provider against a prepared state, adding, removing or reordering one entry touches that
 * entry only; a first plan works with IDs of groups created in the same apply; and one group
 * under two names is refused, at plan when the IDs are known, during apply before any rule of
 * the map is created when they are not.
 */
import { join } from 'node:path';
import { ROOT } from '../support/examples';
import { moduleInstances } from '../support/module-root';
import { OFFLINE_PLAN_ARGS, changeSummary, preparedRoot, rewrite } from '../support/prepared-root';
import { PlanJson, init, plan, providerOverride, stage, stripAnsi, test as terraformTest } from '../support/terraform';

const GROUPS = { app: 'sg-0123456789abcdef0', batch: 'sg-0123456789abcdef1', cron: 'sg-0123456789abcdef2' };
const CIDRS = { office: '10.0.0.0/16', lab: '10.1.0.0/16', vpn: 'fd00::/8' };
const BASE: Record<string, unknown> = {
  name: 'keyed',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } },
  allowed_security_groups: GROUPS,
  allowed_cidrs: CIDRS,
};

const CASES: Record<string, Record<string, unknown>> = {
  unchanged: {},
  groups_first_removed: { allowed_security_groups: { batch: GROUPS.batch, cron: GROUPS.cron } },
  groups_added_first: { allowed_security_groups: { aaa: 'sg-0123456789abcdef3', ...GROUPS } },
  groups_reordered: { allowed_security_groups: { cron: GROUPS.cron, app: GROUPS.app, batch: GROUPS.batch } },
  groups_one_changed: { allowed_security_groups: { ...GROUPS, batch: 'sg-0123456789abcdef4' } },
  cidrs_first_removed: { allowed_cidrs: { lab: CIDRS.lab, vpn: CIDRS.vpn } },
  cidrs_added_first: { allowed_cidrs: { aaa: '10.2.0.0/16', ...CIDRS } },
  cidrs_reordered: { allowed_cidrs: { vpn: CIDRS.vpn, office: CIDRS.office, lab: CIDRS.lab } },
  cidrs_one_changed: { allowed_cidrs: { ...CIDRS, lab: '10.3.0.0/16' } },
  cidrs_family_changed: { allowed_cidrs: { ...CIDRS, office: 'fd01::/16' } },
  egress_rules_off: { client_egress_rules: false },
};

const INGRESS = 'aws_vpc_security_group_ingress_rule';
const EGRESS = 'aws_vpc_security_group_egress_rule.nfs_to_file_system';

/** A first configuration: the VPC and client group created in the same apply, their IDs unknown at plan time. */
const SAME_APPLY = `
resource "aws_vpc" "this" {
  cidr_block = "10.20.0.0/16"
}

resource "aws_subnet" "a" {
  vpc_id     = aws_vpc.this.id
  cidr_block = "10.20.1.0/24"
}

resource "aws_security_group" "app" {
  name_prefix = "app-"
  vpc_id      = aws_vpc.this.id
}

module "efs" {
  source = "../modules/efs-filesystem"

  name                    = "first"
  vpc_id                  = aws_vpc.this.id
  mount_targets           = { a = { subnet_id = aws_subnet.a.id } }
  allowed_security_groups = { app = aws_security_group.app.id }
  allowed_cidrs           = { vpc = aws_vpc.this.cidr_block }
}
`;

/** One group under two names, its ID unknown until the group exists; applied against a mock provider. */
const DUPLICATE_UNKNOWN = `
resource "aws_security_group" "app" {
  name   = "app"
  vpc_id = "vpc-0123456789abcdef0"
}

module "efs" {
  source = "../modules/efs-filesystem"

  name                    = "dup"
  vpc_id                  = "vpc-0123456789abcdef0"
  mount_targets           = { a = { subnet_id = "subnet-0123456789abcdef0" } }
  allowed_security_groups = { app = aws_security_group.app.id, again = aws_security_group.app.id }
}
`;
const DUPLICATE_TEST = `
mock_provider "aws" {
  mock_data "aws_iam_policy_document" {
    defaults = { json = "{\\"Version\\":\\"2012-10-17\\",\\"Statement\\":[]}" }
  }
  mock_resource "aws_security_group" {
    defaults = { id = "sg-0123456789abcdef9" }
  }
}

run "plan" {
  command = plan
}

run "apply" {
  command = apply
}
`;

let changed: PlanJson;
let first: PlanJson;
let duplicate = '';

beforeAll(async () => {
  const firstDir = join(
    stage(ROOT, ['modules/efs-filesystem'], { 'root/main.tf': SAME_APPLY, 'root/provider.tf': providerOverride() }),
    'root',
  );
  const dupDir = join(
    stage(ROOT, ['modules/efs-filesystem'], {
      'root/main.tf': DUPLICATE_UNKNOWN,
      'root/tests/duplicate.tftest.hcl': DUPLICATE_TEST,
    }),
    'root',
  );
  const root = (inputs: (name: string) => Record<string, unknown>) =>
    moduleInstances('../modules/efs-filesystem', Object.keys(CASES), inputs);
  const [dir] = await Promise.all([
    preparedRoot(
      ['modules/efs-filesystem'],
      root(() => BASE),
    ),
    init(firstDir).then(async () => {
      first = await plan(firstDir);
    }),
    init(dupDir).then(async () => {
      const run = await terraformTest(dupDir, { allowFailure: true });
      duplicate = stripAnsi(`${run.stdout}\n${run.stderr}`);
    }),
  ]);
  rewrite(
    dir,
    root((name) => ({ ...BASE, ...CASES[name] })),
  );
  changed = await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
}, 600_000); // several plans of many module instances, on a shared machine

const summary = (name: string) => changeSummary(changed, `module.${name}.`);

test('the prepared state matches the base inputs: planning them again changes nothing', () => {
  expect(summary('unchanged')).toEqual([]);
});

describe('allowed_security_groups: only the entry touched changes', () => {
  test('removing the first entry deletes its two rules only', () => {
    expect(summary('groups_first_removed')).toEqual([
      `delete ${EGRESS}["app"]`,
      `delete ${INGRESS}.nfs_from_security_groups["app"]`,
    ]);
  });

  test('adding an entry that sorts first creates its two rules only', () => {
    expect(summary('groups_added_first')).toEqual([
      `create ${EGRESS}["aaa"]`,
      `create ${INGRESS}.nfs_from_security_groups["aaa"]`,
    ]);
  });

  test('writing the entries in another order changes nothing', () => {
    expect(summary('groups_reordered')).toEqual([]);
  });

  test("another group under one name changes that name's rules only", () => {
    expect(summary('groups_one_changed')).toEqual([
      `create+delete ${EGRESS}["batch"]`,
      `update ${INGRESS}.nfs_from_security_groups["batch"]`,
    ]);
  });

  test('client_egress_rules = false deletes the egress rules and keeps the ingress rules', () => {
    expect(summary('egress_rules_off')).toEqual(
      Object.keys(GROUPS)
        .map((k) => `delete ${EGRESS}["${k}"]`)
        .sort(),
    );
  });
});

describe('allowed_cidrs: only the entry touched changes', () => {
  test('removing the first entry deletes its rule only', () => {
    expect(summary('cidrs_first_removed')).toEqual([`delete ${INGRESS}.nfs_from_cidrs["office"]`]);
  });

  test('adding an entry that sorts first creates its rule only', () => {
    expect(summary('cidrs_added_first')).toEqual([`create ${INGRESS}.nfs_from_cidrs["aaa"]`]);
  });

  test('writing the entries in another order changes nothing', () => {
    expect(summary('cidrs_reordered')).toEqual([]);
  });

  test('another block under one name updates that rule in place', () => {
    expect(summary('cidrs_one_changed')).toEqual([`update ${INGRESS}.nfs_from_cidrs["lab"]`]);
  });

  test('an IPv6 block in place of an IPv4 one replaces that rule, create-before-destroy', () => {
    expect(summary('cidrs_family_changed')).toEqual([`create+delete ${INGRESS}.nfs_from_cidrs["office"]`]);
  });
});

describe('a first plan with IDs of resources created in the same apply', () => {
  const created = (type: string) =>
    (first.resource_changes ?? [])
      .filter((c) => c.type === type && c.change.actions.join() === 'create')
      .map((c) => c.address)
      .sort();

  test('plans one ingress and one egress rule per name', () => {
    expect(created(INGRESS)).toEqual([
      `module.efs.${INGRESS}.nfs_from_cidrs["vpc"]`,
      `module.efs.${INGRESS}.nfs_from_security_groups["app"]`,
      `module.efs.${INGRESS}.nfs_from_self[0]`,
    ]);
    expect(created('aws_vpc_security_group_egress_rule')).toEqual([`module.efs.${EGRESS}["app"]`]);
  });
});

describe('one group under two names, its ID unknown at plan time', () => {
  test('the plan passes: the check cannot decide yet', () => {
    expect(duplicate).toMatch(/run "plan"\.\.\. pass/);
  });

  test('the apply stops with the message as soon as the ID is known, before any rule of the map is created', () => {
    expect(duplicate.replace(/\s+/g, ' ')).toContain(
      'allowed_security_groups must give each security group under one name only: AWS refuses a second, identical NFS rule (got {"again":"sg-0123456789abcdef9","app":"sg-0123456789abcdef9"}).',
    );
    expect(duplicate).toMatch(/run "apply"\.\.\. fail/);
    expect(duplicate).not.toContain('nfs_from_security_groups');
    expect(duplicate).not.toContain('nfs_to_file_system');
  });
});
