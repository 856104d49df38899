/**
 * Which terraform commands may attach to the shared provider process: only those that never
 * configure it. A wrong "yes" would let one configuration (region, default tags) leak into
 * another process's plan, so every "no" below matters as much as the "yes".
 */
import { sharesProvider, stageRoot } from './terraform';

const MOCKED = 'mock_provider "aws" {}\n\nrun "plans" {\n  command = plan\n}\n';
const REAL = 'run "plans" {\n  command = plan\n}\n';
const MODULE = 'resource "aws_efs_file_system" "this" {}\n';

test('schema-only commands share; init, plan and apply never do', () => {
  const d = stageRoot({ 'main.tf': MODULE });
  for (const args of [['validate'], ['show', '-json', 'plan.bin'], ['graph'], ['providers', 'schema', '-json']]) {
    expect(sharesProvider(d, args)).toBe(true);
  }
  for (const args of [
    ['init', '-input=false'],
    ['plan', '-out=plan.bin'],
    ['apply', 'plan.bin'],
  ]) {
    expect(sharesProvider(d, args)).toBe(false);
  }
});

test('terraform test shares only when every file it runs mocks the AWS provider', () => {
  const d = stageRoot({ 'main.tf': MODULE, 'tests/mocked.tftest.hcl': MOCKED, 'tests/real.tftest.hcl': REAL });
  expect(sharesProvider(d, ['test', '-no-color'])).toBe(false);
  expect(sharesProvider(d, ['test', '-filter=tests/mocked.tftest.hcl'])).toBe(true);
  expect(sharesProvider(d, ['test', '-filter=tests/real.tftest.hcl'])).toBe(false);
  expect(sharesProvider(d, ['test', '-test-directory=other'])).toBe(false);
});

test('terraform test does not share when a test file also configures a real AWS provider', () => {
  const d = stageRoot({
    'main.tf': MODULE,
    'tests/mixed.tftest.hcl': `${MOCKED}\nprovider "aws" {\n  region = "eu-west-1"\n}\n`,
  });
  expect(sharesProvider(d, ['test'])).toBe(false);
});

test('terraform test does not share when the configuration has an aliased AWS provider the mock leaves real', () => {
  const aliased = stageRoot({
    'main.tf': `${MODULE}provider "aws" {\n  alias  = "replica"\n  region = "eu-central-1"\n}\n`,
    'tests/mocked.tftest.hcl': MOCKED,
  });
  expect(sharesProvider(aliased, ['test'])).toBe(false);
  const declared = stageRoot({
    'versions.tf':
      'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws.replica]\n    }\n  }\n}\n',
    'main.tf': MODULE,
    'tests/mocked.tftest.hcl': MOCKED,
  });
  expect(sharesProvider(declared, ['test'])).toBe(false);
});

test('terraform test without test files does not share', () => {
  expect(sharesProvider(stageRoot({ 'main.tf': MODULE }), ['test'])).toBe(false);
});
