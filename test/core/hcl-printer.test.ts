/** The HCL printer's handling of Terraform JSON-syntax strings and values. */
import { printValue } from '../../generators/hcl/config-printer';
import { parseTemplate, stringValue } from '../../generators/hcl/expressions';
import { hclType } from '../../generators/hcl/types';
import { t, optional } from '../../src/core/types';

test('a string that is one interpolation becomes a bare expression', () => {
  expect(stringValue('${var.name}')).toBe('var.name');
  expect(stringValue('${merge(var.tags, { Name = "${var.name}-efs" })}')).toBe(
    'merge(var.tags, { Name = "${var.name}-efs" })',
  );
});

test('text around interpolations stays a quoted template, escaped', () => {
  expect(stringValue('${var.name}-efs-')).toBe('"${var.name}-efs-"');
  expect(stringValue('say "hi"\n')).toBe('"say \\"hi\\"\\n"');
  expect(stringValue('literal $${not} here')).toBe('"literal $${not} here"');
});

test('interpolations may hold strings with braces and nested templates', () => {
  expect(parseTemplate('a${jsonencode({ x = "}" })}b${"${var.y}"}')).toEqual([
    { text: 'a' },
    { expr: 'jsonencode({ x = "}" })' },
    { text: 'b' },
    { expr: '"${var.y}"' },
  ]);
});

test('objects are written over lines with keys aligned as terraform fmt aligns them', () => {
  expect(printValue({ id: '${aws_x.this.id}', security_group_id: '${aws_y.this.id}' })).toBe(
    '{\n  id                = aws_x.this.id\n  security_group_id = aws_y.this.id\n}',
  );
});

test('object types put multi-line attributes outside alignment runs', () => {
  const type = t.object({
    a: t.string(),
    nested: optional(t.object({ b: t.number() })),
    longer_name: optional(t.bool(), true),
  });
  expect(hclType(type)).toBe(
    'object({\n  a = string\n  nested = optional(object({\n    b = number\n  }))\n  longer_name = optional(bool, true)\n})',
  );
});
