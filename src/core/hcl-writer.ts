/**
 * Low-level HCL text: bodies of attributes and blocks, laid out as `terraform fmt` does
 * (runs of single-line attributes aligned on `=`, multi-line ones standing alone). The text of
 * values (strings, keys, literals) is hcl-values.ts's.
 */

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
      // A run of single-line attributes is aligned together; a multi-line one breaks the run.
      let j = i;
      while (j < cleaned.length && isSingleLineAttr(cleaned[j])) j++;
      if (j === i) {
        lines.push(...indentValue(`${indent}${item.name} = `, item.value, indent));
        i++;
        continue;
      }
      const run = cleaned.slice(i, j) as Extract<Item, { kind: 'attr' }>[];
      const width = Math.max(...run.map((a) => a.name.length));
      run.forEach((a) => lines.push(`${indent}${a.name.padEnd(width)} = ${a.value}`));
      i = j;
    }
  }
  return lines;
}

const isSingleLineAttr = (item: Item): boolean => item.kind === 'attr' && !item.value.includes('\n');

/** Continuation lines of a multi-line value are indented to the attribute's level. */
function indentValue(head: string, value: string, indent: string): string[] {
  const [first, ...rest] = value.split('\n');
  return [head + first, ...rest.map((l) => (l === '' ? l : indent + l))];
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
