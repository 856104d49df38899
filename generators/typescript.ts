/**
 * Writes src/generated/types.ts: each module's props and outputs interfaces, and the object
 * types they use, from the module specs. Every prop carries its description and `@default`.
 */
import { Text, spell, tsLiteral, unsetWords } from '../src/core/doc';
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
      member(
        camelCase(field),
        tsType(f.type),
        f.description,
        !!f.optional,
        f.optional ? defaultTag(f.type, f.default, f.description, false) : undefined,
      ),
    );
    parts.push(`export interface ${name} {\n${fields.join('\n')}\n}`);
  }
  for (const spec of specs) {
    const props = spec.inputs.map((i) =>
      member(
        camelCase(i.name),
        tsType(i.type),
        i.description,
        !i.required,
        i.required ? undefined : defaultTag(i.type, i.default, i.description, true),
      ),
    );
    parts.push(
      `/** Props of {@link ${spec.className}}: ${spec.summary} */\nexport interface ${spec.className}Props {\n${props.join('\n')}\n}`,
    );
    const outs = tsOutputs(spec).map((o) => member(camelCase(o.name), tsType(o.type), o.description, false, undefined));
    parts.push(
      `/** Outputs of {@link ${spec.className}}, as cdktf tokens resolved at apply time. */\nexport interface ${spec.className}Outputs {\n${outs.join('\n')}\n}`,
    );
  }
  return parts.join('\n\n') + '\n';
}

/**
 * The `@default` of an optional prop or field: the value in TypeScript syntax, or, when there is
 * none, what leaving it out means in words (`@default - no replication`, as AWS CDK writes it).
 * An input always gets one (`- none` when its description gives no words); a field only when it
 * has a default or words.
 */
function defaultTag(type: TfType, value: unknown, description: Text | undefined, always: boolean): string | undefined {
  if (value !== undefined && value !== null) return `@default ${tsLiteral(value, type)}`;
  const words = unsetWords(description);
  if (words !== undefined) return `@default - ${words}`;
  return always ? '@default - none' : undefined;
}

function member(
  name: string,
  type: string,
  description: Text | undefined,
  optional: boolean,
  defaultTag: string | undefined,
): string {
  const doc: string[] = [];
  const text = spell(description, 'ts');
  if (text) doc.push(...wrap(text.replace(/\*\//g, '*\\/')));
  if (defaultTag) doc.push(defaultTag);
  const comment = doc.length ? `  /**\n${doc.map((l) => `   * ${l}`.trimEnd()).join('\n')}\n   */\n` : '';
  return `${comment}  readonly ${name}${optional ? '?' : ''}: ${type};`;
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
