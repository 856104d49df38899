/**
 * EfsFilesystem.addAccessPoint: an entry of the module's access_points map added in code, checked
 * by the spec's rules (at synth, or at plan for token options), with grants through it; and a
 * real-provider plan of the access point and of a token option the rules refuse.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformOutput, TerraformStack, TerraformVariable, Testing } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, ValidationError } from '../../src';
import { PlanJson, findResources, init, makeTempDir, plan, planFailure, providerOverride } from '../support/terraform';
import { preconditionMessages, synthStack, thrown } from '../support/synth';

jest.setTimeout(900_000);

const PROPS: EfsFilesystemProps = {
  name: 'files',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};
const ASSUME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

const accessPointResources = (json: Record<string, any>) => Object.entries(json.resource.aws_efs_access_point ?? {});

/** The error `build` throws on a fresh construct, or fails the test. */
const errorOf = (build: (efs: EfsFilesystem) => void) =>
  thrown(() => build(new EfsFilesystem(new TerraformStack(new App(), 'test'), 'efs', PROPS)));

/** The access points the construct writes: the for_each of its one access point resource, the map itself. */
const accessPointsWritten = (json: Record<string, any>): unknown =>
  (Object.values(json.resource.aws_efs_access_point)[0] as any).for_each;

test('adds the entry to accessPoints, defaults applied, as the prop would', () => {
  const json = synthStack((s) => {
    new EfsFilesystem(s, 'efs', PROPS).addAccessPoint('data', {
      rootDirectory: '/data',
      posixUser: { uid: 1000, gid: 1000 },
    });
  });
  expect(accessPointsWritten(json)).toEqual({
    data: {
      root_directory: '/data',
      posix_user: { uid: 1000, gid: 1000, secondary_gids: [] },
      creation_info: null,
      tags: {},
    },
  });
});

test('synthesizes exactly what the same entry given in the prop synthesizes', () => {
  const entry = {
    rootDirectory: '/data',
    creationInfo: { ownerUid: 1001, ownerGid: 1001, permissions: '0750' },
    tags: { team: 'a' },
  };
  const added = synthStack((s) => {
    new EfsFilesystem(s, 'efs', { ...PROPS, accessPoints: { logs: { rootDirectory: '/' } } }).addAccessPoint(
      'data',
      entry,
    );
  });
  const given = synthStack((s) => {
    new EfsFilesystem(s, 'efs', { ...PROPS, accessPoints: { logs: { rootDirectory: '/' }, data: entry } });
  });
  expect(added.locals).toEqual(given.locals);
  expect(added.resource).toEqual(given.resource);
});

test('keeps one access point resource, for_each over the map', () => {
  const json = synthStack((s) => {
    const efs = new EfsFilesystem(s, 'efs', PROPS);
    efs.addAccessPoint('data', { rootDirectory: '/' });
    efs.addAccessPoint('logs', { rootDirectory: '/' });
  });
  const resources = accessPointResources(json);
  expect(resources).toHaveLength(1);
  expect(Object.keys(accessPointsWritten(json) as object)).toEqual(['data', 'logs']);
});

test('returns the ID and ARN of its own instance, and the file system', () => {
  let efs!: EfsFilesystem;
  const json = synthStack((s) => {
    efs = new EfsFilesystem(s, 'efs', PROPS);
    const data = efs.addAccessPoint('data');
    expect(data.fileSystem).toBe(efs);
    expect(data.key).toBe('data');
    new TerraformOutput(s, 'id', { value: data.accessPointId });
    new TerraformOutput(s, 'arn', { value: data.accessPointArn });
  });
  const [name] = accessPointResources(json)[0];
  expect(json.output.id.value).toBe(`\${aws_efs_access_point.${name}["data"].id}`);
  expect(json.output.arn.value).toBe(`\${aws_efs_access_point.${name}["data"].arn}`);
});

