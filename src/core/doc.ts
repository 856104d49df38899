/**
 * Descriptions spelled per path. A description is declared once, as a `doc` template whose
 * names, values and path-only passages are marked; it renders with HCL names and syntax in
 * variables.tf, outputs.tf and the README's terraform-docs block, and with TypeScript names and
 * syntax in the props docs (src/generated/types.ts, so the .d.ts and the API reference).
 *
 *   doc`Throughput in MiB/s when ${nm('throughput_mode')} is ${val('provisioned')}.`
 *
 * reads "when `throughput_mode` is `"provisioned"`" in HCL and "when `throughputMode` is
 * `'provisioned'`" in TypeScript. A passage that only concerns one path is `hclOnly(…)` or
 * `tsOnly(…)`; a snippet written differently in each is `either(hcl, ts)`. A plain string is a
 * description with nothing to spell. Rule messages spell names the same way (`name` in expr.ts).
 */
import { type Doc, type Part, type Spelling, type Text, type TfType, camelCase } from './types';
import { hclLiteral } from './hcl-values';

export type { Doc, Text } from './types';

type Hole = Part | Doc | number;

function splice(strings: TemplateStringsArray, values: readonly Hole[]): Part[] {
  return strings.flatMap((s, i): Part[] => {
    if (i >= values.length) return [s];
    const v = values[i];
    if (typeof v === 'number') return [s, String(v)];
    if (typeof v === 'object' && 'parts' in v) return [s, ...v.parts];
    return [s, v];
  });
}

/**
 * A description template: plain strings and numbers are text; `nm`, `val`, `either` and nested docs
 * are spelled per path.
 */
export function doc(strings: TemplateStringsArray, ...values: Hole[]): Doc {
  return { parts: splice(strings, values) };
}

/**
 * A description with words for the TypeScript `@default` of an optional input without a default:
 * doc.unset('no replication')`Replicate to …`.
 */
doc.unset =
  (words: Text) =>
  (strings: TemplateStringsArray, ...values: Hole[]): Doc => ({ parts: splice(strings, values), unset: words });

/** An input, output or field name (a path of them: `nm('backup_plan', 'vault_name')`), in backticks. */
export const nm = (...path: string[]): Part => ({ kind: 'name', path });

/**
 * A value as users write it, in backticks: `"elastic"`, `{ app = 1 }` in HCL; `'elastic'`,
 * `{ app: 1 }` in TypeScript. Give the type when the value has object keys, so that the keys of
 * an object type are camelCased and the keys of a map (chosen by the user) are not.
 */
export const val = (value: unknown, type?: TfType): Part => ({ kind: 'value', value, type });

/** A passage written differently for each path (either side may be empty). */
export const either = (hcl: Text, ts: Text): Part => ({ kind: 'either', hcl, ts });
/** A passage that concerns HCL users only (advice about HCL syntax, Terraform-only workflows). */
export const hclOnly = (text: Text): Part => either(text, '');
/** A passage that concerns TypeScript users only (what the construct does for them). */
export const tsOnly = (text: Text): Part => either('', text);

/** The description as users of one path read it. */
export function spell(text: Text | undefined, spelling: Spelling): string {
  if (text === undefined) return '';
  if (typeof text === 'string') return text;
  let out = '';
  let dropped = false;
  for (const p of text.parts) {
    const piece = render(p, spelling);
    // After a passage left out for this path, the text around it closes up: "a ${hclOnly('b')} c" reads "a c".
    if (dropped && out.endsWith(' ') && /^[ .,;:)]/.test(piece)) out = out.slice(0, -1);
    out += piece;
    dropped = typeof p === 'object' && p.kind === 'either' && piece === '';
  }
  return out.trim();
}

function render(p: Part, spelling: Spelling): string {
  if (typeof p === 'string') return p;
  switch (p.kind) {
    case 'name':
      return `\`${p.path.map((s) => (spelling === 'ts' ? camelCase(s) : s)).join('.')}\``;
    case 'value':
      return `\`${spelling === 'ts' ? tsLiteral(p.value, p.type) : hclLiteral(p.value, true)}\``;
    case 'either':
      return spell(spelling === 'ts' ? p.ts : p.hcl, spelling);
  }
}

/** The `@default` words of a description, spelled for TypeScript (undefined when it has none). */
export function unsetWords(text: Text | undefined): string | undefined {
  return typeof text === 'object' && text.unset !== undefined ? spell(text.unset, 'ts') : undefined;
}

/**
 * A value as TypeScript users write it: strings in single quotes, the fields of object types
 * camelCased (map keys as given), `undefined` for null.
 */
export function tsLiteral(v: unknown, type?: TfType): string {
  if (v === null || v === undefined) return 'undefined';
  if (Array.isArray(v)) {
    const of = type && 'of' in type ? type.of : undefined;
    return `[${v.map((x) => tsLiteral(x, of)).join(', ')}]`;
  }
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) return '{}';
    const isMap = type?.kind === 'map';
    const field = (k: string) =>
      type?.kind === 'object' ? type.fields[k]?.type : type?.kind === 'map' ? type.of : undefined;
    const key = (k: string) => (isMap ? (/^[A-Za-z_$][\w$]*$/.test(k) ? k : `'${k}'`) : camelCase(k));
    return `{ ${entries.map(([k, x]) => `${key(k)}: ${tsLiteral(x, field(k))}`).join(', ')} }`;
  }
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return JSON.stringify(v);
}
