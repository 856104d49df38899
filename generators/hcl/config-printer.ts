/**
 * Prints the resources, data sources, locals and outputs of a cdktf-synthesized stack
 * (Terraform JSON syntax) as native HCL, in the order the module's build code created them.
 * Which keys are nested blocks rather than attributes comes from the provider schema.
 */
import { Item, attr, blank, block, comment, commentLines, renderBlock, renderBody } from '../../src/core/hcl-writer';
import { hclKey, hclString } from '../../src/core/hcl-values';
import { LIFECYCLE, META, ordered, orderedBlocks } from './argument-roles';
import { bareReference, stringValue } from './expressions';
import { layoutValue } from './layout';

import type { ProviderBlocks, TypeSchema } from './schema';

export type { BlockSchema, ProviderBlocks, TypeSchema } from './schema';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

/** One element to print, in the order it should appear. */
export type ElementRef =
  | {
      readonly kind: 'resource' | 'data';
      readonly type: string;
      readonly name: string;
      /** Why the build writes it so (`ctx.explain`): a comment above the block. */
      readonly comment?: string;
      /** The part of the build that created it (`concern`): the banner it is printed under. */
      readonly concern?: string;
      /** Why single arguments are written so (`explainArgument`), by their path in the body. */
      readonly notes?: Readonly<Record<string, string>>;
      /** What each of its preconditions guards, in order: a comment over its group, and the group's place. */
      readonly checks?: readonly { readonly label: string; readonly rank: number }[];
    }
  | { readonly kind: 'local'; readonly name: string; readonly comment?: string; readonly concern?: string }
  | { readonly kind: 'output'; readonly name: string };

/** Resource types built into Terraform (provider terraform.io/builtin/terraform): no nested blocks. */
const BUILTIN: Readonly<Record<string, TypeSchema>> = { terraform_data: {} };

/** A JSON-syntax value as HCL; multi-line values are indented relative to their attribute. */
export function printValue(v: Json, indent?: number): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return stringValue(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => printValue(x));
    const oneLine = `[${items.join(', ')}]`;
    if (!oneLine.includes('\n') && oneLine.length <= 80) return oneLine;
    return `[\n${items.map((x) => `  ${x.split('\n').join('\n  ')},`).join('\n')}\n]`;
  }
  const entries = Object.entries(v).filter(([k]) => k !== '//');
  if (entries.length === 0) return '{}';
  // With the column the object starts at known, long attribute values are laid out too.
  const layout =
    indent === undefined
      ? undefined
      : (name: string, value: string, column: number, at: number) =>
          layoutValue(name, value, column + indent, at + indent);
  const body = entries.map(([k, x]) => attr(hclKey(k), printValue(x, indent === undefined ? undefined : indent + 2)));
  return ['{', ...renderBody(body, '  ', layout), '}'].join('\n');
}

/** The items of a resource/data/dynamic-content body; `where` is its path (`type.block…`), see argument-roles.ts. */
function bodyItems(
  obj: JsonObject,
  schema: TypeSchema,
  where: string,
  notes: Notes = noNotes(),
  at = '',
  checks?: Checks,
): Item[] {
  const here = (key: string) => (at ? `${at}.${key}` : key);
  // A note on an argument: its comment right above it, set apart from the run it would break.
  const noted = (key: string, item: Item): Item[] => {
    const text = noteAt(notes, here(key));
    return text ? [blank, comment(text), item, blank] : [item];
  };
  const meta: Item[] = [];
  const attrs: Item[] = [];
  const blocks: Item[] = [];
  const trailing: Item[] = [];
  // `lifecycle` closes the body, after `depends_on`, wherever the build wrote it.
  const last: Item[] = [];
  for (const key of ordered(Object.keys(obj), where, schema)) {
    const value = obj[key];
    if (key === '//' || value === null) continue;
    if (META.includes(key)) {
      meta.push(...noted(key, attr(key, printValue(value))));
    } else if (key === 'depends_on') {
      trailing.push(blank, attr('depends_on', `[${(value as string[]).map(bareReference).join(', ')}]`));
    } else if (key === 'lifecycle' && !(key in schema)) {
      last.push(blank, lifecycleBlock(value as JsonObject, checks));
    } else if (key === 'dynamic') {
      const dynamic = value as JsonObject;
      for (const name of orderedBlocks(Object.keys(dynamic), where)) {
        const entries = dynamic[name];
        const sub = childSchema(schema, name, where);
        for (const d of asList(entries)) {
          blocks.push(
            blank,
            ...noted(name, dynamicBlock(name, d as JsonObject, sub, `${where}.${name}`, notes, here(name))),
          );
        }
      }
    } else if (key in schema) {
      const sub = schema[key].blocks ?? {};
      for (const b of asList(value))
        blocks.push(
          blank,
          ...noted(key, block(key, bodyItems(b as JsonObject, sub, `${where}.${key}`, notes, here(key)))),
        );
    } else {
      attrs.push(...noted(key, attr(key, printValue(value))));
    }
  }
  return [...meta, ...(meta.length ? [blank] : []), ...attrs, ...orderBlocks(blocks), ...trailing, ...last];
}

