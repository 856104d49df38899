/**
 * What changing each input of efs-mount-lambda or efs-mount-ecs plans, with the real AWS
 * provider, against the state an apply of the base inputs would leave: the facts behind the
 * change-safety table in each module's README (the specs' `onChange`), declared once for both
 * modules and run by test/efs-mount-lambda/ and test/efs-mount-ecs/. One root holds a mount and
 * its client (a Lambda function or an ECS task definition) per case, so that one plan covers
 * every case. `create+delete` is a create-before-destroy replacement, `delete+create` one that
 * deletes first.
 */
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { efsMountEc2Spec } from '../../../src/modules/efs-mount-ec2/spec';
import { efsMountEcsSpec } from '../../../src/modules/efs-mount-ecs/spec';
import { efsMountLambdaSpec } from '../../../src/modules/efs-mount-lambda/spec';
import { ACCESS_POINT, CLIENT, FILE_SYSTEM } from '../../../src/modules/mount/cases';
import { ROOT } from '../examples';
import { PlanJson, init, plan, providerOverride, stage } from '../terraform';
import { Client, Inputs, caseHcl, clientAddresses } from './change-root';
import { OFFLINE_PLAN_ARGS } from '../prepared-root';
import { writeAppliedState } from './settled-state';

const ROLE = { lambda: 'role_name', ecs: 'task_role_name', ec2: 'role_name' } as const;
const ATTACH = { lambda: 'attach_role_policy', ecs: 'attach_task_role_policy', ec2: 'attach_role_policy' } as const;

const base = (client: Client, key: string): Inputs => ({
  file_system: FILE_SYSTEM,
  name: `app-${key.replace(/_/g, '-')}`,
  root_directory: '/app',
  posix_user: { uid: 1000, gid: 1000 },
  [ROLE[client]]: CLIENT.role,
  security_group_id: CLIENT.securityGroupId,
  tags: { env: 'test' },
});

const OTHER_FILE_SYSTEM = {
  ...FILE_SYSTEM,
  id: 'fs-0fedcba9876543210',
  arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:file-system/fs-0fedcba9876543210',
  mount_target_ids: { 'us-east-1a': 'fsmt-0fedcba9876543210' },
};

const OTHER_ACCESS_POINT = {
  id: 'fsap-0fedcba9876543210',
  arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-0fedcba9876543210',
};
/** A given access point, with the base's own root directory left out (refused with it). */
const GIVEN = { access_point: ACCESS_POINT, root_directory: undefined };

interface Case {
  /** The input the case changes (every input of the module has at least one case). */
  readonly input: string;
  /** Inputs the case sets in both versions, on top of the base ones. */
  readonly from?: Inputs;
  /** Inputs v2 sets on top of those. */
  readonly set: Inputs;
  /**
   * `actions address` of every change, relative to the case (`mount.` for the module's resources,
   * `client` for the function or task definition).
   */
  readonly expect: string[];
}

const AP = 'mount.aws_efs_access_point.this[0]';
const AP_REPLACED = `create+delete ${AP}`;
const POLICY_UPDATED = 'update mount.aws_iam_role_policy.this["role"]';
const POLICY_REPLACED = 'create+delete mount.aws_iam_role_policy.this["role"]';
/** How each client takes a new access point or a new volume or mount point. */
const CLIENT_FOLLOWS = { lambda: 'update client', ecs: 'delete+create client', ec2: 'update client' } as const;
/** efs-mount-ec2: a new boot script updates its terraform_data, the instance and the launch template in place. */
const NEW_SCRIPT = ['update client', 'update mount.terraform_data.mount_script', 'update template'];

