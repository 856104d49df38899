/**
 * src/core/hcl-values.ts writes strings, keys and literals the way Terraform reads them back:
 * each value is written into a configuration and read back from `terraform output -json`.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { escapeQuoted, escapeTemplateText, hclKey, hclLiteral, hclString } from '../../src/core/hcl-values';
import { init, makeTempDir, removeTempDirs, terraform } from '../support/terraform';

afterAll(removeTempDirs);

/** Applies a configuration of outputs (no provider, local state) and returns their values. */
async function readBack(outputs: Record<string, string>): Promise<Record<string, unknown>> {
  const dir = makeTempDir('hcl-values-');
  const body = Object.entries(outputs).map(([name, value]) => `output "${name}" {\n  value = ${value}\n}\n`).join('\n');
  writeFileSync(join(dir, 'main.tf'), body);
  await init(dir);
  await terraform(dir, ['apply', '-auto-approve', '-input=false', '-no-color']);
  const out = JSON.parse((await terraform(dir, ['output', '-json', '-no-color'])).stdout) as Record<string, { value: unknown }>;
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.value]));
}

const TRICKY = {
  quotes: 'say "hi"',
  backslash: 'C:\\dir\\file',
  newline: 'one\ntwo',
  tab_and_return: 'a\tb\rc',
  control: 'bell\u0007end',
  template: 'literal ${var.not_read} and %{ if true }directive%{ endif }',
  unicode: 'zoë — ✓',
};

test('a string literal reads back as the very text, templates and escapes included', async () => {
  const back = await readBack(Object.fromEntries(Object.entries(TRICKY).map(([k, s]) => [k, hclString(s)])));
  expect(back).toEqual(TRICKY);
});

test('literal objects, lists and keys that are not identifiers read back as the values', async () => {
  const value = { plain: 1, 'needs quotes': [true, null, 'x"y'], nested: { 'us-east-1a': 'fsmt-1', path: '/a/${b}' } };
  const back = await readBack({ multi_line: hclLiteral(value), inline: hclLiteral(value, true) });
  expect(back).toEqual({ multi_line: value, inline: value });
});

test('escapeQuoted leaves template sequences to the caller; escapeTemplateText doubles them', () => {
  expect(escapeQuoted('${x} "q"')).toBe('${x} \\"q\\"');
  expect(escapeTemplateText('${x} %{y} "q"')).toBe('$${x} %%{y} \\"q\\"');
  expect(hclKey('name')).toBe('name');
  expect(hclKey('us-east-1a')).toBe('us-east-1a');
  expect(hclKey('1a')).toBe('"1a"');
});
