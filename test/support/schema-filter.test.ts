/**
 * The schema filter (schema-filter.ts) changes what Terraform is told exists, nothing else: a
 * plan through it equals the plan of a provider process of its own, the schema it gives lists
 * just the chosen types and keeps the rest of the provider's answer, and a type left out fails
 * loudly. These run against a filter of their own, with a short list of types, so they hold
 * whether or not the run's provider processes are filtered.
 */
import * as fs from 'fs';
import * as path from 'path';
import { mirroredProviderBinary, SharedProvider, startSharedProvider } from './shared-provider';
import { filteredBy, repositoryTypes } from './schema-filter';
import { SMALL_ROOT_TYPES, plannedWith, smallRootTf } from './small-root';
import { init, makeTempDir, providerMirror, providerOverride, stageRoot, terraform, terraformEnv } from './terraform';

const TYPES = SMALL_ROOT_TYPES;

const binary = mirroredProviderBinary(providerMirror() ?? '');
// Without the mirror there is no binary to start here; the filter is then never used either.
const withMirror = binary ? describe : describe.skip;

let filtered: SharedProvider;
let root: string;

/** A staged, initialised root holding files. */
async function initialised(files: Record<string, string>): Promise<string> {
  const dir = stageRoot(files);
  await init(dir);
  return dir;
}

withMirror('a provider process behind the schema filter', () => {
  beforeAll(async () => {
    const started = startSharedProvider(binary!, terraformEnv());
    [filtered, root] = await Promise.all([
      filteredBy(TYPES, binary!)(started),
      initialised({ 'main.tf': smallRootTf('filtered'), 'provider.tf': providerOverride() }),
    ]);
  });

  afterAll(() => filtered?.stop());

  test('a plan through the filter equals the plan of a provider process of its own', async () => {
    const [through, own] = await Promise.all([plannedWith(root, filtered.reattach), plannedWith(root)]);
    expect(through.resource_changes?.map((c) => c.address)).toEqual([
      'aws_efs_file_system.this',
      'aws_efs_mount_target.this',
    ]);
    expect(through).toEqual(own);
  });

  test('the schema lists only the chosen types and keeps the provider block and functions', async () => {
    const out = await terraform(root, ['providers', 'schema', '-json'], {
      env: { TF_REATTACH_PROVIDERS: filtered.reattach },
    });
    const schema = (JSON.parse(out.stdout) as { provider_schemas: Record<string, any> }).provider_schemas[
      'registry.terraform.io/hashicorp/aws'
    ];
    expect(Object.keys(schema.resource_schemas).sort()).toEqual(['aws_efs_file_system', 'aws_efs_mount_target']);
    // A name is kept as a resource and as a data source where the provider has both.
    expect(Object.keys(schema.data_source_schemas).sort()).toEqual([
      'aws_efs_file_system',
      'aws_efs_mount_target',
      'aws_region',
    ]);
    expect(Object.keys(schema.provider.block.attributes)).toEqual(
      expect.arrayContaining(['region', 'skip_credentials_validation']),
    );
    expect(Object.keys(schema.functions ?? {})).toEqual(expect.arrayContaining(['arn_parse']));
  });

  test('a type the filter leaves out fails as an unsupported type, and the harness says which list to extend', async () => {
    const dir = await initialised({ 'main.tf': 'resource "aws_sns_topic" "left_out" {}\n' });
    const failed = await terraform(dir, ['validate', '-no-color'], {
      env: { TF_REATTACH_PROVIDERS: filtered.reattach },
    }).then(
      () => '',
      (e: Error) => e.message,
    );
    expect(failed).toContain('The provider hashicorp/aws does not support resource type "aws_sns_topic"');
    expect(failed).toContain('name the type in the test or fixture that uses it, or set EFS_MODULES_SCHEMA_FILTER=0');
  });
});

test('the types of the repository are its aws_ words and the cdktf classes it imports by submodule', () => {
  const dir = makeTempDir('efs-modules-types-');
  fs.mkdirSync(path.join(dir, 'modules'));
  fs.mkdirSync(path.join(dir, 'src'));
  fs.writeFileSync(
    path.join(dir, 'modules', 'main.tf'),
    'resource "aws_efs_file_system" "this" {}\ndata "aws_partition" "current" {}\n',
  );
  fs.writeFileSync(
    path.join(dir, 'src', 'stack.ts'),
    "import { LambdaFunction } from '@cdktf/provider-aws/lib/lambda-function';\nimport { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';\n",
  );
  expect([...repositoryTypes(dir)].sort()).toEqual([
    'aws_efs_file_system',
    'aws_iam_policy_document',
    'aws_lambda_function',
    'aws_partition',
  ]);
});
