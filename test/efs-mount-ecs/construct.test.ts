/**
 * EfsMountEcs as CDKTF users meet it: the volume it adds to the task definition (several mounts,
 * one task), the mount point for `Fn.jsonencode`, the task role taken from the task definition,
 * depends_on the mount targets, and every TypeScript-only refusal. The module's own rules are
 * checked for every case in both paths by test/modules/validation.test.ts.
 */
import { EcsTaskDefinition, EcsTaskDefinitionConfig } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Fn, Token } from '../../src/cdktf';
import { EfsFilesystem, EfsMountEcs } from '../../src';
import { asTokens } from '../../src/core/outputs';
import { FILE_SYSTEM_PROP as FS, inputsOf, synthStack as synth, thrown } from '../support/synth';

const TASK: EcsTaskDefinitionConfig = {
  family: 'app',
  containerDefinitions: '[]',
  taskRoleArn: 'arn:aws:iam::111122223333:role/app-task',
};
const taskOf = (json: Record<string, any>) =>
  Object.values(json.resource.aws_ecs_task_definition)[0] as Record<string, any>;

test('adds a TLS, IAM-authorized volume through the access point to the task definition', () => {
  let mount!: EfsMountEcs;
  const json = synth((s) => {
    mount = new EfsMountEcs(s, 'data', {
      fileSystem: FS,
      taskDefinition: new EcsTaskDefinition(s, 'task', TASK),
      name: 'app.data',
    });
  });
  expect(taskOf(json).volume).toEqual([
    {
      name: 'app-data',
      efs_volume_configuration: {
        file_system_id: FS.id,
        transit_encryption: 'ENABLED',
        transit_encryption_port: null,
        authorization_config: {
          access_point_id: expect.stringMatching(/^\$\{aws_efs_access_point\.data_access_point_\w+\[0\]\.id\}$/),
          iam: 'ENABLED',
        },
      },
    },
  ]);
  expect(inputsOf(mount)).toMatchObject({ task_role_name: 'app-task', attach_task_role_policy: true });
});

test('takes the EfsFilesystem itself as fileSystem, as AWS CDK does, and synthesizes as with its reference', () => {
  const mounted = (pick: (efs: EfsFilesystem) => EfsFilesystem | EfsFilesystem['fileSystem']) =>
    synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', {
        name: 'files',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
      });
      new EfsMountEcs(s, 'data', {
        fileSystem: pick(efs),
        taskDefinition: new EcsTaskDefinition(s, 'task', TASK),
        name: 'data',
      });
    });
  expect(mounted((efs) => efs)).toEqual(mounted((efs) => efs.fileSystem));
});

test('several mounts add several volumes to one task, and depends_on the mount targets once', () => {
  const json = synth((s) => {
    const efs = new EfsFilesystem(s, 'efs', {
      name: 'files',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    });
    const task = new EcsTaskDefinition(s, 'task', TASK);
    new EfsMountEcs(s, 'data', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: 'data',
      rootDirectory: '/data',
    });
    new EfsMountEcs(s, 'logs', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: 'logs',
      rootDirectory: '/logs',
    });
  });
  expect(taskOf(json).volume.map((v: { name: string }) => v.name)).toEqual(['data', 'logs']);
  expect(taskOf(json).depends_on).toEqual([expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/)]);
  expect(Object.keys(json.resource.aws_efs_access_point).filter((k) => !k.startsWith('efs_'))).toEqual([
    expect.stringMatching(/^data_/),
    expect.stringMatching(/^logs_/),
  ]);
});

test('the mount point renders as expressions inside Fn.jsonencode', () => {
  const json = synth((s) => {
    const task = new EcsTaskDefinition(s, 'task', TASK);
    const data = new EfsMountEcs(s, 'data', {
      fileSystem: FS,
      taskDefinition: task,
      name: 'data',
      containerPath: '/srv',
      readOnly: true,
    });
    task.containerDefinitions = Fn.jsonencode([{ name: 'app', mountPoints: [data.mountPoint] }]);
  });
  expect(taskOf(json).container_definitions).toBe(
    '${jsonencode([{"name" = "app", "mountPoints" = [{"sourceVolume" = local.data_volume_name, "containerPath" = "/srv", "readOnly" = true}]}])}',
  );
});

