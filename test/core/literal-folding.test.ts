/**
 * The synth-time pass that writes what construct mode made constant as constant
 * (src/core/literal-folding.ts): each rule on the smallest expression that shows it.
 */
import { foldLiterals, foldTemplate, isConstant } from '../../src/core/literal-folding';

test('an attribute that is one constant becomes the JSON value', () => {
  expect(foldTemplate('${"elastic"}')).toBe('elastic');
  expect(foldTemplate('${true}')).toBe(true);
  expect(foldTemplate('${null}')).toBeNull();
  expect(foldTemplate('${{ a = { subnet_id = "subnet-1", ip = null } }}')).toEqual({
    a: { subnet_id: 'subnet-1', ip: null },
  });
});

test('a constant string keeps a literal ${ escaped, as Terraform JSON strings are templates', () => {
  expect(foldTemplate('${"cost $${x}"}')).toBe('cost $${x}');
});

test('a constant inside text becomes text; anything else stays an interpolation', () => {
  expect(foldTemplate('NFS to EFS ${"files"} from ${each.key}')).toBe('NFS to EFS files from ${each.key}');
});

test("a template inside the one interpolation becomes the attribute's template", () => {
  expect(foldTemplate('${"${local.name}-"}')).toBe('${local.name}-');
  expect(foldTemplate('${true ? "${local.name}-" : null}')).toBe('${local.name}-');
});

test('operators and functions of constants are computed', () => {
  expect(foldTemplate('${true && true ? 1 : 0}')).toBe(1);
  expect(foldTemplate('${"maxIO" == "generalPurpose"}')).toBe(false);
  expect(foldTemplate('${coalesce(null, "files-efs")}')).toBe('files-efs');
  expect(foldTemplate('${jsonencode("elastic")}')).toBe('"elastic"');
  expect(foldTemplate('${length({ a = 1, b = 2 }) > 1}')).toBe(true);
  expect(foldTemplate('${{ id = "fs-1", arn = "a" }.id}')).toBe('fs-1');
});

test('a conditional drops a branch only when the branch references nothing', () => {
  expect(foldTemplate('${false ? null : local.name}')).toBe('${local.name}');
  // Terraform orders by every reference of an expression, taken or not: this one stays.
  expect(foldTemplate('${true ? aws_efs_access_point.own[0].arn : aws_efs_access_point.given.arn}')).toBe(
    '${true ? aws_efs_access_point.own[0].arn : aws_efs_access_point.given.arn}',
  );
  expect(foldTemplate('${false || x.y}')).toBe('${x.y}');
  expect(foldTemplate('${true || x.y}')).toBe('${true || x.y}');
});

test('a branch that reads only constant locals is dropped', () => {
  const folded = foldLiterals(
    { v: '${false ? [local.deny] : []}', w: '${false ? [local.other] : []}' },
    new Set(['deny']),
  );
  expect(folded).toEqual({ v: [], w: '${false ? [local.other] : []}' });
});

test('what is not folded keeps its text, layout included', () => {
  const multiLine = '${{\n  a = {\n    create = x.y && "maxIO" == "generalPurpose"\n    description = "d"\n  }\n}}';
  expect(foldTemplate(multiLine)).toBe('${{\n  a = {\n    create = x.y && false\n    description = "d"\n  }\n}}');
  const forExpression = '${{ for name, when in { a = "1", b = null } : name => when if when != null }}';
  expect(foldTemplate(forExpression)).toBe(forExpression);
});

test('what it cannot read is left alone', () => {
  for (const s of ['${<<EOT\nx\nEOT\n}', '%{ if true }x%{ endif }', '${ x ~}', 'plain text', '${unterminated'])
    expect(foldTemplate(s)).toBe(s);
});

test('keys are kept and every string of a fragment is folded', () => {
  expect(foldLiterals({ resource: { aws_x: { a: { count: '${true ? 1 : 0}', tags: ['${"t"}'] } } } })).toEqual({
    resource: { aws_x: { a: { count: 1, tags: ['t'] } } },
  });
});

test('a value is constant when no string in it interpolates', () => {
  expect(isConstant({ a: ['x', 1, null, 'cost $${x}'] })).toBe(true);
  expect(isConstant({ a: '${local.x}' })).toBe(false);
});
