/**
 * HCL object constructors written in build code (`{ sid = "…", effect = "…" }`), laid out as
 * `terraform fmt` lays them out, so that the generated modules pass `terraform fmt -check`.
 * The generator's writer of whole files (generators/hcl/writer.ts) lays out attributes with the
 * same function.
 */

/** Object keys that are identifiers are written bare; others quoted. */
export function hclKey(key: string): string {
  return /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key) ? key : JSON.stringify(key);
}

/**
 * `name = value` lines at one indent: a run of single-line attributes is aligned on `=`, a
 * multi-line one stands alone, its continuation lines indented to the attribute's level.
 */
export function attributeLines(attrs: readonly (readonly [name: string, value: string])[], indent: string): string[] {
  const lines: string[] = [];
  let i = 0;
  while (i < attrs.length) {
    let j = i;
    while (j < attrs.length && !attrs[j][1].includes('\n')) j++;
    if (j === i) {
      const [name, value] = attrs[i];
      const [first, ...rest] = value.split('\n');
      lines.push(`${indent}${name} = ${first}`, ...rest.map((l) => (l === '' ? l : indent + l)));
      i++;
      continue;
    }
    const run = attrs.slice(i, j);
    const width = Math.max(...run.map(([name]) => name.length));
    run.forEach(([name, value]) => lines.push(`${indent}${name.padEnd(width)} = ${value}`));
    i = j;
  }
  return lines;
}

/** A multi-line HCL object constructor from attribute expressions. */
export function hclObject(fields: Readonly<Record<string, string>>): string {
  const lines = attributeLines(Object.entries(fields).map(([k, v]) => [hclKey(k), v] as const), '  ');
  return ['{', ...lines, '}'].join('\n');
}