/** Static blocks before dynamic ones (cdktf sorts keys, so `dynamic` would land mid-way), each with its comment. */
function orderBlocks(items: Item[]): Item[] {
  const groups: Item[][] = [];
  let comments: Item[] = [];
  for (const i of items) {
    if (i.kind === 'blank') continue;
    if (i.kind === 'comment') comments.push(i);
    else {
      groups.push([...comments, i]);
      comments = [];
    }
  }
  const isDynamic = (g: Item[]) => {
    const b = g[g.length - 1];
    return b.kind === 'block' && b.header.startsWith('dynamic ');
  };
  return [...groups.filter((g) => !isDynamic(g)), ...groups.filter(isDynamic)].flatMap((g) => [blank, ...g]);
}

function childSchema(schema: TypeSchema, name: string, where: string): TypeSchema {
  const found = schema[name];
  if (!found)
    throw new Error(`${where}: "${name}" is used as a dynamic block but the provider schema has no such block`);
  return found.blocks ?? {};
}

/** The comments on an element's arguments, by path, and the paths printed so far. */
interface Notes {
  readonly of: Readonly<Record<string, string>>;
  readonly used: Set<string>;
}
const noNotes = (): Notes => ({ of: {}, used: new Set() });
const noteAt = (notes: Notes, path: string): string | undefined => {
  if (notes.of[path] !== undefined) notes.used.add(path);
  return notes.of[path];
};

function dynamicBlock(name: string, d: JsonObject, schema: TypeSchema, where: string, notes: Notes, at: string): Item {
  const { content, ...rest } = d;
  const head = Object.entries(rest).flatMap(([k, v]) => {
    const item = attr(k, printValue(v));
    const text = noteAt(notes, `${at}.${k}`);
    return text ? [comment(text), item] : [item];
  });
  return block(`dynamic ${hclString(name)}`, [
    ...head,
    blank,
    block('content', bodyItems(content as JsonObject, schema, where, notes, at)),
  ]);
}

type Checks = NonNullable<Extract<ElementRef, { kind: 'resource' | 'data' }>['checks']>;

/**
 * The preconditions, grouped by the concern they guard (in the file's order of concerns, each
 * group under a comment naming it), when they are known; else as they come.
 */
function preconditionItems(list: Json[], checks: Checks | undefined): Item[] {
  const items = list.map((c) => {
    const { condition, error_message } = c as JsonObject;
    return block('precondition', [
      attr('condition', printValue(condition)),
      attr('error_message', printValue(error_message)),
    ]);
  });
  if (!checks || checks.length !== items.length) return items.flatMap((i) => [blank, i]);
  const sorted = items.map((item, i) => ({ item, ...checks[i], i })).sort((a, b) => a.rank - b.rank || a.i - b.i);
  return sorted.flatMap((c, i) =>
    i === 0 || sorted[i - 1].label !== c.label ? [blank, comment(c.label), c.item] : [blank, c.item],
  );
}

function lifecycleBlock(l: JsonObject, checks?: Checks): Item {
  const items: Item[] = [];
  const rank = (k: string) => (LIFECYCLE.includes(k) ? LIFECYCLE.indexOf(k) : LIFECYCLE.length);
  for (const key of Object.keys(l).sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1))) {
    const value = l[key];
    if (key === 'precondition') {
      items.push(...preconditionItems(asList(value), checks));
    } else if (key === 'postcondition') {
      for (const c of asList(value)) {
        const { condition, error_message } = c as JsonObject;
        items.push(
          blank,
          block(key, [attr('condition', printValue(condition)), attr('error_message', printValue(error_message))]),
        );
      }
    } else if (key === 'ignore_changes' || key === 'replace_triggered_by') {
      items.push(attr(key, `[${(value as string[]).map(bareReference).join(', ')}]`));
    } else {
      items.push(attr(key, printValue(value)));
    }
  }
  return block('lifecycle', items);
}

