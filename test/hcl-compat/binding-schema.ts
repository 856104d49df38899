/**
 * The argument schema of a `@cdktf/provider-aws` release, read from its generated JavaScript
 * without the TypeScript compiler: each resource class's `synthesizeHclAttributes()` and each
 * nested block's `<block>ToHclTerraform(struct)` list their arguments as
 * `name: { value, isBlock, type, storageClassType }`, and a block's value names the function of
 * its own arguments. The bindings are generated from the provider's schema, so this is the
 * provider release's schema as far as arguments, blocks and their types go.
 */
import * as fs from 'fs';
import * as path from 'path';

export interface ArgumentType {
  readonly isBlock: boolean;
  /** `simple`, `list`, `set`, `map`, … */
  readonly type: string;
  /** `string`, `number`, `boolean`, `stringList`, `stringMap`, `<Block>List`, `<Block>OutputReference`, … */
  readonly storageClassType: string;
}

/** Arguments by path (`lifecycle_policy.transition_to_ia`; '' is the resource type itself). */
export type TypeSchema = ReadonlyMap<string, ArgumentType>;

const ENTRY =
  /(\w+): \{\s*value: ([^\n]*),\s*isBlock: (true|false),\s*type: "(\w+)",\s*storageClassType: "(\w+)",\s*\}/g;

interface Entry extends ArgumentType {
  readonly name: string;
  /** For a block: the function that lists its arguments. */
  readonly nested?: string;
}

function entries(body: string): Entry[] {
  return [...body.matchAll(ENTRY)].map(([, name, value, isBlock, type, storageClassType]) => ({
    name,
    isBlock: isBlock === 'true',
    type,
    storageClassType,
    nested: isBlock === 'true' ? /(?<!cdktf\.)\b([a-z]\w*ToHclTerraform)\b/.exec(value)?.[1] : undefined,
  }));
}

/** The text from `start` up to the end of the attrs literal (cut at the next `// remove undefined`). */
function section(text: string, start: number): string {
  const end = text.indexOf('// remove undefined attributes', start);
  return text.slice(start, end < 0 ? undefined : end);
}

/** Parses the generated `lib/<folder>/index.js` of one resource or data source. */
export function parseBindingSource(text: string): { terraformType: string; schema: TypeSchema } {
  const terraformType = /\.tfResourceType = "([a-z0-9_]+)";/.exec(text)?.[1];
  const main = text.indexOf('synthesizeHclAttributes() {');
  if (!terraformType || main < 0) throw new Error('binding-schema: not a generated resource or data source module');
  const functions = new Map<string, Entry[]>();
  for (const m of text.matchAll(/^function (\w+ToHclTerraform)\(struct\) \{$/gm))
    functions.set(m[1], entries(section(text, m.index)));
  const schema = new Map<string, ArgumentType>([
    ['', { isBlock: true, type: 'resource', storageClassType: terraformType }],
  ]);
  const walk = (list: Entry[], prefix: string, depth: number) => {
    for (const e of list) {
      const p = prefix ? `${prefix}.${e.name}` : e.name;
      schema.set(p, { isBlock: e.isBlock, type: e.type, storageClassType: e.storageClassType });
      // Recursive blocks exist in some schemas; nothing of ours is nested that deep.
      if (e.nested && depth < 6) walk(functions.get(e.nested) ?? [], p, depth + 1);
    }
  };
  walk(entries(section(text, main)), '', 0);
  return { terraformType, schema };
}

/** `aws_efs_file_system` → `efs-file-system`; `data.aws_partition` → `data-aws-partition`. */
export function bindingFolder(type: string): string {
  return type.startsWith('data.')
    ? `data-${type.slice(5).replace(/_/g, '-')}`
    : type.replace(/^aws_/, '').replace(/_/g, '-');
}

/** The schema of `type` in the bindings package at `packageDir`; undefined when the package has no such type. */
export function bindingSchema(packageDir: string, type: string): TypeSchema | undefined {
  const file = path.join(packageDir, 'lib', bindingFolder(type), 'index.js');
  if (!fs.existsSync(file)) return undefined;
  const { terraformType, schema } = parseBindingSource(fs.readFileSync(file, 'utf8'));
  if (terraformType !== type.replace(/^data\./, ''))
    throw new Error(`binding-schema: ${file} is ${terraformType}, not ${type}`);
  return schema;
}

export interface Use {
  readonly type: string;
  readonly path: string;
}

/**
 * What `uses` would lose moving from `base` to `target`: each used argument (and each block on
 * its path) must exist in the target with the type it has in the base.
 */
export function incompatibilities(
  uses: readonly Use[],
  base: (type: string) => TypeSchema | undefined,
  target: (type: string) => TypeSchema | undefined,
): string[] {
  const problems = new Set<string>();
  for (const { type, path: p } of uses) {
    const from = base(type);
    const to = target(type);
    if (!from) {
      problems.add(`${type}: not in the base bindings (is the use list right?)`);
      continue;
    }
    if (!to) {
      problems.add(`${type}: removed`);
      continue;
    }
    const parts = p === '' ? [] : p.split('.');
    const paths = ['', ...parts.map((_part, i) => parts.slice(0, i + 1).join('.'))];
    for (const q of paths) {
      const a = from.get(q);
      const b = to.get(q);
      const where = `${type}${q ? ` ${q}` : ''}`;
      if (!a) problems.add(`${where}: not in the base bindings (is the use list right?)`);
      else if (!b) problems.add(`${where}: removed or renamed`);
      else if (a.isBlock !== b.isBlock || a.type !== b.type || a.storageClassType !== b.storageClassType) {
        problems.add(`${where}: ${describe(a)} became ${describe(b)}`);
      }
    }
  }
  return [...problems].sort();
}

const describe = (t: ArgumentType) => `${t.isBlock ? 'block' : 'argument'} ${t.type}/${t.storageClassType}`;
