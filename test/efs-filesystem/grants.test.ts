/**
 * EfsFilesystem's IAM grants and mountTargetsAvailable: the synthesized policies (actions, the
 * file system's ARN, the mount-target condition), one policy per role and actions, and a real
 * provider plan of a function that waits for the mount targets.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, TerraformVariable, Testing } from '../../src/cdktf';
import { EfsFilesystem, EfsFilesystemProps, ValidationError } from '../../src';
import { ApplyGraph, applyGraph, before, savedPlan } from '../support/apply-graph';
import { PlanJson, findResources, init, makeTempDir, providerOverride } from '../support/terraform';

jest.setTimeout(600_000);

const PROPS: EfsFilesystemProps = {
  name: 'files',
  vpcId: 'vpc-0123456789abcdef0',
  mountTargets: {
    a: { subnetId: 'subnet-0123456789abcdef0' },
    b: { subnetId: 'subnet-0123456789abcdef1' },
  },
};
const ASSUME_LAMBDA = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

function synth(build: (stack: TerraformStack, efs: EfsFilesystem) => void): Record<string, any> {
  const stack = new TerraformStack(new App(), 'test');
  build(stack, new EfsFilesystem(stack, 'efs', PROPS));
  return JSON.parse(Testing.synth(stack));
}

const policies = (json: Record<string, any>): any[] => Object.values(json.resource.aws_iam_role_policy ?? {});
/** The one statement of the policy document a role policy reads (`${data.aws_iam_policy_document.X.json}`). */
function statementOf(json: Record<string, any>, policy: any): any {
  const [, name] = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)!;
  const { statement } = json.data.aws_iam_policy_document[name];
  expect(statement).toHaveLength(1);
  return statement[0];
}

