/**
 * src/core/hcl-values.ts writes strings, keys and literals the way Terraform reads them back:
 * each value is written into a configuration and read back from `terraform output -json`.
 */
import { escapeQuoted, escapeTemplateText, hclKey, hclLiteral, hclString } from '../../src/core/hcl-values';
import { readBack } from '../support/terraform';

/** Applies a configuration of these outputs (name → HCL expression) and returns their values. */
function readBackOutputs(outputs: Record<string, string>): Promise<Record<string, unknown>> {
  const body = Object.entries(outputs)
    .map(([name, value]) => `output "${name}" {\n  value = ${value}\n}\n`)
    .join('\n');
  return readBack(body, 'hcl-values-');
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
  const back = await readBackOutputs(Object.fromEntries(Object.entries(TRICKY).map(([k, s]) => [k, hclString(s)])));
  expect(back).toEqual(TRICKY);
});

test('literal objects, lists and keys that are not identifiers read back as the values', async () => {
  const value = { plain: 1, 'needs quotes': [true, null, 'x"y'], nested: { 'us-east-1a': 'fsmt-1', path: '/a/${b}' } };
  const back = await readBackOutputs({ multi_line: hclLiteral(value), inline: hclLiteral(value, true) });
  expect(back).toEqual({ multi_line: value, inline: value });
});

test('escapeQuoted leaves template sequences to the caller; escapeTemplateText doubles them', () => {
  expect(escapeQuoted('${x} "q"')).toBe('${x} \\"q\\"');
  expect(escapeTemplateText('${x} %{y} "q"')).toBe('$${x} %%{y} \\"q\\"');
  expect(hclKey('name')).toBe('name');
  expect(hclKey('us-east-1a')).toBe('us-east-1a');
  expect(hclKey('1a')).toBe('"1a"');
});
