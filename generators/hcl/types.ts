/** HCL text of type constraints and literal values, laid out as `terraform fmt` does. */
import type { TfType } from '../../src/core/types';
import { attr, hclKey, renderBody } from '../../src/core/hcl-writer';

/** An object written over several lines, its attributes aligned by the writer's fmt rules. */
function multiline(open: string, entries: [string, string][], close: string): string {
  const lines = renderBody(entries.map(([k, v]) => attr(k, v)), '  ');
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
          return [name, f.default === undefined ? `optional(${rendered})` : `optional(${rendered}, ${hclLiteral(f.default)})`];
        }),
        '})',
      );
    default:
      return type.kind;
  }
}

/**
 * A literal value (defaults, optional() defaults). Objects inside lists are written on one line:
 * `terraform fmt` indents a multi-line object that follows `}))` in a type in its own way.
 */
export function hclLiteral(value: unknown, inline = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => hclLiteral(v, true)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (inline) return `{ ${entries.map(([k, v]) => `${hclKey(k)} = ${hclLiteral(v, true)}`).join(', ')} }`;
  return multiline('{', entries.map(([k, v]) => [hclKey(k), hclLiteral(v)]), '}');
}
