/**
 * The order of arguments in main.tf is the one generators/hcl/argument-roles.ts declares, by role:
 * meta-arguments, identity, settings (in the declared order), tags, blocks, dynamic blocks,
 * depends_on, lifecycle. Checked on every body of every generated main.tf, and shown to be
 * independent of the order in which a build (or cdktf) hands the arguments over.
 */
import blocks from '../../generators/schema/aws-blocks.json';
import { render } from '../../generators/generate';
import { ORDER, ROLES, Role, roleOf } from '../../generators/hcl/argument-roles';
import { type JsonObject, type ProviderBlocks, printElements } from '../../generators/hcl/config-printer';
import { MODULES } from '../../generators/registry';
import { synthModule } from '../../generators/synth-module';

const mains = [...render().files].filter(([path]) => /^modules\/[^/]+\/main\.tf$/.test(path));

interface Body {
  /** `type` or `type.block…`, as argument-roles.ts keys its table. */
  readonly path: string;
  /** The body's direct items in the order written: [name, role]. */
  readonly items: [string, Role][];
}

/** Every resource, data source and nested block body of a generated file, with its direct items. */
function bodiesOf(text: string): Body[] {
  const lines = text.split('\n');
  const out: Body[] = [];
  const open = (from: number, indent: number, path: string) => {
    const items: [string, Role][] = [];
    const pad = ' '.repeat(indent + 2);
    for (let i = from + 1; i < lines.length && lines[i] !== `${' '.repeat(indent)}}`; i++) {
      const line = lines[i];
      if (!line.startsWith(pad) || line[pad.length] === ' ') continue;
      const rest = line.slice(pad.length);
      const dynamic = /^dynamic "([a-z_]+)" \{$/.exec(rest);
      const nested = /^([a-z_]+) \{$/.exec(rest);
      const attribute = /^([a-z_0-9]+)\s+=/.exec(rest);
      if (dynamic) {
        items.push([dynamic[1], 'dynamic']);
        const content = lines.findIndex((l, j) => j > i && l === `${pad}  content {`);
        open(content, indent + 4, `${path}.${dynamic[1]}`);
      } else if (nested && nested[1] === 'lifecycle' && indent === 0) {
        items.push(['lifecycle', 'lifecycle']);
      } else if (nested) {
        items.push([nested[1], 'block']);
        open(i, indent + 2, `${path}.${nested[1]}`);
      } else if (attribute) {
        items.push([attribute[1], roleOf(attribute[1], {})]);
      }
    }
    out.push({ path, items });
  };
  lines.forEach((line, i) => {
    const header = /^(?:resource|data) "([a-z_0-9]+)" "[a-z_0-9]+" \{$/.exec(line);
    if (header) open(i, 0, header[1]);
  });
  return out;
}

/** Where an item stands: its role first, then its place in the declared order (undeclared: after, alphabetically). */
function rank([name, role]: [string, Role], path: string): [number, number, string] {
  const declared = ORDER[path] ?? [];
  const placed = role === 'setting' || role === 'block' || role === 'dynamic';
  return [
    ROLES.indexOf(role),
    placed && declared.includes(name) ? declared.indexOf(name) : declared.length,
    placed ? name : '',
  ];
}

const before = (a: [number, number, string], b: [number, number, string]) =>
  a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0);

describe.each(mains.map(([path, text]) => [path, text] as const))('%s', (_path, text) => {
  const bodies = bodiesOf(text);

  test('lists every body in role order: meta, identity, settings, tags, blocks, dynamic, depends_on, lifecycle', () => {
    for (const { path, items } of bodies) {
      const ranks = items.map((item) => rank(item, path));
      const sorted = [...items].sort((a, b) => before(rank(a, path), rank(b, path)));
      expect({ path, order: items.map(([n]) => n) }).toEqual({ path, order: sorted.map(([n]) => n) });
      expect(ranks.length).toBe(items.length);
    }
  });

  test('holds bodies with several roles, so the order check checks something', () => {
    expect(bodies.filter((b) => new Set(b.items.map(([, r]) => r)).size >= 3).length).toBeGreaterThan(0);
  });
});

test('the declared order names only arguments and blocks some generated body has', () => {
  const seen = new Map<string, Set<string>>();
  for (const [, text] of mains) {
    for (const { path, items } of bodiesOf(text)) {
      const names = seen.get(path) ?? new Set<string>();
      items.forEach(([n]) => names.add(n));
      seen.set(path, names);
    }
  }
  const stale = Object.entries(ORDER).flatMap(([path, names]) =>
    names.filter((n) => !seen.get(path)?.has(n)).map((n) => `${path}.${n}`),
  );
  expect(stale).toEqual([]);
});

/** The same JSON with the keys of every object in reverse order. */
function reversed(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(reversed);
  if (v === null || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v)
      .reverse()
      .map(([k, x]) => [k, reversed(x)]),
  );
}

test.each(MODULES.map((d) => [d.spec.name, d] as const))(
  'modules/%s/main.tf does not depend on the order in which the synthesized arguments arrive',
  (_name, definition) => {
    const { config, order } = synthModule(definition);
    const schema = blocks as unknown as ProviderBlocks;
    const elements = order.filter((e) => e.kind !== 'output');
    const shuffled = {
      ...config,
      resource: reversed(config.resource),
      data: reversed(config.data ?? {}),
    } as JsonObject;
    expect(printElements(shuffled, elements, schema)).toEqual(printElements(config, elements, schema));
  },
);
