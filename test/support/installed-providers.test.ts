/**
 * Roots initialised by `terraform get` plus the lock file and providers of one initialised root
 * plan as after their own `terraform init`, and terraform still refuses a root whose version
 * constraints the shared lock file does not meet. Roots that init must configure itself (a
 * backend) or that hold providers of their own are never linked.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  INSTALLED_PROVIDERS_ENV,
  TEMPLATE_MAIN_TF,
  cachedSchemaFile,
  linkProviders,
  reusableInit,
} from './installed-providers';
import { awsSchema } from './state';
import { ROOT } from './examples';
import {
  findResources,
  makeTempDir,
  plan,
  providerOverride,
  stage,
  stageRoot,
  stripAnsi,
  terraform,
} from './terraform';

const RESOURCE = 'resource "aws_efs_file_system" "this" {\n  encrypted = true\n}\n';

let template: string;
const previous = process.env[INSTALLED_PROVIDERS_ENV];

/** What init() does for a root that may reuse the template. */
async function linkedRoot(files: Record<string, string>): Promise<string> {
  const dir = stageRoot(files);
  await terraform(dir, ['get', '-no-color']);
  linkProviders(dir, template);
  return dir;
}

beforeAll(async () => {
  template = makeTempDir('efs-modules-initialised-');
  fs.writeFileSync(path.join(template, 'main.tf'), TEMPLATE_MAIN_TF);
  await terraform(template, ['init', '-input=false', '-no-color']);
  process.env[INSTALLED_PROVIDERS_ENV] = template;
});

afterAll(() => {
  if (previous === undefined) delete process.env[INSTALLED_PROVIDERS_ENV];
  else process.env[INSTALLED_PROVIDERS_ENV] = previous;
});

test('a root without a backend reuses the initialised root, also when initialised a second time', async () => {
  const dir = stageRoot({ 'main.tf': RESOURCE });
  expect(reusableInit(dir)).toBe(template);
  await terraform(dir, ['get', '-no-color']);
  linkProviders(dir, template);
  expect(reusableInit(dir)).toBe(template);
});

test('roots with a backend, a lock file or providers of their own run their own init', () => {
  expect(reusableInit(stageRoot({ 'main.tf': `terraform {\n  backend "local" {}\n}\n${RESOURCE}` }))).toBeUndefined();
  expect(
    reusableInit(
      stageRoot({ 'cdk.tf.json': JSON.stringify({ terraform: { backend: { local: { path: 'x.tfstate' } } } }) }),
    ),
  ).toBeUndefined();
  expect(
    reusableInit(stageRoot({ 'main.tf': RESOURCE, '.terraform.lock.hcl': '# another lock file\n' })),
  ).toBeUndefined();
  const own = stageRoot({ 'main.tf': RESOURCE });
  fs.mkdirSync(path.join(own, '.terraform', 'providers'), { recursive: true });
  expect(reusableInit(own)).toBeUndefined();
});

test('a linked root plans with the provider of the lock file', async () => {
  const dir = await linkedRoot({ 'main.tf': RESOURCE, 'provider.tf': providerOverride() });
  const planned = await plan(dir);
  expect(findResources(planned, 'aws_efs_file_system')[0].values).toMatchObject({ encrypted: true });
});

test('terraform refuses a linked root whose version constraints the lock file does not meet', async () => {
  const versions =
    'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "4.0.0"\n    }\n  }\n}\n';
  const dir = await linkedRoot({ 'main.tf': RESOURCE, 'versions.tf': versions, 'provider.tf': providerOverride() });
  // Its own provider process (a command given its own environment never attaches): terraform
  // skips the lock file check for a provider it attaches to.
  const result = await terraform(dir, ['plan', '-input=false', '-no-color'], { allowFailure: true, env: {} });
  expect(result.exitCode).toBe(1);
  expect(stripAnsi(result.stderr)).toContain('Inconsistent dependency lock file');
  expect(stripAnsi(result.stderr)).toMatch(
    /locked version selection \S+ doesn't match the updated version constraints "4\.0\.0"/,
  );
});

/** Folders under dir (repo-relative) that hold a root or module: any .tf file. */
function configurationFolders(rel: string): string[] {
  const here = fs.readdirSync(path.join(ROOT, rel), { withFileTypes: true });
  const nested = here.filter((e) => e.isDirectory()).flatMap((e) => configurationFolders(path.join(rel, e.name)));
  return here.some((e) => e.isFile() && e.name.endsWith('.tf')) ? [rel, ...nested] : nested;
}

// A linked root skips init's resolution of its version constraints, and plans that attach to a
// shared provider skip terraform's lock file check; this full init of every module and example
// keeps their constraints checked against the provider the tests run.
test('every module and example accepts the provider version of the shared lock file in a full init', async () => {
  const folders = [...configurationFolders('modules'), ...configurationFolders('examples')];
  expect(folders.length).toBeGreaterThanOrEqual(9);
  const calls = folders.map((f, i) => `module "m${i}" {\n  source = "../${f}"\n}\n`).join('\n');
  const dir = path.join(stage(ROOT, ['modules', 'examples'], { 'all/main.tf': calls }), 'all');
  await terraform(dir, ['init', '-input=false', '-no-color']);
  const version = (lock: string) =>
    /provider "registry.terraform.io\/hashicorp\/aws" \{\s*version\s*=\s*"([^"]+)"/.exec(lock)?.[1];
  const selected = version(fs.readFileSync(path.join(dir, '.terraform.lock.hcl'), 'utf8'));
  expect(selected).toBeDefined();
  expect(selected).toBe(version(fs.readFileSync(path.join(template, '.terraform.lock.hcl'), 'utf8')));
});

test('the provider schema is asked once per run and read back equal to what terraform prints', async () => {
  const first = await linkedRoot({ 'main.tf': RESOURCE });
  const second = await linkedRoot({ 'main.tf': RESOURCE });
  const file = cachedSchemaFile(first)!;
  expect(file).toBeDefined();
  expect(cachedSchemaFile(second)).toBe(file);
  fs.rmSync(file, { force: true });
  await awsSchema(first);
  expect(fs.existsSync(file)).toBe(true);
  const printed = JSON.parse((await terraform(second, ['providers', 'schema', '-json'])).stdout).provider_schemas[
    'registry.terraform.io/hashicorp/aws'
  ];
  expect(await awsSchema(second)).toEqual(printed);
  // A root locking another package (here: other hashes) never reads it.
  const other = stageRoot({
    'main.tf': RESOURCE,
    '.terraform.lock.hcl':
      'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.100.0"\n  hashes = ["h1:other"]\n}\n',
  });
  expect(cachedSchemaFile(other)).toBeUndefined();
});
