/**
 * EfsMountLambda as CDKTF users meet it: what it does to the function it is given (file system
 * config, depends_on, role and group taken from the function), the client group it adds to the
 * EfsFilesystem, and every TypeScript-only refusal. The module's own rules are checked for every case in both paths by
 * test/modules/validation.test.ts.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction, LambdaFunctionConfig } from '@cdktf/provider-aws/lib/lambda-function';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { App, TerraformStack, Testing } from '../../src/cdktf';
import { EfsFilesystem, EfsMountLambda } from '../../src';
import { efsFilesystemSpec } from '../../src/modules/efs-filesystem/spec';
import { POSIX_USER } from '../../src/modules/shared';
import { FILE_SYSTEM } from '../../src/modules/mount/cases';
import { inputsOf, thrown } from '../support/synth';

const ROLE_ARN = 'arn:aws:iam::111122223333:role/service-role/app-role';
const FUNCTION: LambdaFunctionConfig = {
  functionName: 'app',
  role: ROLE_ARN,
  runtime: 'python3.12',
  handler: 'handler.handler',
  filename: 'handler.zip',
  vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa'] },
};
/** A file system reference with literal values, HCL-shaped keys as TypeScript props. */
const FS = {
  id: FILE_SYSTEM.id,
  arn: FILE_SYSTEM.arn,
  securityGroupId: FILE_SYSTEM.security_group_id,
  mountTargetIds: FILE_SYSTEM.mount_target_ids,
  allowedSecurityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0cccccccccccccccc'],
};

interface Synthesized {
  json: Record<string, any>;
  one(type: string, pick?: (name: string) => boolean): any;
}

function synth(build: (stack: TerraformStack) => void): Synthesized {
  const stack = new TerraformStack(new App(), 'test');
  build(stack);
  const json = JSON.parse(Testing.synth(stack));
  return {
    json,
    one(type, pick = () => true) {
      const found = Object.entries(json.resource?.[type] ?? {}).filter(([name]) => pick(name));
      if (found.length !== 1)
        throw new Error(`expected one ${type}, found ${found.map(([n]) => n).join(', ') || 'none'}`);
      return found[0][1];
    },
  };
}