test('the volume is there for a task definition built by hand', () => {
  const json = synth((s) => {
    const data = new EfsMountEcs(s, 'data', { fileSystem: FS, name: 'data', taskRoleName: 'app-task' });
    new EcsTaskDefinition(s, 'task', { ...TASK, volume: [data.volume] });
  });
  expect(taskOf(json).volume[0]).toMatchObject({
    name: 'data',
    efs_volume_configuration: { transit_encryption: 'ENABLED' },
  });
  expect(taskOf(json).depends_on).toBeUndefined();
});

test('refuses IAM authorization on a task definition without a task role', () => {
  const { taskRoleArn: _role, ...noRole } = TASK;
  const error = thrown(() =>
    synth(
      (s) =>
        new EfsMountEcs(s, 'data', {
          fileSystem: FS,
          taskDefinition: new EcsTaskDefinition(s, 'task', noRole),
          name: 'data',
        }),
    ),
  );
  expect(error.message).toBe(
    'EfsMountEcs "test/data" has invalid props:\n' +
      '  - taskDefinition (test/task) has no taskRoleArn: EFS IAM authorization mounts with the task role. Give the task definition a taskRoleArn, or pass iamAuthorization: false.',
  );
  expect(() =>
    synth(
      (s) =>
        new EfsMountEcs(s, 'data', {
          fileSystem: FS,
          taskDefinition: new EcsTaskDefinition(s, 'task', noRole),
          name: 'data',
          iamAuthorization: false,
        }),
    ),
  ).not.toThrow();
});

test('a task definition without a task role, mounted without IAM authorization, gets no role policy and needs no flag', () => {
  const { taskRoleArn: _role, ...noRole } = TASK;
  let mount!: EfsMountEcs;
  const json = synth((s) => {
    mount = new EfsMountEcs(s, 'data', {
      fileSystem: FS,
      taskDefinition: new EcsTaskDefinition(s, 'task', noRole),
      name: 'data',
      iamAuthorization: false,
    });
  });
  expect(inputsOf(mount)).toMatchObject({ task_role_name: null, attach_task_role_policy: false });
  expect(json.locals.data_role_policy).toEqual({});
});

test('without a task definition, a mount without a task role says how to do without one', () => {
  expect(thrown(() => synth((s) => new EfsMountEcs(s, 'data', { fileSystem: FS, name: 'data' }))).problems).toEqual([
    "taskRoleName is not set but attachTaskRolePolicy is true (the default): give the name of the task's IAM role, the one that gets the EFS policy. For a task without a task role, set attachTaskRolePolicy and iamAuthorization to false (IAM authorization mounts with the task role); set attachTaskRolePolicy to false alone when the role gets its EFS permissions elsewhere.",
  ]);
});

test('creates no security group rule of its own, and adds the service group to the EfsFilesystem once for two mounts', () => {
  const json = synth((s) => {
    const efs = new EfsFilesystem(s, 'efs', {
      name: 'files',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    });
    const task = new EcsTaskDefinition(s, 'task', TASK);
    new EfsMountEcs(s, 'a', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: 'a',
      rootDirectory: '/a',
      securityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
    });
    new EfsMountEcs(s, 'b', {
      fileSystem: efs.fileSystem,
      taskDefinition: task,
      name: 'b',
      rootDirectory: '/b',
      securityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
    });
  });
  const rules = Object.keys(json.resource.aws_vpc_security_group_ingress_rule);
  expect(rules.every((r) => r.startsWith('efs_'))).toBe(true);
  const fromGroups = (Object.values(json.resource.aws_vpc_security_group_ingress_rule) as any[]).find(
    (r) => r.description === 'NFS from allowed security group ${each.key}',
  );
  expect(fromGroups.for_each).toEqual({ a: 'sg-0aaaaaaaaaaaaaaaa' });
});

