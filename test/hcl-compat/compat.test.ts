/**
 * The generated modules are releases for Terraform >= 1.5 and OpenTofu >= 1.6: no construct
 * newer than those floors, nothing that only one of the two tools has, lower-bound-only version
 * constraints, validation rules that read only their own variable, and nothing outside the
 * module folder. (Validation and plans with the real CLI are in test/modules/generated.test.ts;
 * there is no OpenTofu binary on these machines, so this scan is what guards OpenTofu.)
 */
import * as fs from 'fs';
import * as path from 'path';
import { MODULES, OPENTOFU_MIN, TERRAFORM_MIN } from '../../generators/registry';
import { FEATURES, FLOOR, newerThan, stripCommentsAndStrings } from './features';
import { AWS_PROVIDER_MIN } from '../../src/modules/aws-provider';
import { argumentsUsed } from './arguments-used';
import { ARGUMENT_SINCE } from './provider-arguments';

const ROOT = path.resolve(__dirname, '../..');
const moduleNames = MODULES.map((m) => m.spec.name);

function filesOf(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesOf(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

const tfFiles = (name: string) => filesOf(path.join(ROOT, 'modules', name)).filter((f) => f.endsWith('.tf'));
const read = (file: string) => fs.readFileSync(file, 'utf8');

/** Satisfies a `>= X` / `>= X, < Y` constraint list for version v (the forms the modules may use). */
function satisfies(constraint: string, v: string): boolean {
  return constraint.split(',').every((part) => {
    const m = part.trim().match(/^(>=|>|<=|<|=|!=)?\s*([0-9.]+)$/);
    if (!m) throw new Error(`unsupported constraint ${part}`);
    const [, op = '=', want] = m;
    const cmp = newerThan(v, want) ? 1 : newerThan(want, v) ? -1 : 0;
    return { '>=': cmp >= 0, '>': cmp > 0, '<=': cmp <= 0, '<': cmp < 0, '=': cmp === 0, '!=': cmp !== 0 }[op]!;
  });
}

test('the floors in the feature table are the ones the generator writes', () => {
  expect(FLOOR).toEqual({ terraform: TERRAFORM_MIN, opentofu: OPENTOFU_MIN });
});

describe('the feature scanner', () => {
  // Positive controls: a pattern that matched nothing would let every module pass.
  const samples: Record<string, string> = {
    'import block (root modules only)': 'import {\n  to = aws_efs_file_system.this\n  id = "fs-1"\n}',
    'removed block': 'removed {\n  from = aws_efs_file_system.old\n}',
    'ephemeral resource': 'ephemeral "aws_secretsmanager_secret_version" "x" {\n}',
    'ephemeral variable or output': 'variable "x" {\n  ephemeral = true\n}',
    'write-only attribute (*_wo)': 'resource "aws_db_instance" "x" {\n  password_wo = "x"\n}',
    'action block': 'action "aws_lambda_invoke" "x" {\n}',
    'deprecated variable or output': 'variable "x" {\n  deprecated = "use y"\n}',
    'provider-defined function': 'locals {\n  x = provider::aws::arn_parse(var.arn)\n}',
    'templatestring()': 'locals {\n  x = templatestring(local.t, {})\n}',
    'issensitive()': 'locals {\n  x = issensitive(var.x)\n}',
    'ephemeralasnull()': 'locals {\n  x = ephemeralasnull(var.x)\n}',
    'convert()': 'locals {\n  x = convert(var.x, number)\n}',
    'base64gunzip()': 'locals {\n  x = base64gunzip(var.x)\n}',
    'cidrcontains()': 'locals {\n  x = cidrcontains("10.0.0.0/8", var.ip)\n}',
    'state encryption (terraform { encryption })': 'terraform {\n  encryption {\n  }\n}',
    'provider for_each': 'provider "aws" {\n  alias    = "r"\n  for_each = var.regions\n}',
    'lifecycle enabled': 'resource "x" "y" {\n  lifecycle {\n    enabled = false\n  }\n}',
    'lifecycle destroy': 'resource "x" "y" {\n  lifecycle {\n    destroy = false\n  }\n}',
    'cloud block': 'terraform {\n  cloud {\n  }\n}',
    'backend block': 'terraform {\n  backend "s3" {\n  }\n}',
  };

  test.each(FEATURES.map((f) => [f.name, f] as const))('finds %s', (name, feature) => {
    expect(samples[name]).toBeDefined();
    expect(stripCommentsAndStrings(samples[name])).toMatch(feature.pattern);
  });

  test('ignores constructs named only in comments and strings', () => {
    const text = stripCommentsAndStrings(
      '# removed {\nlocals {\n  a = "provider::x templatestring(" # import {\n  b = "${var.x}-removed"\n}\n',
    );
    expect(FEATURES.filter((f) => f.pattern.test(text)).map((f) => f.name)).toEqual([]);
    expect(text).toContain('${var.x}');
  });
});

describe.each(moduleNames.map((n) => [n] as const))('modules/%s', (name) => {
  const dir = path.join(ROOT, 'modules', name);

  test('uses no construct newer than Terraform 1.5 / OpenTofu 1.6, nor one only one of them has', () => {
    const found = tfFiles(name).flatMap((file) => {
      const text = stripCommentsAndStrings(read(file));
      return FEATURES.filter(
        (f) =>
          (newerThan(f.terraform, FLOOR.terraform) || newerThan(f.opentofu, FLOOR.opentofu) || f.note) &&
          f.pattern.test(text),
      ).map(
        (f) =>
          `${path.relative(ROOT, file)}: ${f.name} (Terraform ${f.terraform ?? 'none'}, OpenTofu ${f.opentofu ?? 'none'})`,
      );
    });
    expect(found).toEqual([]);
  });

  test('has only Terraform files both tools read (no .tofu, no .tf.json)', () => {
    const odd = filesOf(dir).filter((f) => /\.(tofu|tofu\.json|tf\.json)$/.test(f));
    expect(odd).toEqual([]);
  });

  test('declares lower bounds only, which Terraform 1.5 and OpenTofu 1.6 satisfy', () => {
    const versions = read(path.join(dir, 'versions.tf'));
    const required = versions.match(/required_version\s*=\s*"([^"]+)"/)?.[1];
    expect(required).toBe(`>= ${TERRAFORM_MIN}`);
    expect(satisfies(required!, `${FLOOR.terraform}.0`)).toBe(true);
    // OpenTofu checks required_version against its own version number.
    expect(satisfies(required!, `${FLOOR.opentofu}.0`)).toBe(true);
    const providerVersions = [...versions.matchAll(/version\s*=\s*"([^"]+)"/g)]
      .map((m) => m[1])
      .filter((v) => v !== required);
    expect(providerVersions.length).toBeGreaterThan(0);
    for (const v of providerVersions) expect(v).toMatch(/^>= [0-9.]+$/);
    expect(versions).toMatch(/source\s*=\s*"hashicorp\/aws"/);
  });

  test('validation rules read only their own variable (other references need Terraform 1.9 / OpenTofu 1.9)', () => {
    const variables = read(path.join(dir, 'variables.tf'));
    const blocks = [...variables.matchAll(/^variable "([^"]+)" \{\n([\s\S]*?)^\}/gm)];
    expect(blocks.length).toBeGreaterThan(0);
    const offending = blocks.flatMap(([, variable, body]) => {
      const validations = [...body.matchAll(/^ {2}validation \{\n([\s\S]*?)^ {2}\}/gm)].map((m) =>
        stripCommentsAndStrings(m[1]),
      );
      return validations.flatMap((v) => {
        const others = [...v.matchAll(/\bvar\.(\w+)/g)].map((m) => m[1]).filter((n) => n !== variable);
        const objects = [...v.matchAll(/\b(local|data|module|path|terraform)\.\w+/g)].map((m) => m[0]);
        return [...others.map((o) => `var.${o}`), ...objects].map((ref) => `${variable}: ${ref}`);
      });
    });
    expect(offending).toEqual([]);
  });

  test('reaches nothing outside its folder: no module calls, no parent paths', () => {
    for (const file of tfFiles(name)) {
      const text = read(file);
      expect(text).not.toMatch(/^\s*module\s+"/m);
      expect(text).not.toMatch(/\.\.\//);
    }
  });
});

describe('the AWS provider lower bound', () => {
  const used = moduleNames.flatMap((name) =>
    argumentsUsed(read(path.join(ROOT, 'modules', name, 'main.tf'))).map((u) => ({ ...u, name })),
  );
  const since = (type: string, p: string): string | undefined => ARGUMENT_SINCE[type]?.[p];
  const show = (u: { name: string; type: string; path: string }) => `${u.name}: ${u.type}${u.path ? ` ${u.path}` : ''}`;

  test('the scanner finds arguments in nested and dynamic blocks, and leaves out meta-arguments and multi-line values', () => {
    const sample = [
      'resource "aws_backup_plan" "this" {',
      '  for_each = { a = 1 }',
      '',
      '  name = jsonencode({',
      '    inner = "not an argument"',
      '  })',
      '',
      '  rule {',
      '    rule_name = "x"',
      '    dynamic "copy_action" {',
      '      for_each = []',
      '      content {',
      '        destination_vault_arn = copy_action.value',
      '        lifecycle {',
      '          delete_after = 1',
      '        }',
      '      }',
      '    }',
      '  }',
      '',
      '  lifecycle {',
      '    ignore_changes = [name]',
      '  }',
      '}',
      '',
      'resource "terraform_data" "x" {',
      '  input = 1',
      '}',
    ].join('\n');
    expect(argumentsUsed(sample).map((u) => `${u.type} ${u.path}`)).toEqual([
      'aws_backup_plan ',
      'aws_backup_plan name',
      'aws_backup_plan rule.copy_action.destination_vault_arn',
      'aws_backup_plan rule.copy_action.lifecycle.delete_after',
      'aws_backup_plan rule.rule_name',
    ]);
  });

  test('finds the arguments of every module', () => {
    for (const name of moduleNames) expect(used.filter((u) => u.name === name).length).toBeGreaterThan(10);
  });

  test('every resource, data source and argument the modules set is in the table of releases', () => {
    expect(used.filter((u) => since(u.type, u.path) === undefined).map(show)).toEqual([]);
  });

  test(`every one of them is in ${AWS_PROVIDER_MIN}, the declared lower bound`, () => {
    expect(used.filter((u) => newerThan(since(u.type, u.path) ?? '999', AWS_PROVIDER_MIN)).map(show)).toEqual([]);
  });

  test('the bound is the lowest that works: some argument in use arrived in that very release', () => {
    const newest = used.map((u) => since(u.type, u.path) ?? '0').reduce((a, b) => (newerThan(b, a) ? b : a));
    expect(newest).toBe(AWS_PROVIDER_MIN);
  });

  test.each(moduleNames.map((n) => [n] as const))('modules/%s/versions.tf declares that bound', (name) => {
    expect(read(path.join(ROOT, 'modules', name, 'versions.tf'))).toMatch(
      new RegExp(`version\\s*=\\s*">= ${AWS_PROVIDER_MIN.replace(/\./g, '\\.')}"`),
    );
  });
});