describe('with a function', () => {
  test('sets its file system config to the access point at the mount path', () => {
    const { one } = synth((s) => {
      const fn = new LambdaFunction(s, 'fn', FUNCTION);
      new EfsMountLambda(s, 'mount', {
        fileSystem: FS,
        function: fn,
        name: 'app',
        rootDirectory: '/app',
        mountPath: '/mnt/app',
      });
    });
    expect(one('aws_lambda_function').file_system_config).toEqual({
      // No accessPoint given and a literal file system: the mount's own access point, the other branch folded away.
      arn: expect.stringMatching(/^\$\{aws_efs_access_point\.mount_access_point_\w+\[0\]\.arn\}$/),
      local_mount_path: '/mnt/app',
    });
  });

  test("takes the role name from the function's role ARN and the group from its security group", () => {
    let mount!: EfsMountLambda;
    const { json } = synth((s) => {
      mount = new EfsMountLambda(s, 'mount', {
        fileSystem: FS,
        function: new LambdaFunction(s, 'fn', FUNCTION),
        name: 'app',
      });
    });
    expect(inputsOf(mount)).toMatchObject({
      role_name: 'app-role',
      attach_role_policy: true,
      security_group_id: 'sg-0aaaaaaaaaaaaaaaa',
    });
    expect(inputsOf(mount)).not.toHaveProperty('create_security_group_rule');
    expect(json.locals.mount_role_policy).toEqual({ role: 'app-role' });
  });

  test('derives them as expressions when the role and group are created in the same stack, with no flag', () => {
    let mount!: EfsMountLambda;
    const { json } = synth((s) => {
      const role = new IamRole(s, 'role', { namePrefix: 'app-', assumeRolePolicy: '{}' });
      const group = new SecurityGroup(s, 'group', { namePrefix: 'app-' });
      const fn = new LambdaFunction(s, 'fn', {
        ...FUNCTION,
        role: role.arn,
        vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [group.id] },
      });
      mount = new EfsMountLambda(s, 'mount', { fileSystem: FS, function: fn, name: 'app' });
    });
    expect(inputsOf(mount)).toMatchObject({
      role_name: '${element(reverse(split("/", aws_iam_role.role.arn)), 0)}',
      attach_role_policy: true,
      security_group_id: '${aws_security_group.group.id}',
    });
    expect(json.locals.mount_role_policy).toBe('${{ role = element(reverse(split("/", aws_iam_role.role.arn)), 0) }}');
  });

  test('keeps a role name and group given as props, and a flag set to false', () => {
    let mount!: EfsMountLambda;
    const { json } = synth((s) => {
      mount = new EfsMountLambda(s, 'mount', {
        fileSystem: FS,
        function: new LambdaFunction(s, 'fn', FUNCTION),
        name: 'app',
        roleName: 'other-role',
        attachRolePolicy: false,
        securityGroupId: 'sg-0cccccccccccccccc',
      });
    });
    expect(inputsOf(mount)).toMatchObject({
      role_name: 'other-role',
      attach_role_policy: false,
      security_group_id: 'sg-0cccccccccccccccc',
    });
    expect(json.locals.mount_role_policy).toEqual({});
  });

  test('a function with several groups must name the client group: the construct does not guess', () => {
    const twoGroups = {
      ...FUNCTION,
      vpcConfig: {
        subnetIds: ['subnet-0123456789abcdef0'],
        securityGroupIds: ['sg-0aaaaaaaaaaaaaaaa', 'sg-0bbbbbbbbbbbbbbbb'],
      },
    };
    expect(
      thrown(() =>
        synth(
          (s) =>
            new EfsMountLambda(s, 'mount', {
              fileSystem: FS,
              function: new LambdaFunction(s, 'fn', twoGroups),
              name: 'app',
            }),
        ),
      ).problems,
    ).toEqual([
      'function (test/fn) has 2 security groups in its vpcConfig: pass securityGroupId to say which one the file system lets in on NFS, or allowClientSecurityGroup: false.',
    ]);
    let mount!: EfsMountLambda;
    synth((s) => {
      mount = new EfsMountLambda(s, 'mount', {
        fileSystem: FS,
        function: new LambdaFunction(s, 'fn', twoGroups),
        name: 'app',
        securityGroupId: 'sg-0aaaaaaaaaaaaaaaa',
      });
    });
    expect(inputsOf(mount).security_group_id).toBe('sg-0aaaaaaaaaaaaaaaa');
  });

  test('creates no security group rule of its own', () => {
    const { json } = synth(
      (s) =>
        new EfsMountLambda(s, 'mount', {
          fileSystem: FS,
          function: new LambdaFunction(s, 'fn', FUNCTION),
          name: 'app',
        }),
    );
    expect(Object.keys(json.resource)).toEqual([
      'aws_efs_access_point',
      'aws_iam_role_policy',
      'aws_lambda_function',
      'terraform_data',
    ]);
  });

  test('makes the function depend on the mount targets of the EfsFilesystem the reference came from', () => {
    const { one } = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', {
        name: 'files',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
      });
      const fn = new LambdaFunction(s, 'fn', FUNCTION);
      new EfsMountLambda(s, 'mount', { fileSystem: efs.fileSystem, function: fn, name: 'app' });
    });
    expect(one('aws_lambda_function').depends_on).toEqual([
      expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/),
    ]);
  });

  test('takes the EfsFilesystem itself as fileSystem, as AWS CDK does, and synthesizes as with its reference', () => {
    const EFS = {
      name: 'files',
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    };
    const mounted = (pick: (efs: EfsFilesystem) => EfsFilesystem | EfsFilesystem['fileSystem']) =>
      synth((s) => {
        const efs = new EfsFilesystem(s, 'efs', EFS);
        new EfsMountLambda(s, 'mount', {
          fileSystem: pick(efs),
          function: new LambdaFunction(s, 'fn', FUNCTION),
          name: 'app',
        });
      }).json;
    expect(mounted((efs) => efs)).toEqual(mounted((efs) => efs.fileSystem));
  });

  test('two functions sharing a group created in the stack add it to the EfsFilesystem once: one NFS rule', () => {
    const mounts: EfsMountLambda[] = [];
    let efs!: EfsFilesystem;
    const { json } = synth((s) => {
      efs = new EfsFilesystem(s, 'efs', {
        name: 'files',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
      });
      const group = new SecurityGroup(s, 'group', { namePrefix: 'app-' });
      for (const name of ['one', 'two']) {
        const fn = new LambdaFunction(s, `${name}-fn`, {
          ...FUNCTION,
          functionName: name,
          vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [group.id] },
        });
        mounts.push(
          new EfsMountLambda(s, `${name}-mount`, {
            fileSystem: efs.fileSystem,
            function: fn,
            name,
            rootDirectory: `/${name}`,
          }),
        );
      }
    });
    const rules = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as any[];
    expect(rules.find((r) => r.description === 'NFS from allowed security group ${each.key}').for_each).toBe(
      '${{ one-mount = aws_security_group.group.id }}',
    );
    for (const mount of mounts) expect(inputsOf(mount).security_group_id).toBe('${aws_security_group.group.id}');
  });

  test('refuses a function outside a VPC', () => {
    const error = thrown(() =>
      synth((s) => {
        const { vpcConfig: _vpc, ...outside } = FUNCTION;
        new EfsMountLambda(s, 'mount', { fileSystem: FS, function: new LambdaFunction(s, 'fn', outside), name: 'app' });
      }),
    );
    expect(error.message).toBe(
      'EfsMountLambda "test/mount" has invalid props:\n' +
        '  - function (test/fn) has no vpcConfig: Lambda mounts EFS only from a VPC. Give it vpcConfig with subnets in the Availability Zones of the mount targets and a security group.',
    );
    expect(error.stack).not.toMatch(/\n\s+at /);
  });

  test('refuses a function that already mounts a file system', () => {
    const error = thrown(() =>
      synth((s) => {
        const fn = new LambdaFunction(s, 'fn', {
          ...FUNCTION,
          fileSystemConfig: {
            arn: 'arn:aws:elasticfilesystem:us-east-1:111122223333:access-point/fsap-1',
            localMountPath: '/mnt/other',
          },
        });
        new EfsMountLambda(s, 'mount', { fileSystem: FS, function: fn, name: 'app' });
      }),
    );
    expect(error.problems).toEqual([
      'function (test/fn) already has a fileSystemConfig: a Lambda function mounts one file system. Mount one EfsMountLambda per function.',
    ]);
  });

  test('refuses a function without a security group unless told which group to allow, or none', () => {
    const noGroups = { ...FUNCTION, vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [] } };
    expect(
      thrown(() =>
        synth(
          (s) =>
            new EfsMountLambda(s, 'mount', {
              fileSystem: FS,
              function: new LambdaFunction(s, 'fn', noGroups),
              name: 'app',
            }),
        ),
      ).problems,
    ).toEqual([
      'function (test/fn) has no security group in its vpcConfig: give it one, or pass securityGroupId (the group to let in on NFS), or allowClientSecurityGroup: false.',
    ]);
    expect(() =>
      synth(
        (s) =>
          new EfsMountLambda(s, 'mount', {
            fileSystem: FS,
            function: new LambdaFunction(s, 'fn', noGroups),
            name: 'app',
            allowClientSecurityGroup: false,
          }),
      ),
    ).not.toThrow();
  });

  test("reports the module's own rules in TypeScript spelling", () => {
    const error = thrown(() =>
      synth(
        (s) =>
          new EfsMountLambda(s, 'mount', {
            fileSystem: FS,
            function: new LambdaFunction(s, 'fn', FUNCTION),
            name: 'app',
            mountPath: '/data',
            rootDirectory: 'data',
            rootDirectoryPermissions: '0855',
          }),
      ),
    );
    expect(error.problems).toEqual([
      'rootDirectory must be an absolute path without ".." segments, such as "/data" (got "data").',
      'rootDirectoryPermissions must be 3 or 4 octal digits such as "0755" (got "0855").',
      'mountPath must be "/mnt/" followed by one name of letters, digits, ".", "_" or "-", at most 160 characters, such as "/mnt/data" (got "/data").',
    ]);
  });
});