/** Cases every mount module shares; `follows` is what the client does when it follows the access point. */
function commonCases(client: Client): Record<string, Case> {
  const follows = client === 'ec2' ? NEW_SCRIPT : [CLIENT_FOLLOWS[client]];
  const newAccessPoint = [AP_REPLACED, POLICY_UPDATED, ...follows].sort();
  return {
    unchanged: { input: '', set: {}, expect: [] },
    other_file_system: { input: 'file_system', set: { file_system: OTHER_FILE_SYSTEM }, expect: newAccessPoint },
    new_mount_target: {
      input: 'file_system',
      set: {
        file_system: {
          ...FILE_SYSTEM,
          mount_target_ids: { ...FILE_SYSTEM.mount_target_ids, 'us-east-1c': 'fsmt-0123456789abcdef2' },
        },
      },
      expect: [],
    },
    more_allowed_groups: {
      input: 'file_system',
      set: {
        file_system: {
          ...FILE_SYSTEM,
          allowed_security_group_ids: [...FILE_SYSTEM.allowed_security_group_ids, 'sg-0bbbbbbbbbbbbbbb2'],
        },
      },
      expect: [],
    },
    renamed: {
      input: 'name',
      set: { name: 'renamed' },
      // ECS: the volume is named after the mount unless volume_name is set.
      expect: [`update ${AP}`, POLICY_REPLACED, ...(client === 'ecs' ? follows : [])].sort(),
    },
    other_root_directory: { input: 'root_directory', set: { root_directory: '/data' }, expect: newAccessPoint },
    file_system_root: { input: 'root_directory', set: { root_directory: '/' }, expect: newAccessPoint },
    other_posix_user: { input: 'posix_user', set: { posix_user: { uid: 2000, gid: 2000 } }, expect: newAccessPoint },
    secondary_gids_added: {
      input: 'posix_user',
      set: { posix_user: { uid: 1000, gid: 1000, secondary_gids: [3000] } },
      expect: newAccessPoint,
    },
    other_permissions: {
      input: 'root_directory_permissions',
      set: { root_directory_permissions: '0750' },
      expect: newAccessPoint,
    },
    // At "/" the access point has no creation info: the permissions are not used.
    other_permissions_at_file_system_root: {
      input: 'root_directory_permissions',
      from: { root_directory: '/' },
      set: { root_directory_permissions: '0750' },
      expect: [],
    },
    other_role: { input: ROLE[client], set: { [ROLE[client]]: 'other-role' }, expect: [POLICY_REPLACED] },
    policy_detached: {
      input: ATTACH[client],
      set: { [ATTACH[client]]: false },
      expect: ['delete mount.aws_iam_role_policy.this["role"]'],
    },
    policy_attached: {
      input: ATTACH[client],
      from: { [ATTACH[client]]: false },
      set: { [ATTACH[client]]: true },
      expect: ['create mount.aws_iam_role_policy.this["role"]'],
    },
    group_unset: { input: 'security_group_id', set: { security_group_id: null }, expect: [] },
    // The policy document reads the access point's ARN, so it is read during the apply of any
    // change to the access point: the plan cannot show that the policy stays the same.
    tags_changed: { input: 'tags', set: { tags: { env: 'prod' } }, expect: [`update ${AP}`, POLICY_UPDATED] },
    // The client and the policy follow the access point; the module's own goes or comes.
    access_point_given: {
      input: 'access_point',
      set: GIVEN,
      expect: [`delete ${AP}`, POLICY_UPDATED, ...follows].sort(),
    },
    access_point_removed: {
      input: 'access_point',
      from: GIVEN,
      set: { access_point: undefined, root_directory: '/app' },
      expect: [`create ${AP}`, POLICY_UPDATED, ...follows].sort(),
    },
    other_access_point: {
      input: 'access_point',
      from: GIVEN,
      set: { access_point: OTHER_ACCESS_POINT },
      expect: [POLICY_UPDATED, ...follows].sort(),
    },
  };
}

const pick = (cases: Record<string, Case>, keys: readonly string[]): Record<string, Case> =>
  Object.fromEntries(keys.map((k) => [k, cases[k]]));

