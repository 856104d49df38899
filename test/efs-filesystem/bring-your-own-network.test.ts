/**
 * EfsFilesystem without a security group of its own (createSecurityGroup: false), with groups of
 * the user's (mountTargetSecurityGroupIds), without mount targets, and the outputs that describe
 * the network, as CDKTF users meet them at synth time. What the plans do with them is in
 * network-plans.test.ts (real provider); the rules' messages in both paths in test/modules/validation.test.ts.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { TerraformOutput, TerraformStack } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, EfsMountEcs, EfsMountLambda } from '../../src';
import { synthStack as synth, thrown } from '../support/synth';

const OWN_GROUPS: EfsFilesystemProps = {
  name: 'files',
  createSecurityGroup: false,
  mountTargetSecurityGroupIds: ['sg-0bbbbbbbbbbbbbbb2'],
  mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
};

/** A function in a VPC whose one security group is `groupId`, with a role. */
function lambdaIn(stack: TerraformStack, groupId: string): LambdaFunction {
  const role = new IamRole(stack, 'role', { name: 'app-role', assumeRolePolicy: '{}' });
  return new LambdaFunction(stack, 'fn', {
    functionName: 'app',
    role: role.arn,
    runtime: 'python3.12',
    handler: 'handler.handler',
    filename: 'handler.zip',
    vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: [groupId] },
  });
}

describe('createSecurityGroup: false', () => {
  test('synthesizes without vpcId: no group, no rules, and the mount targets get the given groups', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', OWN_GROUPS));
    const [group] = Object.values(json.resource.aws_security_group) as any[];
    expect(group).toMatchObject({ count: 0, vpc_id: null });
    const rules = Object.values(json.resource.aws_vpc_security_group_ingress_rule) as any[];
    expect(rules.map((r) => r.for_each ?? r.count)).toEqual(expect.arrayContaining([{}, 0]));
    const [mountTarget] = Object.values(json.resource.aws_efs_mount_target) as any[];
    expect(mountTarget.security_groups).toMatch(
      /^\$\{concat\(aws_security_group\.\w+\[\*\]\.id, \["sg-0bbbbbbbbbbbbbbb2"\]\)\}$/,
    );
  });

  test('allowClient refuses, naming the construct and saying how the client gets in', () => {
    const error = thrown(() =>
      synth((s) => new EfsFilesystem(s, 'efs', OWN_GROUPS).allowClient('app', 'sg-0aaaaaaaaaaaaaaa1')),
    );
    expect(error.message).toContain('EfsFilesystem "test/efs"');
    expect(error.message).toContain('createSecurityGroup is false');
    expect(error.message).toContain('allowClient cannot let "sg-0aaaaaaaaaaaaaaa1" in');
    expect(error.message).toContain('rules on your groups of mountTargetSecurityGroupIds');
  });

  test('a Lambda mount that would add its client group refuses, naming the mount and the way out', () => {
    const error = thrown(() =>
      synth((s) => {
        const efs = new EfsFilesystem(s, 'efs', OWN_GROUPS);
        new EfsMountLambda(s, 'mount', {
          fileSystem: efs.fileSystem,
          name: 'app',
          function: lambdaIn(s, 'sg-0aaaaaaaaaaaaaaa1'),
        });
      }),
    );
    expect(error.message).toContain('EfsMountLambda "test/mount"');
    expect(error.message).toContain(
      'EfsFilesystem "test/efs", which has no security group of its own (createSecurityGroup is false)',
    );
    expect(error.message).toContain('pass allowClientSecurityGroup: false');
  });

  test('an ECS mount given a client group refuses the same way', () => {
    const error = thrown(() =>
      synth((s) => {
        const efs = new EfsFilesystem(s, 'efs', OWN_GROUPS);
        new EfsMountEcs(s, 'mount', {
          fileSystem: efs.fileSystem,
          name: 'app',
          taskRoleName: 'task',
          securityGroupId: 'sg-0aaaaaaaaaaaaaaa1',
        });
      }),
    );
    expect(error.message).toContain('EfsMountEcs "test/mount"');
    expect(error.message).toContain('createSecurityGroup is false');
  });

  test('with allowClientSecurityGroup: false the mount synthesizes and adds no NFS rule', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', OWN_GROUPS);
      const clients = new SecurityGroup(s, 'clients', { name: 'clients' });
      new EfsMountLambda(s, 'mount', {
        fileSystem: efs.fileSystem,
        name: 'app',
        function: lambdaIn(s, clients.id),
        allowClientSecurityGroup: false,
      });
    });
    const fromGroups = (Object.values(json.resource.aws_vpc_security_group_ingress_rule) as any[]).find(
      (r) => r.description === 'NFS from allowed security group ${each.key}',
    );
    expect(fromGroups.for_each).toEqual({});
  });
});