describe('without a function', () => {
  test('the policy iterates over a map decided by the flag alone; the config is there for a function built by hand', () => {
    let mount: EfsMountLambda | undefined;
    const { json, one } = synth((s) => {
      mount = new EfsMountLambda(s, 'mount', { fileSystem: FS, name: 'app', roleName: 'app-role' });
    });
    expect(Object.keys(json.resource)).toEqual(['aws_efs_access_point', 'aws_iam_role_policy', 'terraform_data']);
    expect(one('aws_iam_role_policy').for_each).toBe('${local.mount_role_policy}');
    expect(json.locals.mount_role_policy).toEqual({ role: 'app-role' });
    expect(json.locals.mount_attaches_role_policy).toBeUndefined();
    expect(inputsOf(mount!)).toMatchObject({
      role_name: 'app-role',
      attach_role_policy: true,
      security_group_id: null,
    });
    expect(mount!.fileSystemConfig.localMountPath).toMatch(/^\$\{TfToken\[/);
  });

  test('refuses a mount without a role unless the policy is turned off', () => {
    expect(
      thrown(() => synth((s) => new EfsMountLambda(s, 'mount', { fileSystem: FS, name: 'app' }))).problems,
    ).toEqual([
      "roleName is not set but attachRolePolicy is true (the default): give the name of the function's IAM role, the one that gets the EFS policy. Set attachRolePolicy to false only when the role gets its EFS permissions elsewhere.",
    ]);
    expect(() =>
      synth((s) => new EfsMountLambda(s, 'mount', { fileSystem: FS, name: 'app', attachRolePolicy: false })),
    ).not.toThrow();
  });

  test('refuses read-only without the role policy that enforces it', () => {
    expect(
      thrown(() =>
        synth(
          (s) =>
            new EfsMountLambda(s, 'mount', { fileSystem: FS, name: 'app', readOnly: true, attachRolePolicy: false }),
        ),
      ).problems,
    ).toEqual([
      "readOnly needs attachRolePolicy true, with roleName: Lambda mounts read-write unless the function's role is denied elasticfilesystem:ClientWrite, which this construct does through that role.",
    ]);
  });

  test('refuses a literal client group that a literal file system reference does not admit', () => {
    expect(
      thrown(() =>
        synth(
          (s) =>
            new EfsMountLambda(s, 'mount', {
              fileSystem: FS,
              name: 'app',
              roleName: 'app-role',
              securityGroupId: 'sg-0dddddddddddddddd',
            }),
        ),
      ).problems,
    ).toEqual([
      'securityGroupId "sg-0dddddddddddddddd" is not allowed in on NFS by the file system (fileSystem.allowedSecurityGroupIds is ["sg-0aaaaaaaaaaaaaaaa", "sg-0cccccccccccccccc"]): add it to the EfsFilesystem\'s allowedSecurityGroups, which owns one NFS rule per client group, or leave securityGroupId unset (and, given function, pass allowClientSecurityGroup: false) if you allow the function in another way.',
    ]);
  });
});

test('declares the same PosixUser type as efs-filesystem (they share one TypeScript interface)', () => {
  const accessPoints = efsFilesystemSpec.inputs.find((i) => i.name === 'access_points')!.type as any;
  expect(accessPoints.of.fields.posix_user.type).toEqual(POSIX_USER);
});

describe('with an access point of the EfsFilesystem (accessPoint)', () => {
  const EFS = {
    name: 'files',
    vpcId: 'vpc-0123456789abcdef0',
    mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
  };
  const ADDRESS = /^\$\{aws_efs_access_point\.efs_access_point_\w+\["data"\]\.(id|arn)\}$/;

  test("mounts an access point made by addAccessPoint: the function's file_system_config ARN is its ARN, and the mount's own access point has count 0", () => {
    let mount!: EfsMountLambda;
    const { one } = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', EFS);
      const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
      mount = new EfsMountLambda(s, 'mount', {
        fileSystem: efs.fileSystem,
        accessPoint: data,
        function: new LambdaFunction(s, 'fn', FUNCTION),
        name: 'app',
      });
    });
    const given = inputsOf(mount).access_point;
    expect(given).toEqual({ id: expect.stringMatching(ADDRESS), arn: expect.stringMatching(ADDRESS) });
    expect(given.arn).toMatch(/\.arn\}$/);
    // The given ARN, behind the mount targets of the file system (so the function waits for them).
    const accessPoint =
      '\\{ id = aws_efs_access_point\\.efs_access_point_\\w+\\["data"\\]\\.id, arn = aws_efs_access_point\\.efs_access_point_\\w+\\["data"\\]\\.arn \\}';
    expect(one('aws_lambda_function').file_system_config.arn).toMatch(
      new RegExp(
        `^\\$\\{${accessPoint} == null \\? .* : length\\(\\{ id = aws_efs_file_system.* \\}\\.mount_target_ids\\) > 0 \\? ${accessPoint}\\.arn : null\\}$`,
      ),
    );
    expect(one('aws_efs_access_point', (n) => n.startsWith('mount_')).count).toMatch(
      new RegExp(`^\\$\\{${accessPoint} == null \\? 1 : 0\\}$`),
    );
  });

  test("takes the access point's reference (ID and ARN) as well", () => {
    let mount!: EfsMountLambda;
    synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', EFS);
      const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
      mount = new EfsMountLambda(s, 'mount', {
        fileSystem: efs.fileSystem,
        accessPoint: data.reference,
        name: 'app',
        roleName: 'app-role',
      });
    });
    expect(inputsOf(mount).access_point).toEqual({
      id: expect.stringMatching(ADDRESS),
      arn: expect.stringMatching(ADDRESS),
    });
  });

  test('refuses rootDirectory with accessPoint, naming the inputs that describe an access point of its own', () => {
    const error = thrown(() =>
      synth((s) => {
        const efs = new EfsFilesystem(s, 'efs', EFS);
        const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
        new EfsMountLambda(s, 'mount', {
          fileSystem: efs.fileSystem,
          accessPoint: data,
          rootDirectory: '/app',
          name: 'app',
          roleName: 'app-role',
        });
      }),
    );
    expect(error.problems).toEqual([
      'rootDirectory is "/app" but accessPoint is set: the module then mounts that access point and creates none, and rootDirectory, posixUser and rootDirectoryPermissions describe the one it would create. Give the function the directory and user you want through the access point you pass (efs-filesystem\'s accessPoints), and leave rootDirectory out.',
    ]);
  });

  test('refuses an access point of another EfsFilesystem, as an access point or as its reference', () => {
    for (const asReference of [false, true]) {
      const error = thrown(() =>
        synth((s) => {
          const efs = new EfsFilesystem(s, 'efs', EFS);
          const other = new EfsFilesystem(s, 'other', { ...EFS, name: 'other' });
          const data = other.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
          new EfsMountLambda(s, 'mount', {
            fileSystem: efs.fileSystem,
            accessPoint: asReference ? data.reference : data,
            name: 'app',
            roleName: 'app-role',
          });
        }),
      );
      expect(error.problems).toEqual([
        'accessPoint is the access point "data" of EfsFilesystem "test/other", but fileSystem is the one of EfsFilesystem "test/efs": a mount can only use an access point of the file system it mounts. Add the access point to that file system, or mount the other one.',
      ]);
    }
  });
});
