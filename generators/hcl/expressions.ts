/**
 * Turns the template strings of Terraform's JSON syntax into native HCL: a string that is one
 * interpolation becomes a bare expression (`var.x`, not `"${var.x}"`); other templates stay
 * quoted with their literal text escaped.
 */
import { escapeQuoted } from '../../src/core/hcl-values';

export type TemplatePart = { readonly text: string } | { readonly expr: string };

/** Splits a JSON-syntax template into literal text and interpolated expressions. */
export function parseTemplate(s: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  let i = 0;
  while (i < s.length) {
    if (s.startsWith('$${', i) || s.startsWith('%%{', i)) {
      text += s.slice(i, i + 3);
      i += 3;
    } else if (s.startsWith('${', i)) {
      const end = closingBrace(s, i + 2);
      if (text) parts.push({ text });
      text = '';
      parts.push({ expr: s.slice(i + 2, end).trim() });
      i = end + 1;
    } else {
      text += s[i++];
    }
  }
  if (text) parts.push({ text });
  return parts;
}

/** Index of the `}` closing an interpolation opened before `start`, skipping nested braces and strings. */
function closingBrace(s: string, start: number): number {
  let depth = 0;
  for (let i = start; i < s.length; i++) {
    const c = s[i];
    if (c === '"') {
      i = closingQuote(s, i + 1);
    } else if (c === '{') {
      depth++;
    } else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  throw new Error(`unterminated interpolation in ${JSON.stringify(s)}`);
}

/** Index of the `"` ending a quoted string inside an expression (which may hold templates itself). */
function closingQuote(s: string, start: number): number {
  for (let i = start; i < s.length; i++) {
    if (s[i] === '\\') i++;
    else if (s.startsWith('${', i)) i = closingBrace(s, i + 2);
    else if (s[i] === '"') return i;
  }
  throw new Error(`unterminated string in ${JSON.stringify(s)}`);
}

/** The HCL for a JSON-syntax string value. */
export function stringValue(s: string): string {
  const parts = parseTemplate(s);
  if (parts.length === 1 && 'expr' in parts[0]) return parts[0].expr;
  const body = parts
    // Literal text is template text already (`$${` stays escaped): only quotes and backslashes need escaping.
    .map((p) => ('expr' in p ? `\${${p.expr}}` : escapeQuoted(p.text)))
    .join('');
  return `"${body}"`;
}

/** A reference in `depends_on` or `ignore_changes`, written bare. */
export function bareReference(s: string): string {
  const parts = parseTemplate(s);
  return parts.length === 1 && 'expr' in parts[0] ? parts[0].expr : s;
}
