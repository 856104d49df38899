/**
 * Low-level HCL text for the generator: bodies of attributes and blocks, laid out as
 * `terraform fmt` does (runs of single-line attributes aligned on `=`, multi-line ones standing
 * alone, as src/core/hcl-object.ts lays them out for build code).
 */
import { attributeLines, hclKey } from '../../src/core/hcl-object';

export { hclKey };

export type Item =
  | { readonly kind: 'attr'; readonly name: string; readonly value: string }
  | { readonly kind: 'block'; readonly header: string; readonly body: readonly Item[] }
  | { readonly kind: 'blank' };

export const attr = (name: string, value: string): Item => ({ kind: 'attr', name, value });
export const block = (header: string, body: readonly Item[]): Item => ({ kind: 'block', header, body });
export const blank: Item = { kind: 'blank' };

export function renderBody(items: readonly Item[], indent: string): string[] {
  const lines: string[] = [];
  const cleaned = tidyBlanks(items);
  let i = 0;
  while (i < cleaned.length) {
    const item = cleaned[i];
    if (item.kind === 'blank') {
      lines.push('');
      i++;
    } else if (item.kind === 'block') {
      lines.push(`${indent}${item.header} {`, ...renderBody(item.body, indent + '  '), `${indent}}`);
      i++;
    } else {
      let j = i;
      while (j < cleaned.length && cleaned[j].kind === 'attr') j++;
      const run = cleaned.slice(i, j) as Extract<Item, { kind: 'attr' }>[];
      lines.push(...attributeLines(run.map((a) => [a.name, a.value] as const), indent));
      i = j;
    }
  }
  return lines;
}

/** No blank lines at the start or end of a body, nor two in a row. */
function tidyBlanks(items: readonly Item[]): Item[] {
  const out: Item[] = [];
  for (const item of items) {
    if (item.kind === 'blank' && (out.length === 0 || out[out.length - 1].kind === 'blank')) continue;
    out.push(item);
  }
  while (out.length && out[out.length - 1].kind === 'blank') out.pop();
  return out;
}

/** A top-level block (resource, variable, output, …) with its body. */
export function renderBlock(header: string, body: readonly Item[]): string {
  return [`${header} {`, ...renderBody(body, '  '), '}'].join('\n');
}

export function hclString(s: string): string {
  return `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}
