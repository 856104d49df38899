/**
 * efs-mount-lambda given an access point of efs-filesystem created in the same configuration
 * (the README's "Mounting an access point you already have", planned with the real AWS provider)
 * and EfsMountLambda given `efs.addAccessPoint(...)`, synthesized and planned the same way: the
 * first plan works, the mount creates no access point, and the function mounts the given one
 * after the mount targets.
 */
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { App, TerraformStack } from '../../src/cdktf';
import { diagnose, parsePlan } from '../../src/doctor';
import { EfsFilesystem, EfsMountLambda } from '../../src';
import { ROOT } from '../support/examples';
import { makeTempDir, providerOverride } from '../support/terraform';
import { PlannedExample, changes, node, only, planWithGraph, waitsFor } from '../support/mounts/examples';
import { accessPointUsage, planAccessPointUsage } from '../support/mounts/readme-access-point';

/** A stack as a CDKTF user writes it: file system, access point added to it, function, mount. */
async function planStackWithAddedAccessPoint(): Promise<PlannedExample> {
  const outdir = makeTempDir('efs-modules-ap-synth-');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'ap');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const efs = new EfsFilesystem(stack, 'efs', {
    name: 'shared',
    vpcId: 'vpc-0123456789abcdef0',
    mountTargets: { 'us-east-1a': { subnetId: 'subnet-0123456789abcdef0' } },
  });
  const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
  const role = new IamRole(stack, 'role', {
    namePrefix: 'ingest-',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
    }),
  });
  const fn = new LambdaFunction(stack, 'function', {
    functionName: 'ingest',
    role: role.arn,
    runtime: 'python3.12',
    handler: 'handler.handler',
    filename: 'handler.zip',
    vpcConfig: { subnetIds: ['subnet-0123456789abcdef0'], securityGroupIds: ['sg-0aaaaaaaaaaaaaaa1'] },
  });
  new EfsMountLambda(stack, 'mount', {
    fileSystem: efs.fileSystem,
    accessPoint: data,
    function: fn,
    name: 'ingest',
    mountPath: '/mnt/data',
  });
  app.synth();
  const dir = join(outdir, 'stacks', 'ap');
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  return planWithGraph(dir);
}

let hcl: PlannedExample;
let ts: PlannedExample;

beforeAll(async () => {
  [hcl, ts] = await Promise.all([planAccessPointUsage('efs-mount-lambda'), planStackWithAddedAccessPoint()]);
}, 900_000);

test("the README block gives the mount efs-filesystem's access point and none of the inputs that describe its own", () => {
  const usage = accessPointUsage('efs-mount-lambda');
  expect(usage).toMatch(/access_point\s+= module\.efs\.access_points\["ingest"\]/);
  const mount = /^module "mount" \{[\s\S]*?^\}/m.exec(usage)![0];
  expect(mount).not.toMatch(/root_directory|posix_user/);
});

describe.each([
  ['HCL (README)', () => hcl, /^module\.efs\.aws_efs_access_point\.this\["ingest"\]$/],
  ['TypeScript (addAccessPoint)', () => ts, /^aws_efs_access_point\.efs_access_point_\w+\["data"\]$/],
] as const)('%s', (_how, example, fileSystemsAccessPoint) => {
  test("the first plan creates one access point, the file system's: the mount creates none", () => {
    const accessPoints = changes(example().plan, 'aws_efs_access_point');
    expect(accessPoints.map((c) => c.address)).toEqual([expect.stringMatching(fileSystemsAccessPoint)]);
    expect(accessPoints[0].change.actions).toEqual(['create']);
  });

  test('the function mounts that access point, and waits for it and for the mount targets', () => {
    const fn = only(example().plan, 'aws_lambda_function');
    expect(fn.change.after_unknown.file_system_config).toEqual([{ arn: true }]);
    expect(fn.change.after.file_system_config).toEqual([{ local_mount_path: '/mnt/data' }]);
    const before = [...waitsFor(example().graph, node(fn))];
    expect(before).toContain(node(changes(example().plan, 'aws_efs_access_point')[0]));
    expect(before.filter((r) => /aws_efs_mount_target/.test(r)).length).toBeGreaterThan(0);
  });

  test('the role policy allows mounting only through that access point, whose ARN is known at apply', () => {
    const document = only(example().plan, 'aws_iam_policy_document', /mount/);
    expect(document.change.after.statement[0].condition).toEqual([
      expect.objectContaining({ test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn' }),
    ]);
    expect(document.change.after_unknown.statement[0].condition[0].values).toEqual([true]);
    expect(only(example().plan, 'aws_iam_role_policy').change.actions).toEqual(['create']);
  });
});

test('HCL: the function\'s file_system_config reads the module output fed by module.efs.access_points["ingest"]', () => {
  const config = hcl.plan.configuration as any;
  const mount = config.root_module.module_calls.mount;
  expect(mount.expressions.access_point.references).toContain('module.efs.access_points["ingest"]');
  const fn = config.root_module.resources.find((r: { address: string }) => r.address === 'aws_lambda_function.this');
  expect(fn.expressions.file_system_config[0].arn.references).toContain('module.mount.file_system_config.arn');
  // Inline, so that the plan JSON (which describes no locals) shows where the ARN comes from.
  const arnOutput = mount.module.outputs.file_system_config.expression.references;
  expect(arnOutput).toEqual(
    expect.arrayContaining([
      'var.access_point.arn',
      'aws_efs_access_point.this[0].arn',
      'var.file_system.mount_target_ids',
    ]),
  );
});

test('HCL: efs-modules doctor follows the given access point through the mount and finds nothing', () => {
  const findings = diagnose(parsePlan(JSON.stringify(hcl.plan)));
  expect(findings.map((f) => `${f.severity} ${f.check} ${f.address}: ${f.message}`)).toEqual([]);
});
