/**
 * Writes src/generated/types.ts: each module's props and outputs interfaces, and the object
 * types they use, from the module specs. Every prop carries its description and `@default`.
 */
import { ModuleSpec, tsOutputs } from '../src/core/spec';
import { ClosedSet, TfType, camelCase, closedSets, namedObjects, tsType, unionOf } from '../src/core/types';

export function printTypes(specs: readonly ModuleSpec[], header: string): string {
  const named = new Map<string, TfType>();
  const sets = new Map<string, ClosedSet>();
  for (const spec of specs) {
    [...spec.inputs, ...tsOutputs(spec)].forEach((x) => {
      namedObjects(x.type, named);
      closedSets(x.type, sets);
    });
  }
  const parts = [header];
  for (const [name, set] of [...sets.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    parts.push(`/** ${set.description} */\nexport type ${name} = ${unionOf(set)};`);
  }
  for (const [name, type] of [...named.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (type.kind !== 'object') continue;
    const fields = Object.entries(type.fields).map(([field, f]) =>
      member(camelCase(field), tsType(f.type), !!f.optional, f.description, f.optional ? f.default : undefined),
    );
    parts.push(`export interface ${name} {\n${fields.join('\n')}\n}`);
  }
  for (const spec of specs) {
    const props = spec.inputs.map((i) =>
      member(camelCase(i.name), tsType(i.type), !i.required, i.description, i.required ? undefined : (i.default ?? null)),
    );
    parts.push(`/** Props of {@link ${spec.className}}: ${spec.summary} */\nexport interface ${spec.className}Props {\n${props.join('\n')}\n}`);
    const outs = tsOutputs(spec).map((o) => member(camelCase(o.name), tsType(o.type), false, o.description, undefined));
    parts.push(`/** Outputs of {@link ${spec.className}}, as cdktf tokens resolved at apply time. */\nexport interface ${spec.className}Outputs {\n${outs.join('\n')}\n}`);
  }
  return parts.join('\n\n') + '\n';
}

function member(name: string, type: string, optional: boolean, description: string | undefined, defaultValue: unknown): string {
  const doc: string[] = [];
  if (description) doc.push(...wrap(description.replace(/\*\//g, '*\\/')));
  if (optional && defaultValue !== undefined) doc.push(`@default ${tsLiteral(defaultValue)}`);
  const comment = doc.length ? `  /**\n${doc.map((l) => `   * ${l}`.trimEnd()).join('\n')}\n   */\n` : '';
  return `${comment}  readonly ${name}${optional ? '?' : ''}: ${type};`;
}

/** A default as TypeScript users write it: camelCase keys, `undefined` for null. */
function tsLiteral(v: unknown): string {
  if (v === null) return 'undefined';
  if (Array.isArray(v)) return `[${v.map(tsLiteral).join(', ')}]`;
  if (typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>);
    return entries.length ? `{ ${entries.map(([k, x]) => `${camelCase(k)}: ${tsLiteral(x)}`).join(', ')} }` : '{}';
  }
  return JSON.stringify(v);
}

function wrap(text: string, width = 96): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}