describe('refuses a bad option at synth, naming the construct path, the call and the option', () => {
  test.each([
    [
      'a relative root directory',
      { rootDirectory: 'data', posixUser: { uid: 1, gid: 1 } },
      'every accessPoints entry\'s rootDirectory must be an absolute path without ".." segments, such as "/data" (got accessPoints["data"].rootDirectory = "data").',
    ],
    [
      'a directory below "/" without an owner',
      { rootDirectory: '/data' },
      'needs creationInfo or posixUser: EFS creates the directory only when it knows the owner and permissions, and mounts fail while it does not exist (got accessPoints["data"].rootDirectory = "/data").',
    ],
    [
      'permissions that are not octal',
      { rootDirectory: '/data', creationInfo: { ownerUid: 1, ownerGid: 1, permissions: '0999' } },
      'creationInfo.permissions must be 3 or 4 octal digits such as "0755" (got accessPoints["data"].creationInfo.permissions = "0999").',
    ],
    [
      'a uid out of range',
      { posixUser: { uid: -1, gid: 1 } },
      'must be a whole number from 0 to 4294967295 (got accessPoints["data"] with posixUser { gid: 1, secondaryGids: [], uid: -1 } and creationInfo undefined).',
    ],
    [
      'a root directory deeper than 4 levels',
      { rootDirectory: '/a/b/c/d/e', posixUser: { uid: 1, gid: 1 } },
      'rootDirectory must be at most 4 directories deep (got accessPoints["data"].rootDirectory = "/a/b/c/d/e", 5 deep).',
    ],
  ])('%s', (_what, options, message) => {
    const error = errorOf((efs) => efs.addAccessPoint('data', options));
    expect(error.construct).toBe('EfsFilesystem "test/efs" addAccessPoint("data")');
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toContain(message);
  });

  test('and adds nothing', () => {
    const json = synthStack((s) => {
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      expect(() => efs.addAccessPoint('data', { rootDirectory: 'data' })).toThrow(ValidationError);
    });
    expect(accessPointsWritten(json)).toEqual({});
  });
});

test('refuses an id already in accessPoints', () => {
  const error = errorOf((efs) => {
    efs.addAccessPoint('data');
    efs.addAccessPoint('data');
  });
  expect(error.problems).toEqual(['accessPoints["data"] already exists: choose another id.']);
});

test('refuses an id given as a token: a for_each key must be known at plan time', () => {
  const error = errorOf((efs) => {
    const id = new TerraformVariable(efs, 'id', { type: 'string' });
    efs.addAccessPoint(id.stringValue);
  });
  expect(error.problems[0]).toContain('must be a literal string');
});

describe('a token option', () => {
  test('is checked at plan time by the rules synth time could not decide, with their messages', () => {
    const json = synthStack((s) => {
      const root = new TerraformVariable(s, 'root', { type: 'string' });
      new EfsFilesystem(s, 'efs', PROPS).addAccessPoint('data', {
        rootDirectory: root.stringValue,
        posixUser: { uid: 1, gid: 1 },
      });
    });
    const messages = preconditionMessages(json);
    for (const rule of [
      'must be an absolute path',
      'must be at most 100 characters',
      'must be at most 4 directories deep',
    ]) {
      expect(messages.filter((m) => m.includes(rule))).toHaveLength(1);
    }
  });

  test('adds no second precondition for a rule the props already left to plan time', () => {
    const json = synthStack((s) => {
      const root = new TerraformVariable(s, 'root', { type: 'string' });
      const efs = new EfsFilesystem(s, 'efs', {
        ...PROPS,
        accessPoints: { logs: { rootDirectory: root.stringValue, posixUser: { uid: 1, gid: 1 } } },
      });
      efs.addAccessPoint('data', { rootDirectory: root.stringValue, posixUser: { uid: 1, gid: 1 } });
      efs.addAccessPoint('more', { rootDirectory: root.stringValue, posixUser: { uid: 1, gid: 1 } });
    });
    expect(preconditionMessages(json).filter((m) => m.includes('must be an absolute path'))).toHaveLength(1);
  });
});

