/**
 * Low-level HCL text: bodies of attributes and blocks, laid out as `terraform fmt` does
 * (runs of single-line attributes aligned on `=`, multi-line ones standing alone). The text of
 * values (strings, keys, literals) is hcl-values.ts's.
 */

export type Item =
  | { readonly kind: 'attr'; readonly name: string; readonly value: string }
  | { readonly kind: 'block'; readonly header: string; readonly body: readonly Item[] }
  | { readonly kind: 'blank' }
  | { readonly kind: 'comment'; readonly text: string };

export const attr = (name: string, value: string): Item => ({ kind: 'attr', name, value });
export const block = (header: string, body: readonly Item[]): Item => ({ kind: 'block', header, body });
export const blank: Item = { kind: 'blank' };
/** A `#` comment, wrapped at COMMENT_WIDTH columns (paragraphs kept apart by a `#` line). */
export const comment = (text: string): Item => ({ kind: 'comment', text });

/** Column at which comment text is wrapped. */
export const COMMENT_WIDTH = 100;

/**
 * Lays out an attribute value that would make its line too long; `column` is where the value
 * starts on its first line. Returns the value, multi-line or not; continuation lines are
 * indented relative to the attribute (the writer adds the attribute's own indent).
 */
export type ValueLayout = (name: string, value: string, column: number, indent: number) => string;

/** The lines of a comment, `# ` then words, wrapped so that no line passes `width` columns. */
export function commentLines(text: string, indent: string, width = COMMENT_WIDTH): string[] {
  const out: string[] = [];
  text.split(/\n\s*\n/).forEach((paragraph, i) => {
    if (i > 0) out.push(`${indent}#`);
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      if (line && indent.length + 2 + line.length + 1 + word.length > width) {
        out.push(`${indent}# ${line}`);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    if (line) out.push(`${indent}# ${line}`);
  });
  return out;
}

export function renderBody(items: readonly Item[], indent: string, layout?: ValueLayout): string[] {
  const lines: string[] = [];
  const cleaned = layout ? laidOut(tidyBlanks(items), indent, layout) : tidyBlanks(items);
  let i = 0;
  while (i < cleaned.length) {
    const item = cleaned[i];
    if (item.kind === 'blank') {
      lines.push('');
      i++;
    } else if (item.kind === 'comment') {
      lines.push(...commentLines(item.text, indent));
      i++;
    } else if (item.kind === 'block') {
      lines.push(`${indent}${item.header} {`, ...renderBody(item.body, indent + '  ', layout), `${indent}}`);
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

/**
 * Values laid out by `layout` where they would pass its width. A single-line value is measured
 * as if aligned with the widest name of the body, which is where `terraform fmt` may put it.
 */
function laidOut(items: Item[], indent: string, layout: ValueLayout): Item[] {
  const widest = Math.max(0, ...items.map((i) => (i.kind === 'attr' ? i.name.length : 0)));
  return items.map((item) => {
    if (item.kind !== 'attr' || item.value.includes('\n')) return item;
    const column = indent.length + widest + 3;
    const value = layout(item.name, item.value, column, indent.length);
    // A value that stays on one line keeps its place in the run of aligned attributes.
    return value === item.value
      ? item
      : attr(item.name, layout(item.name, item.value, indent.length + item.name.length + 3, indent.length));
  });
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
export function renderBlock(header: string, body: readonly Item[], layout?: ValueLayout): string {
  return [`${header} {`, ...renderBody(body, '  ', layout), '}'].join('\n');
}
