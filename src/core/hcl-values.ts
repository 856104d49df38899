/**
 * HCL text of values, in one place: how a string is escaped inside quotes, how a literal value
 * (string, number, list, object) and an object key are written, and object constructors from
 * expressions. Every generator and printer writes strings through these, so a quote, a
 * backslash or a `${` in a description, a default or a message reads the same everywhere.
 * Layout (alignment of attributes, blocks) is hcl-writer.ts's.
 */
import { attr, renderBody } from './hcl-writer';

/**
 * Escapes the characters a quoted HCL string cannot hold as they are: backslash, quote and
 * control characters (newline, carriage return and tab by name, others as `\uXXXX`, as JSON
 * does). Leaves template sequences alone: for text that is template text already, such as the
 * literal parts of a Terraform JSON-syntax string, where `$${` is written escaped.
 */
export function escapeQuoted(s: string): string {
  return s.replace(
    // Control characters are what this escapes: the range is meant.
    // eslint-disable-next-line no-control-regex
    /[\\"\u0000-\u001f]/g,
    (c) => QUOTED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
const QUOTED_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '"': '\\"',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
};

/**
 * Doubles `${` and `%{`, so that a template (a quoted HCL string, a Terraform JSON-syntax string)
 * reads them literally.
 */
export function escapeTemplateSequences(s: string): string {
  // A function, not a replacement string: in a replacement string `$$` stands for one `$`.
  return s.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * Escapes plain text for a quoted HCL string: `escapeQuoted` and `escapeTemplateSequences`, so
 * nothing is interpolated.
 */
export function escapeTemplateText(s: string): string {
  return escapeTemplateSequences(escapeQuoted(s));
}

/** A string literal: `"text"`, with the text read literally. */
export function hclString(s: string): string {
  return `"${escapeTemplateText(s)}"`;
}

/** An object key: bare when it is an identifier, quoted otherwise. */
export function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : hclString(key);
}

/**
 * A literal value (defaults, `optional()` defaults, test inputs, rule constants). Objects are
 * written over several lines, laid out as `terraform fmt` does, except inside lists and when
 * `inline`: `terraform fmt` indents a multi-line object that follows `}))` in a type in its own way.
 */
export function hclLiteral(value: unknown, inline = false): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return hclString(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `[${value.map((v) => hclLiteral(v, true)).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  if (inline) return `{ ${entries.map(([k, v]) => `${hclKey(k)} = ${hclLiteral(v, true)}`).join(', ')} }`;
  return hclObject(Object.fromEntries(entries.map(([k, v]) => [k, hclLiteral(v)])));
}

/**
 * A multi-line HCL object constructor from attribute expressions, laid out as `terraform fmt`
 * does, for expressions written in build code (`{ sid = "…", effect = "…" }`).
 */
export function hclObject(fields: Readonly<Record<string, string>>): string {
  const lines = renderBody(
    Object.entries(fields).map(([k, v]) => attr(hclKey(k), v)),
    '  ',
  );
  return ['{', ...lines, '}'].join('\n');
}
