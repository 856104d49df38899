/**
 * Which roots count as planning with exactly the harness's offline provider configuration. A
 * wrong key would let a plan run on a provider process configured for another root (region,
 * default tags), so every "undefined" below matters as much as the keys.
 */
import * as fs from 'fs';
import * as path from 'path';
import { offlineProviderKey } from './provider-config';
import { providerOverride, stageRoot } from './terraform';

const RESOURCE = 'resource "aws_efs_file_system" "this" {}\n';

test('the override alone, or merged over a block that sets only the region, is keyed by its region', () => {
  expect(offlineProviderKey(stageRoot({ 'main.tf': RESOURCE, 'provider.tf': providerOverride() }))).toBe(
    'aws-offline:us-east-1',
  );
  const merged = stageRoot({
    'main.tf': `provider "aws" {\n  region = "eu-west-1"\n}\n${RESOURCE}`,
    'provider_override.tf': providerOverride('eu-west-2'),
  });
  expect(offlineProviderKey(merged)).toBe('aws-offline:eu-west-2');
});

test('a cdktf stack whose provider sets only the region is keyed like an HCL root', () => {
  const stack = JSON.stringify({ provider: { aws: [{ region: 'us-east-1' }] }, resource: {} });
  expect(offlineProviderKey(stageRoot({ 'cdk.tf.json': stack, 'provider_override.tf': providerOverride() }))).toBe(
    'aws-offline:us-east-1',
  );
  const tagged = JSON.stringify({ provider: { aws: [{ region: 'us-east-1', default_tags: [{ tags: { a: 'b' } }] }] } });
  expect(
    offlineProviderKey(stageRoot({ 'cdk.tf.json': tagged, 'provider_override.tf': providerOverride() })),
  ).toBeUndefined();
});

test('a root whose own provider block sets more than the region has no key', () => {
  const tagged = `provider "aws" {\n  region = "us-east-1"\n\n  default_tags {\n    tags = { Project = "x" }\n  }\n}\n`;
  expect(
    offlineProviderKey(stageRoot({ 'main.tf': tagged + RESOURCE, 'provider_override.tf': providerOverride() })),
  ).toBeUndefined();
  const fromVariable = `provider "aws" {\n  region = var.region\n}\n`;
  expect(
    offlineProviderKey(stageRoot({ 'main.tf': fromVariable + RESOURCE, 'provider_override.tf': providerOverride() })),
  ).toBeUndefined();
});

test('aliased configurations, a changed override or no override have no key', () => {
  expect(
    offlineProviderKey(stageRoot({ 'main.tf': RESOURCE, 'provider.tf': providerOverride('us-east-1', ['replica']) })),
  ).toBeUndefined();
  const edited = providerOverride().replace(
    'skip_region_validation      = true',
    'skip_region_validation      = false',
  );
  expect(offlineProviderKey(stageRoot({ 'main.tf': RESOURCE, 'provider.tf': edited }))).toBeUndefined();
  expect(
    offlineProviderKey(stageRoot({ 'main.tf': `provider "aws" {\n  region = "us-east-1"\n}\n${RESOURCE}` })),
  ).toBeUndefined();
  // Two base blocks without alias is no configuration terraform accepts; never a key.
  expect(offlineProviderKey(stageRoot({ 'a.tf': providerOverride(), 'b.tf': providerOverride() }))).toBeUndefined();
});

test('a root whose child module declares its own AWS provider has no key', () => {
  const dir = stageRoot({
    'main.tf': 'module "child" {\n  source = "./child"\n}\n',
    'provider.tf': providerOverride(),
    'child/main.tf': `provider "aws" {\n  region = "eu-west-1"\n}\n${RESOURCE}`,
  });
  // Before init nothing records the module tree: the harness cannot tell.
  expect(offlineProviderKey(dir)).toBeUndefined();
  // What `terraform init` records of the module tree.
  const record = (childDir: string) => {
    fs.mkdirSync(path.join(dir, '.terraform', 'modules'), { recursive: true });
    const manifest = {
      Modules: [
        { Key: '', Source: '', Dir: '.' },
        { Key: 'child', Source: './child', Dir: childDir },
      ],
    };
    fs.writeFileSync(path.join(dir, '.terraform', 'modules', 'modules.json'), JSON.stringify(manifest));
  };
  record('child');
  expect(offlineProviderKey(dir)).toBeUndefined();
  fs.mkdirSync(path.join(dir, 'plain'));
  fs.writeFileSync(path.join(dir, 'plain', 'main.tf'), RESOURCE);
  record('plain');
  expect(offlineProviderKey(dir)).toBe('aws-offline:us-east-1');
});