describe.each([
  ['grantRead', ['elasticfilesystem:ClientMount']],
  ['grantReadWrite', ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite']],
  [
    'grantRootAccess',
    ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientRootAccess', 'elasticfilesystem:ClientWrite'],
  ],
] as const)('%s', (method, actions) => {
  let json: Record<string, any>;
  beforeAll(() => {
    json = synth((s, efs) => efs[method](new IamRole(s, 'role', { assumeRolePolicy: ASSUME_LAMBDA })));
  });

  test('allows exactly its actions', () => {
    expect([...statementOf(json, policies(json)[0]).actions].sort()).toEqual(actions);
  });

  test('on this file system only', () => {
    const [fsName] = Object.keys(json.resource.aws_efs_file_system);
    expect(statementOf(json, policies(json)[0]).resources).toEqual([`\${aws_efs_file_system.${fsName}.arn}`]);
  });

  test('only through a mount target', () => {
    expect(statementOf(json, policies(json)[0]).condition).toEqual([
      { test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['true'] },
    ]);
  });

  test('goes to the role, named after the file system construct and the grant kind', () => {
    const [policy] = policies(json);
    expect(policy.role).toBe('${aws_iam_role.role.name}');
    const kind = { grantRead: 'read', grantReadWrite: 'read-write', grantRootAccess: 'root-access' }[method];
    expect(policy.name).toBe(`efs-efs-${kind}`);
  });
});

test('granting the same actions to the same role twice makes one policy and returns it', () => {
  let first: unknown;
  let second: unknown;
  const json = synth((s, efs) => {
    const role = new IamRole(s, 'role', { assumeRolePolicy: ASSUME_LAMBDA });
    first = efs.grantReadWrite(role);
    // Another read of role.name is another token string, for the same role.
    second = efs.grant({ roleName: role.name }, 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientMount');
  });
  expect(second).toBe(first);
  expect(policies(json)).toHaveLength(1);
});

test('another role, or other actions for the same role, get their own policy', () => {
  const json = synth((s, efs) => {
    const role = new IamRole(s, 'role', { assumeRolePolicy: ASSUME_LAMBDA });
    efs.grantRead(role);
    efs.grantReadWrite(role);
    efs.grantRead(new IamRole(s, 'other', { assumeRolePolicy: ASSUME_LAMBDA }));
  });
  expect(
    policies(json)
      .map((p) => `${p.role} ${p.name}`)
      .sort(),
  ).toEqual([
    '${aws_iam_role.other.name} efs-efs-read',
    '${aws_iam_role.role.name} efs-efs-read',
    '${aws_iam_role.role.name} efs-efs-read-write',
  ]);
});

test('a role name given as a token (a variable) is written as its expression', () => {
  const json = synth((s, efs) => {
    const roleName = new TerraformVariable(s, 'role_name', { type: 'string' });
    efs.grantRead({ roleName: roleName.stringValue });
  });
  expect(policies(json)[0].role).toBe('${var.role_name}');
});

test('a literal role name is used as is', () => {
  const json = synth((_s, efs) => efs.grantRootAccess({ roleName: 'existing-role' }));
  expect(policies(json)[0].role).toBe('existing-role');
});

test('refuses an action that is not an EFS action, naming it', () => {
  const stack = new TerraformStack(new App(), 's');
  const efs = new EfsFilesystem(stack, 'efs', PROPS);
  expect(() => efs.grant({ roleName: 'r' }, 's3:GetObject')).toThrow(ValidationError);
  expect(() => efs.grant({ roleName: 'r' }, 's3:GetObject')).toThrow(
    'grant action "s3:GetObject" must be an EFS action',
  );
  expect(() => efs.grant({ roleName: 'r' })).toThrow('grant needs at least one action');
});

test('mountTargetsAvailable is the mount targets resource, for depends_on', () => {
  const json = synth((s, efs) => {
    new LambdaFunction(s, 'fn', {
      functionName: 'fn',
      role: 'arn:aws:iam::123456789012:role/r',
      dependsOn: [efs.mountTargetsAvailable],
    });
  });
  const [mountTargets] = Object.keys(json.resource.aws_efs_mount_target);
  expect(json.resource.aws_lambda_function.fn.depends_on).toEqual([`aws_efs_mount_target.${mountTargets}`]);
});

describe('a function granted read-write, planned with the real provider', () => {
  let planned: PlanJson;
  let graph: ApplyGraph;
  let config: Record<string, any>;
  beforeAll(async () => {
    const stack = new TerraformStack(new App(), 'granted');
    new AwsProvider(stack, 'aws', { region: 'us-east-1' });
    const role = new IamRole(stack, 'role', { namePrefix: 'fn-', assumeRolePolicy: ASSUME_LAMBDA });
    const efs = new EfsFilesystem(stack, 'efs', PROPS);
    efs.grantReadWrite(role);
    new LambdaFunction(stack, 'fn', {
      functionName: 'granted',
      role: role.arn,
      runtime: 'python3.12',
      handler: 'index.handler',
      s3Bucket: 'code-bucket',
      s3Key: 'fn.zip',
      dependsOn: [efs.mountTargetsAvailable],
    });
    const dir = makeTempDir('efs-modules-grants-');
    const synthesized = Testing.synth(stack);
    config = JSON.parse(synthesized);
    // Fake credentials, no STS call: the plan runs offline.
    writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
    writeFileSync(join(dir, 'cdk.tf.json'), synthesized);
    await init(dir);
    const saved = await savedPlan(dir);
    planned = saved.json;
    graph = await applyGraph(dir, saved);
  });

  test('plans the role policy on the created role, allowing mount and write', () => {
    const [policy] = findResources(planned, 'aws_iam_role_policy');
    expect(policy.values.name).toBe('efs-efs-read-write');
    // The role's name is only known after its creation (name_prefix); the document's ARN too.
    const change = planned.resource_changes!.find((c) => c.address === policy.address)!;
    expect((change.change as any).after_unknown.role).toBe(true);
    // The document the policy reads, as the provider planned it: the ARN is known after apply.
    const configured = (planned as any).configuration.root_module.resources;
    const documentAddress = configured.find((r: any) => r.address === policy.address).expressions.policy.references[1];
    const read = planned.resource_changes!.find((c) => c.address === documentAddress)!;
    expect(read.change.actions).toEqual(['read']);
    const [statement] = read.change.after.statement;
    expect(statement).toMatchObject({
      effect: 'Allow',
      actions: ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
      condition: [{ test: 'Bool', variable: 'elasticfilesystem:AccessedViaMountTarget', values: ['true'] }],
    });
    const fileSystem = findResources(planned, 'aws_efs_file_system')[0].address;
    const document = configured.find((r: any) => r.address === documentAddress);
    expect(document.expressions.statement[0].resources.references).toContain(`${fileSystem}.arn`);
  });

  test('the function waits for both mount targets', () => {
    expect(
      findResources(planned, 'aws_efs_mount_target')
        .map((r) => r.index)
        .sort(),
    ).toEqual(['a', 'b']);
    const fn = (planned as any).configuration.root_module.resources.find(
      (r: any) => r.address === 'aws_lambda_function.fn',
    );
    const [mountTargets] = Object.keys(config.resource.aws_efs_mount_target);
    expect(fn.depends_on).toEqual([`aws_efs_mount_target.${mountTargets}`]);
  });

  test('the apply creates every mount target before the function', () => {
    const [mountTargets] = Object.keys(config.resource.aws_efs_mount_target);
    for (const key of ['a', 'b']) {
      expect(
        before(graph, [`aws_efs_mount_target.${mountTargets}["${key}"]`, 'apply'], ['aws_lambda_function.fn', 'apply']),
      ).toBe(true);
    }
  });
});
