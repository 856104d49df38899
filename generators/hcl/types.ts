/** HCL text of type constraints, laid out as `terraform fmt` does (literal values: src/core/hcl-values.ts). */
import type { TfType } from '../../src/core/types';
import { attr, renderBody } from '../../src/core/hcl-writer';
import { hclLiteral } from '../../src/core/hcl-values';

/** An object written over several lines, its attributes aligned by the writer's fmt rules. */
function multiline(open: string, entries: [string, string][], close: string): string {
  const lines = renderBody(
    entries.map(([k, v]) => attr(k, v)),
    '  ',
  );
  return [open, ...lines, close].join('\n');
}

/** A type constraint, multi-line for objects as hand-written modules write them. */
export function hclType(type: TfType): string {
  switch (type.kind) {
    case 'list':
    case 'set':
    case 'map':
      return `${type.kind}(${hclType(type.of)})`;
    case 'object':
      return multiline(
        'object({',
        Object.entries(type.fields).map(([name, f]) => {
          const rendered = hclType(f.type);
          if (!f.optional) return [name, rendered];
          return [
            name,
            f.default === undefined ? `optional(${rendered})` : `optional(${rendered}, ${hclLiteral(f.default)})`,
          ];
        }),
        '})',
      );
    default:
      return type.kind;
  }
}
