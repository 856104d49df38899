/**
 * The policy, replication and creation token inputs planned both ways with the real provider:
 * an EfsFilesystem stack (one statement added by addToResourcePolicy) and the HCL module with
 * the same inputs (that statement last in policy_statements) plan the same resources and values,
 * the policy document included (read at plan time: it reads no attribute of the file system).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack, Testing } from '../../src/cdktf';
import { EfsFilesystem } from '../../src';
import { moduleInstances } from '../support/module-root';
import { NormalizedChange, ROOT, fileSystemModuleTypes, normalizedChanges } from '../support/examples';
import { PlanJson, init, makeTempDir, plan, providerOverride, stage } from '../support/terraform';

const ROLE = 'arn:aws:iam::111122223333:role/app';
const SOURCE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'FromSource',
      Effect: 'Allow',
      Action: 'elasticfilesystem:DescribeFileSystems',
      Principal: { AWS: ROLE },
      Resource: '*',
    },
  ],
});
const OVERRIDE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'AppMounts',
      Effect: 'Allow',
      Action: 'elasticfilesystem:ClientMount',
      Principal: { AWS: ROLE },
      Resource: '*',
    },
  ],
});

/** The inputs in HCL's shape; the statement added in code is the last one. */
const HCL_INPUTS = {
  name: 'parity',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } },
  creation_token: 'parity-files',
  replication_overwrite_protection: 'DISABLED',
  replication: { region: 'us-west-2', file_system_id: 'fs-0123456789abcdef1' },
  allow_access_via_mount_targets: false,
  source_policy_documents: [SOURCE],
  override_policy_documents: [OVERRIDE],
  policy_statements: [
    {
      sid: 'AppMounts',
      effect: 'Allow',
      actions: ['elasticfilesystem:ClientMount'],
      principals: [{ type: 'AWS', identifiers: [ROLE] }],
    },
    {
      sid: 'OnlyMount',
      effect: 'Deny',
      not_actions: ['elasticfilesystem:ClientMount'],
      not_principals: [{ type: 'AWS', identifiers: [ROLE] }],
    },
    { sid: 'Elsewhere', effect: 'Allow', actions: ['elasticfilesystem:DescribeMountTargets'], resources: ['*'] },
  ],
};

async function planTs(): Promise<PlanJson> {
  const stack = new TerraformStack(new App(), 'parity');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  const efs = new EfsFilesystem(stack, 'efs', {
    name: 'parity',
    vpcId: 'vpc-0123456789abcdef0',
    mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    creationToken: 'parity-files',
    replicationOverwriteProtection: 'DISABLED',
    replication: { region: 'us-west-2', fileSystemId: 'fs-0123456789abcdef1' },
    allowAccessViaMountTargets: false,
    sourcePolicyDocuments: [SOURCE],
    overridePolicyDocuments: [OVERRIDE],
    policyStatements: [
      {
        sid: 'AppMounts',
        effect: 'Allow',
        actions: ['elasticfilesystem:ClientMount'],
        principals: [{ type: 'AWS', identifiers: [ROLE] }],
      },
      {
        sid: 'OnlyMount',
        effect: 'Deny',
        notActions: ['elasticfilesystem:ClientMount'],
        notPrincipals: [{ type: 'AWS', identifiers: [ROLE] }],
      },
    ],
  });
  efs.addToResourcePolicy({
    sid: 'Elsewhere',
    effect: 'Allow',
    actions: ['elasticfilesystem:DescribeMountTargets'],
    resources: ['*'],
  });
  const dir = makeTempDir('efs-modules-policy-parity-');
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  writeFileSync(join(dir, 'cdk.tf.json'), Testing.synth(stack));
  await init(dir);
  return plan(dir);
}

async function planHcl(): Promise<PlanJson> {
  const main = moduleInstances('../modules/efs-filesystem', ['efs'], () => HCL_INPUTS);
  const dir = join(
    stage(ROOT, ['modules/efs-filesystem'], { 'root/main.tf': main, 'root/provider.tf': providerOverride() }),
    'root',
  );
  await init(dir);
  return plan(dir);
}

interface ReadResource {
  type: string;
  values: Record<string, unknown>;
}

/** The policy document as the plan read it (at plan time: it reads no attribute of the file system). */
function documentOf(p: PlanJson): { Statement: { Sid: string }[] } {
  const { root_module: root } = (
    p as unknown as {
      prior_state: {
        values: { root_module: { resources?: ReadResource[]; child_modules?: { resources: ReadResource[] }[] } };
      };
    }
  ).prior_state.values;
  const all = [...(root.resources ?? []), ...(root.child_modules ?? []).flatMap((m) => m.resources)];
  return JSON.parse(all.find((r) => r.type === 'aws_iam_policy_document')!.values.json as string);
}

let ts: NormalizedChange[];
let hcl: NormalizedChange[];
let tsDocument: ReturnType<typeof documentOf>;
let hclDocument: ReturnType<typeof documentOf>;

beforeAll(async () => {
  const [tsPlan, hclPlan] = await Promise.all([planTs(), planHcl()]);
  ts = normalizedChanges(tsPlan, fileSystemModuleTypes);
  hcl = normalizedChanges(hclPlan, fileSystemModuleTypes);
  tsDocument = documentOf(tsPlan);
  hclDocument = documentOf(hclPlan);
}, 900_000);

test('same resources, same planned values, same unknowns', () => {
  expect(hcl.length).toBeGreaterThan(5);
  expect(ts).toEqual(hcl);
});

test('the planned policy document holds the statements in order, without the mount-target statement', () => {
  expect(hclDocument.Statement.map((s) => s.Sid)).toEqual([
    'FromSource',
    'DenyUnencryptedTransport',
    'AppMounts',
    'OnlyMount',
    'Elsewhere',
  ]);
  expect(tsDocument).toEqual(hclDocument);
});