test('refuses a second volume of the same name on one task definition', () => {
  const error = thrown(() =>
    synth((s) => {
      const task = new EcsTaskDefinition(s, 'task', TASK);
      new EfsMountEcs(s, 'data', { fileSystem: FS, taskDefinition: task, name: 'data', rootDirectory: '/a' });
      new EfsMountEcs(s, 'again', {
        fileSystem: FS,
        taskDefinition: task,
        name: 'other',
        volumeName: 'data',
        rootDirectory: '/b',
      });
    }),
  );
  expect(error.problems).toEqual([
    'taskDefinition (test/task) already has a volume named "data": give each mount its own volumeName.',
  ]);
});

test("reports the module's own rules in TypeScript spelling", () => {
  const error = thrown(() =>
    synth(
      (s) =>
        new EfsMountEcs(s, 'data', {
          fileSystem: FS,
          name: 'data',
          taskRoleName: 'app-task',
          rootDirectory: '/a/b/c/d/e',
          containerPath: '/',
          transitEncryptionPort: 70000,
        }),
    ),
  );
  expect(error.problems).toEqual([
    'rootDirectory must be at most 4 directories deep (got 5 in "/a/b/c/d/e").',
    'containerPath must be an absolute path other than "/", such as "/mnt/efs" (got "/").',
    'transitEncryptionPort must be a whole number from 1 to 65535 (got 70000).',
  ]);
});

test('outputs become reference tokens only when they are one whole expression', () => {
  const isToken = (s: string) => Token.isUnresolved(asTokens(s));
  expect(['${local.a}', '${{ for k, v in x : k => v }}', '${"}" == x}', '${x ? "a" : "b"}'].map(isToken)).toEqual([
    true,
    true,
    true,
    true,
  ]);
  expect(['${a}-${b}', 'plain', 'x${a}'].map((s) => asTokens(s))).toEqual(['${a}-${b}', 'plain', 'x${a}']);
});

test("mounts an access point made by addAccessPoint: the volume's access_point_id is its ID", () => {
  let mount!: EfsMountEcs;
  const json = synth((s) => {
    const efs = new EfsFilesystem(s, 'efs', {
      name: 'files',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    });
    const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
    mount = new EfsMountEcs(s, 'data', {
      fileSystem: efs.fileSystem,
      accessPoint: data,
      taskDefinition: new EcsTaskDefinition(s, 'task', TASK),
      name: 'data',
    });
  });
  // The given access point's ID, behind the file system's mount targets (so the task waits for them).
  expect(taskOf(json).volume[0].efs_volume_configuration.authorization_config.access_point_id).toMatch(
    /^\$\{\{ id = aws_efs_access_point\.efs_access_point_\w+\["data"\]\.id, .* \} == null \? .* : length\(\{ id = aws_efs_file_system\..* \}\.mount_target_ids\) > 0 \? \{ id = aws_efs_access_point\.efs_access_point_\w+\["data"\]\.id, .* \}\.id : null\}$/,
  );
  expect(inputsOf(mount).access_point.id).toMatch(/^\$\{aws_efs_access_point\.efs_access_point_\w+\["data"\]\.id\}$/);
});

test('refuses posixUser with accessPoint', () => {
  const error = thrown(() =>
    synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', {
        name: 'files',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
      });
      const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
      new EfsMountEcs(s, 'data', {
        fileSystem: efs.fileSystem,
        accessPoint: data,
        posixUser: { uid: 2000, gid: 2000 },
        taskDefinition: new EcsTaskDefinition(s, 'task', TASK),
        name: 'data',
      });
    }),
  );
  expect(error.problems).toEqual([
    "posixUser is { gid: 2000, secondaryGids: [], uid: 2000 } but accessPoint is set: the module then mounts that access point and creates none, and rootDirectory, posixUser and rootDirectoryPermissions describe the one it would create. Give the task the directory and user you want through the access point you pass (efs-filesystem's accessPoints), and leave posixUser out.",
  ]);
});