describe('a file system without mount targets', () => {
  const noMountTargets: EfsFilesystemProps = { name: 'files', vpcId: 'vpc-0123456789abcdef0' };

  test('synthesizes: mountTargets defaults to {}', () => {
    const json = synth((s) => new EfsFilesystem(s, 'efs', noMountTargets));
    expect((Object.values(json.resource.aws_efs_mount_target)[0] as any).for_each).toEqual({});
  });

  test.each([
    [
      'EfsMountLambda',
      (s: TerraformStack, efs: EfsFilesystem) =>
        new EfsMountLambda(s, 'mount', { fileSystem: efs.fileSystem, name: 'app', roleName: 'app-role' }),
    ],
    [
      'EfsMountEcs',
      (s: TerraformStack, efs: EfsFilesystem) =>
        new EfsMountEcs(s, 'mount', { fileSystem: efs.fileSystem, name: 'app', taskRoleName: 'task' }),
    ],
  ])('%s refuses it at synth: there is nothing to mount', (className, mount) => {
    const error = thrown(() => synth((s) => mount(s, new EfsFilesystem(s, 'efs', noMountTargets))));
    expect(error.message).toContain(`${className} "test/mount"`);
    expect(error.message).toContain(
      'fileSystem.mountTargetIds names no mount target (got {}): the file system cannot be reached from any subnet, so there is nothing to mount.',
    );
    expect(error.message).toContain("Give efs-filesystem's mountTargets a subnet in each Availability Zone");
  });

  test('a mount of a file system with mount targets is not refused', () => {
    expect(() =>
      synth((s) => {
        const efs = new EfsFilesystem(s, 'efs', {
          ...noMountTargets,
          mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
        });
        new EfsMountLambda(s, 'mount', { fileSystem: efs.fileSystem, name: 'app', roleName: 'app-role' });
      }),
    ).not.toThrow();
  });
});

describe('network outputs', () => {
  const outputOf = (json: Record<string, any>, name: string): string => json.output[name].value;

  test('sizeInBytes, securityGroupArn, mountTargets and accessPoints read the resources', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', {
        ...OWN_GROUPS,
        accessPoints: { app: { rootDirectory: '/app', posixUser: { uid: 1000, gid: 1000 } } },
      });
      const o = efs.outputs;
      new TerraformOutput(s, 'size', { value: o.sizeInBytes });
      new TerraformOutput(s, 'group_arn', { value: o.securityGroupArn });
      new TerraformOutput(s, 'group_id', { value: efs.securityGroupId });
      new TerraformOutput(s, 'mount_targets', { value: o.mountTargets });
      new TerraformOutput(s, 'access_points', { value: o.accessPoints });
    });
    expect(outputOf(json, 'size')).toMatch(/^\$\{one\(aws_efs_file_system\.\w+\.size_in_bytes\[\*\]\.value\)\}$/);
    expect(outputOf(json, 'group_arn')).toMatch(/^\$\{one\(aws_security_group\.\w+\[\*\]\.arn\)\}$/);
    expect(outputOf(json, 'group_id')).toMatch(/^\$\{one\(aws_security_group\.\w+\[\*\]\.id\)\}$/);
    expect(outputOf(json, 'mount_targets')).toMatch(/dns_name\s+= mt\.mount_target_dns_name/);
    expect(outputOf(json, 'mount_targets')).toMatch(/availability_zone_id\s+= mt\.availability_zone_id/);
    expect(outputOf(json, 'access_points')).toMatch(
      /root_directory\s+= ap\.root_directory\[0\]\.path\s+posix_user\s+= one\(ap\.posix_user\)/,
    );
  });

  test('an access point added in code gives its root directory', () => {
    const json = synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', OWN_GROUPS);
      const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
      new TerraformOutput(s, 'root', { value: data.rootDirectory });
    });
    expect(outputOf(json, 'root')).toMatch(/^\$\{aws_efs_access_point\.\w+\["data"\]\.root_directory\[0\]\.path\}$/);
  });
});