describe('grants through the access point', () => {
  let json: Record<string, any>;
  beforeAll(() => {
    json = synthStack((s) => {
      const efs = new EfsFilesystem(s, 'efs', PROPS);
      efs
        .addAccessPoint('data', { rootDirectory: '/' })
        .grantReadWrite(new IamRole(s, 'role', { assumeRolePolicy: ASSUME }));
    });
  });

  test('allow the actions on the file system, only through this access point', () => {
    const [fileSystem] = Object.keys(json.resource.aws_efs_file_system);
    const [accessPoint] = Object.keys(json.resource.aws_efs_access_point);
    const [statement] = (Object.values(json.data.aws_iam_policy_document) as any[])[0].statement;
    expect(statement).toEqual({
      effect: 'Allow',
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      resources: [`\${aws_efs_file_system.${fileSystem}.arn}`],
      condition: [
        {
          test: 'StringEquals',
          variable: 'elasticfilesystem:AccessPointArn',
          values: [`\${aws_efs_access_point.${accessPoint}["data"].arn}`],
        },
      ],
    });
  });

  test('go to the role, named after the access point', () => {
    const [policy] = Object.values(json.resource.aws_iam_role_policy) as any[];
    expect(policy.role).toBe('${aws_iam_role.role.name}');
    expect(policy.name).toBe('efs-access-point-data-efs-read-write');
  });
});

describe('planned with the real provider', () => {
  /** A stack with one access point added in code, its root directory from a variable. */
  async function prepared(): Promise<string> {
    const stack = new TerraformStack(new App(), 'added');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const root = new TerraformVariable(stack, 'root', { type: 'string', default: '/shared' });
    const efs = new EfsFilesystem(stack, 'efs', PROPS);
    efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
    efs.addAccessPoint('shared', {
      rootDirectory: root.stringValue,
      creationInfo: { ownerUid: 0, ownerGid: 2000, permissions: '0770' },
    });
    const dir = makeTempDir('efs-modules-add-access-point-');
    writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
    writeFileSync(join(dir, 'cdk.tf.json'), Testing.synth(stack));
    await init(dir);
    return dir;
  }

  let dir: string;
  let planned: PlanJson;
  beforeAll(async () => {
    dir = await prepared();
    planned = await plan(dir);
  });

  test('plans each access point with its root directory and owner', () => {
    const byKey = Object.fromEntries(findResources(planned, 'aws_efs_access_point').map((r) => [r.index, r.values]));
    expect(Object.keys(byKey).sort()).toEqual(['data', 'shared']);
    expect(byKey.data.root_directory[0].path).toBe('/data');
    // No creation_info given: the module's default, the POSIX user as owner.
    expect(byKey.data.root_directory[0].creation_info[0]).toEqual({
      owner_uid: 1000,
      owner_gid: 1000,
      permissions: '0755',
    });
    expect(byKey.data.posix_user[0]).toMatchObject({ uid: 1000, gid: 1000 });
    expect(byKey.shared.root_directory[0].path).toBe('/shared');
    expect(byKey.shared.root_directory[0].creation_info[0]).toEqual({
      owner_uid: 0,
      owner_gid: 2000,
      permissions: '0770',
    });
  });

  test('a bad token option is refused at plan time, naming the option', async () => {
    // Terraform wraps long messages: compare with single spaces.
    const output = (await planFailure(dir, { root: 'shared' })).replace(/\s+/g, ' ');
    expect(output).toContain('Resource precondition failed');
    expect(output).toContain(
      'every accessPoints entry\'s rootDirectory must be an absolute path without ".." segments, such as "/data" (got accessPoints["shared"].rootDirectory = "shared").',
    );
  });
});
