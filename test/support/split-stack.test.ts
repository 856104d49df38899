/**
 * splitStack on a real synthesized stack: two constructs, a resource created directly in the
 * stack and one added by an override (no construct path), planned with the real provider.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { App, TerraformStack } from '../../src/cdktf';
import { EfsFilesystem } from '../../src';
import { splitStack, STACK_FILE } from './split-stack';
import { init, makeTempDir, plan, providerOverride } from './terraform';

type Json = Record<string, any>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

function synthesized(): string {
  const outdir = makeTempDir('efs-modules-split-');
  const app = new App({ outdir });
  const stack = new TerraformStack(app, 'split');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  for (const id of ['first', 'second']) {
    new EfsFilesystem(stack, id, {
      name: id,
      vpcId: 'vpc-0123456789abcdef0',
      mountTargets: { a: { subnetId: 'subnet-0123456789abcdef0' } },
    });
  }
  new IamRole(stack, 'role', {
    namePrefix: 'split-',
    assumeRolePolicy: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Principal: { Service: 'lambda.amazonaws.com' } }],
    }),
  });
  stack.addOverride('resource.terraform_data.unattributed', { input: 'no construct path' });
  app.synth();
  return join(outdir, 'stacks', 'split');
}

/** Every `*.tf.json` of dir merged back into one object; a leaf present in two files fails. */
function merged(dir: string): Json {
  const into = (target: Json, source: Json, at: string) => {
    for (const [k, v] of Object.entries(source)) {
      const both = isObject(target[k]) && isObject(v);
      if (k in target && !both) throw new Error(`${at}.${k} is in two files`);
      if (both) into(target[k], v, `${at}.${k}`);
      else target[k] = v;
    }
  };
  const out: Json = {};
  for (const f of jsonFiles(dir)) into(out, JSON.parse(readFileSync(join(dir, f), 'utf8')), f);
  return out;
}

const jsonFiles = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tf.json'));
const read = (dir: string, f: string) => JSON.parse(readFileSync(join(dir, f), 'utf8')) as Json;
/** `<construct id>` of each block under `resource` and `data` of a file, or null without a path. */
const constructsIn = (config: Json) => [
  ...new Set(
    ['resource', 'data'].flatMap((k) =>
      Object.values(config[k] ?? {}).flatMap((byName: any) =>
        Object.values(byName).map((b: any) => b['//']?.metadata?.path?.split('/')[1] ?? null),
      ),
    ),
  ),
];

let dir: string;
let original: Json;
let written: string[];

beforeAll(() => {
  dir = synthesized();
  original = read(dir, STACK_FILE);
  written = splitStack(dir);
});

test('the split files, merged back, are exactly the synthesized configuration', () => {
  expect(jsonFiles(dir).sort()).toEqual([...written].sort());
  expect(merged(dir)).toEqual(original);
});

test('each construct gets a file of its own, and blocks without a construct path share one', () => {
  const byFile = Object.fromEntries(written.map((f) => [f, constructsIn(read(dir, f))]));
  expect(byFile).toEqual({
    [STACK_FILE]: [],
    'cdk.first.construct.tf.json': ['first'],
    'cdk.second.construct.tf.json': ['second'],
    'cdk.role.construct.tf.json': ['role'],
    'cdk.common.tf.json': [null],
  });
});

test('cdk.tf.json keeps every block but resources and data sources', () => {
  const kept = read(dir, STACK_FILE);
  expect(Object.keys(kept).sort()).toEqual(
    Object.keys(original)
      .filter((k) => k !== 'resource' && k !== 'data')
      .sort(),
  );
  expect(kept.terraform).toEqual(original.terraform);
});

test('terraform plans the split directory as one configuration holding every resource and data source', async () => {
  writeFileSync(join(dir, 'provider_override.tf'), providerOverride());
  await init(dir);
  const planned = await plan(dir, { extraArgs: ['-refresh=false'] });
  const addresses = (planned as any).configuration.root_module.resources
    .map((r: { address: string }) => r.address)
    .sort();
  const declared = ['resource', 'data'].flatMap((k) =>
    Object.entries(original[k] ?? {}).flatMap(([type, byName]) =>
      Object.keys(byName as Json).map((n) => (k === 'data' ? `data.${type}.${n}` : `${type}.${n}`)),
    ),
  );
  expect(addresses).toEqual(declared.sort());
}, 900_000);
