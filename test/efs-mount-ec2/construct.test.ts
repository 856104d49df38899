/**
 * EfsMountEc2 as CDKTF users meet it: the role name taken from `role`, the client group it adds
 * to the EfsFilesystem, and what `mountOn` does to an instance and a launch template (the script,
 * depends_on on the mount targets) or refuses. Synthesized only: the module's rules are checked
 * in both paths by test/modules/validation.test.ts, the plans by examples.test.ts.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { Instance } from '@cdktf/provider-aws/lib/instance';
import { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
import { App, TerraformStack, Testing } from '../../src/cdktf';
import { EfsFilesystem, EfsMountEc2 } from '../../src';
import { FILE_SYSTEM_PROP, inputsOf, thrown } from '../support/synth';

const ASSUME = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'ec2.amazonaws.com' } }],
});

function synth(build: (stack: TerraformStack) => void): Record<string, any> {
  const stack = new TerraformStack(new App(), 'test');
  build(stack);
  return JSON.parse(Testing.synth(stack));
}

const only = (json: Record<string, any>, type: string): any => {
  const found = Object.values(json.resource?.[type] ?? {});
  if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
  return found[0];
};

test('takes the role name from role, and attaches the policy to it', () => {
  let mount: EfsMountEc2 | undefined;
  const json = synth((s) => {
    const role = new IamRole(s, 'role', { namePrefix: 'app-', assumeRolePolicy: ASSUME });
    mount = new EfsMountEc2(s, 'mount', { fileSystem: FILE_SYSTEM_PROP, name: 'app', role });
  });
  const policy = only(json, 'aws_iam_role_policy');
  expect(policy.role).toBe('${each.value}');
  expect(policy.for_each).toBe('${local.mount_role_policy}');
  expect(inputsOf(mount!).role_name).toBe('${aws_iam_role.role.name}');
});

describe('with an EfsFilesystem in the stack', () => {
  function stack(target: (s: TerraformStack, mount: EfsMountEc2) => void): Record<string, any> {
    return synth((s) => {
      const efs = new EfsFilesystem(s, 'efs', {
        name: 'shared',
        vpcId: 'vpc-0123456789abcdef0',
        mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
      });
      const mount = new EfsMountEc2(s, 'mount', {
        fileSystem: efs.fileSystem,
        name: 'app',
        roleName: 'app-role',
        securityGroupId: 'sg-0aaaaaaaaaaaaaaa1',
      });
      target(s, mount);
    });
  }

  test("adds the instances' group to its allowed client groups, named after the mount", () => {
    let efs: EfsFilesystem | undefined;
    stack((s) => {
      efs = s.node.findChild('efs') as EfsFilesystem;
    });
    expect(inputsOf(efs!).allowed_security_groups).toEqual({ mount: 'sg-0aaaaaaaaaaaaaaa1' });
  });

  test('mountOn gives an instance the script as user_data and makes it depend on the mount targets', () => {
    const json = stack((s, mount) =>
      mount.mountOn(new Instance(s, 'instance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro' })),
    );
    const instance = only(json, 'aws_instance');
    expect(instance.user_data).toMatch(/^\$\{terraform_data\.mount_mount_script_\w+\.input\}$/);
    expect(instance.depends_on).toEqual([expect.stringMatching(/^aws_efs_mount_target\.efs_mount_target_\w+$/)]);
  });

  test('mountOn gives a launch template the script base64-encoded', () => {
    const json = stack((s, mount) =>
      mount.mountOn(new LaunchTemplate(s, 'template', { imageId: 'ami-0123456789abcdef0' })),
    );
    const template = only(json, 'aws_launch_template');
    expect(template.user_data).toMatch(/^\$\{base64encode\(terraform_data\.\w+\.input\)\}$/);
    expect(template.depends_on).toEqual([expect.stringMatching(/^aws_efs_mount_target\./)]);
  });

  test('mountOn refuses an instance that has user data already, pointing to cloudInitPart', () => {
    const error = thrown(() =>
      stack((s, mount) =>
        mount.mountOn(
          new Instance(s, 'instance', { ami: 'ami-0123456789abcdef0', instanceType: 't3.micro', userData: 'echo hi' }),
        ),
      ),
    );
    expect(error.problems).toEqual([expect.stringContaining('instance test/instance has user data already')]);
    expect(error.message).toContain('cloudInitPart');
  });
});

test('an unsupported distribution fails at synth, naming the prop and the way out', () => {
  const error = thrown(() =>
    synth(
      (s) =>
        new EfsMountEc2(s, 'mount', {
          fileSystem: FILE_SYSTEM_PROP,
          name: 'app',
          roleName: 'app-role',
          distribution: 'ubuntu' as never,
        }),
    ),
  );
  expect(error.problems).toEqual([
    expect.stringMatching(
      /^distribution must be "amazon-linux-2023" or "amazon-linux-2".*\(got "ubuntu"\).*fstabLine or mountCommand output/,
    ),
  ]);
});