const asList = (v: Json): Json[] => (Array.isArray(v) ? v : [v]);

/** A `####` banner naming a concern, as terraform-aws-modules open each part of a main.tf. */
export function banner(title: string): string {
  const rule = '#'.repeat(80);
  return `${rule}\n# ${title}\n${rule}`;
}

type Printed = Exclude<ElementRef, { kind: 'output' }>;

/**
 * The elements in groups, one per concern in the order the build made them: an element without a
 * concern of its own joins the group before it.
 */
function byConcern(order: readonly Printed[]): { title?: string; elements: Printed[] }[] {
  const groups: { title?: string; elements: Printed[] }[] = [];
  for (const e of order) {
    const last = groups[groups.length - 1];
    if (last && (e.concern === undefined || e.concern === last.title)) last.elements.push(e);
    else {
      const same = groups.find((g) => g.title !== undefined && g.title === e.concern);
      if (same) same.elements.push(e);
      else groups.push({ title: e.concern, elements: [e] });
    }
  }
  return groups;
}

/**
 * Prints the given elements of a synthesized stack, in order. With more than one concern, each
 * opens with its banner and gathers its locals in a block of its own; otherwise the locals are
 * gathered in one block on top.
 */
export function printElements(config: JsonObject, order: readonly ElementRef[], schema: ProviderBlocks): string[] {
  const out: string[] = [];
  const outputs = order.filter((e): e is Extract<ElementRef, { kind: 'output' }> => e.kind === 'output');
  const groups = byConcern(order.filter((e): e is Printed => e.kind !== 'output'));
  const banners = groups.length > 1;
  for (const group of banners ? groups : [{ title: undefined, elements: groups.flatMap((g) => g.elements) }]) {
    const printed = printGroup(config, group.elements, schema);
    if (banners && group.title && printed.length) printed[0] = `${banner(group.title)}\n\n${printed[0]}`;
    out.push(...printed);
  }
  for (const e of outputs) {
    const o = (config.output as JsonObject)[e.name] as JsonObject;
    const items = [attr('description', printValue(o.description)), attr('value', printValue(o.value, 2))];
    if (o.sensitive) items.push(attr('sensitive', 'true'));
    out.push(renderBlock(`output ${hclString(e.name)}`, items, layoutValue));
  }
  return out;
}

/** One group's locals (one block) and blocks, in order. */
function printGroup(config: JsonObject, order: readonly Printed[], schema: ProviderBlocks): string[] {
  const out: string[] = [];
  const locals = order.filter((e) => e.kind === 'local');
  if (locals.length > 0) {
    const defs = config.locals as JsonObject;
    const items = locals.flatMap((l) => [
      blank,
      ...(l.comment ? [comment(l.comment)] : []),
      attr(hclKey(l.name), printValue(defs[l.name], 2)),
    ]);
    out.push(renderBlock('locals', items, layoutValue));
  }
  for (const e of order) {
    if (e.kind === 'local') continue;
    const section = config[e.kind] as { [t: string]: JsonObject };
    const body = section[e.type][e.name] as JsonObject;
    const types = schema[e.kind][e.type] ?? BUILTIN[e.type];
    if (!types)
      throw new Error(`${e.type}: not in generators/schema/aws-blocks.json; add it there (scripts/provider-blocks.ts)`);
    const notes: Notes = { of: e.notes ?? {}, used: new Set() };
    const header = renderBlock(
      `${e.kind} ${hclString(e.type)} ${hclString(e.name)}`,
      bodyItems(body, types, e.type, notes, '', e.checks),
      layoutValue,
    );
    const lost = Object.keys(notes.of).filter((path) => !notes.used.has(path));
    if (lost.length)
      throw new Error(`${e.type}.${e.name}: explainArgument names no argument or block at ${lost.join(', ')}`);
    out.push(e.comment ? [...commentLines(e.comment, ''), header].join('\n') : header);
  }
  return out;
}