const CASES: Record<Client, Record<string, Case>> = {
  lambda: {
    ...commonCases('lambda'),
    other_mount_path: { input: 'mount_path', set: { mount_path: '/mnt/data' }, expect: ['update client'] },
    read_only: { input: 'read_only', set: { read_only: true }, expect: [POLICY_UPDATED] },
  },
  ecs: {
    ...commonCases('ecs'),
    other_container_path: {
      input: 'container_path',
      set: { container_path: '/data' },
      expect: ['delete+create client'],
    },
    volume_named: { input: 'volume_name', set: { volume_name: 'shared' }, expect: ['delete+create client'] },
    read_only: {
      input: 'read_only',
      set: { read_only: true },
      expect: [POLICY_UPDATED, 'delete+create client'].sort(),
    },
    iam_off: { input: 'iam_authorization', set: { iam_authorization: false }, expect: ['delete+create client'] },
    tunnel_port: {
      input: 'transit_encryption_port',
      set: { transit_encryption_port: 2999 },
      expect: ['delete+create client'],
    },
  },
  // What the shared cases prove of the access point and the policy, the other two modules prove
  // too: efs-mount-ec2 keeps one case per input, for what its boot script does with each.
  ec2: {
    ...pick(commonCases('ec2'), [
      'unchanged',
      'other_file_system',
      'renamed',
      'other_root_directory',
      'other_posix_user',
      'other_permissions',
      'other_role',
      'policy_detached',
      'group_unset',
      'tags_changed',
      'access_point_given',
    ]),
    other_mount_path: { input: 'mount_path', set: { mount_path: '/srv/data' }, expect: NEW_SCRIPT },
    read_only: { input: 'read_only', set: { read_only: true }, expect: [POLICY_UPDATED, ...NEW_SCRIPT].sort() },
    iam_off: { input: 'iam_authorization', set: { iam_authorization: false }, expect: NEW_SCRIPT },
    amazon_linux_2: { input: 'distribution', set: { distribution: 'amazon-linux-2' }, expect: NEW_SCRIPT },
    commands_after: { input: 'run_after_mount', set: { run_after_mount: 'systemctl start app' }, expect: NEW_SCRIPT },
  },
};

function rootHcl(client: Client, version: 'v1' | 'v2'): string {
  return Object.entries(CASES[client])
    .map(([key, c]) => caseHcl(client, key, { ...base(client, key), ...c.from, ...(version === 'v2' ? c.set : {}) }))
    .join('\n');
}

/** Changes of a plan other than no-op, as `actions address` lines relative to one case. */
function changesOf(p: PlanJson, client: Client, key: string): string[] {
  const mount = `module.${client}_${key}.`;
  const clients = clientAddresses(client, key);
  return (p.resource_changes ?? [])
    .filter((c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op')
    .filter((c) => c.address.startsWith(mount) || c.address in clients)
    .map(
      (c) =>
        `${c.change.actions.join('+')} ${c.address.startsWith(mount) ? `mount.${c.address.slice(mount.length)}` : clients[c.address]}`,
    )
    .sort();
}

/** The change-safety tests of one mount module: v1 applied, then every case's change planned at once. */
export function describeChangeSafety(client: Client): void {
  const spec = { lambda: efsMountLambdaSpec, ecs: efsMountEcsSpec, ec2: efsMountEc2Spec }[client];
  let again: PlanJson;
  let v2: PlanJson;

  beforeAll(async () => {
    const dir = join(stage(ROOT, [`modules/efs-mount-${client}`], { 'root/provider.tf': providerOverride() }), 'root');
    if (client === 'lambda') copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
    writeFileSync(join(dir, 'main.tf'), rootHcl(client, 'v1'));
    await init(dir);
    again = await writeAppliedState(dir);
    writeFileSync(join(dir, 'main.tf'), rootHcl(client, 'v2'));
    v2 = await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
  }, 900_000);

  test('the state is what an apply of v1 would leave: v1 planned again changes nothing', () => {
    const pending = (again.resource_changes ?? []).filter(
      (c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op',
    );
    expect(pending.map((c) => `${c.change.actions} ${c.address}`)).toEqual([]);
  });

  test('every input has a case', () => {
    const covered = new Set(Object.values(CASES[client]).map((c) => c.input));
    expect(spec.inputs.map((i) => i.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  test.each(Object.keys(CASES[client]))('%s plans exactly the changes its README states', (key) => {
    expect(changesOf(v2, client, key)).toEqual(CASES[client][key].expect);
  });

  test('a new tag lists the role policy as updated only because its document is read at apply, while the access point keeps its ARN', () => {
    const policy = (v2.resource_changes ?? []).find(
      (c) => c.address === `module.${client}_tags_changed.aws_iam_role_policy.this["role"]`,
    );
    expect((policy?.change.after_unknown as Record<string, unknown>).policy).toBe(true);
    const document = (v2.resource_changes ?? []).find(
      (c) => c.address === `module.${client}_tags_changed.data.aws_iam_policy_document.this["role"]`,
    );
    expect(document?.change.actions).toEqual(['read']);
    // The access point keeps its ARN, so the document read at apply is the one in the state.
    const accessPoint = (v2.resource_changes ?? []).find(
      (c) => c.address === `module.${client}_tags_changed.aws_efs_access_point.this[0]`,
    );
    expect(accessPoint?.change.after_unknown.arn).not.toBe(true);
    expect(accessPoint?.change.after.arn).toBe(accessPoint?.change.before.arn);
  });
}
