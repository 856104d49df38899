/**
 * A small expression language for validation rules. A rule is written once as an `Expr`
 * tree; `toHcl` renders it for `validation`/`precondition` blocks and `evaluate` runs it in
 * TypeScript at synth time. Values that are unresolved cdktf tokens evaluate to UNKNOWN,
 * and a rule whose result is UNKNOWN is skipped, as Terraform skips unknown conditions.
 */
import { Token } from '../cdktf';
import { escapeTemplateSequences, escapeTemplateText, hclKey, hclLiteral, hclObject } from './hcl-values';
import { type Spelling, TfType, camelCase, t } from './types';

export type Expr =
  | { readonly op: 'input'; readonly name: string }
  | { readonly op: 'local'; readonly name: string }
  | { readonly op: 'lit'; readonly value: unknown }
  | { readonly op: 'get'; readonly of: Expr; readonly key: string }
  | { readonly op: 'call'; readonly fn: FnName; readonly args: readonly Expr[] }
  | { readonly op: 'bin'; readonly kind: BinOp; readonly a: Expr; readonly b: Expr }
  | { readonly op: 'not'; readonly a: Expr }
  | { readonly op: 'if'; readonly cond: Expr; readonly then: Expr; readonly else: Expr }
  | {
      readonly op: 'for';
      readonly coll: Expr;
      readonly key: string;
      readonly value: string;
      readonly body: Expr;
      readonly filter?: Expr;
    }
  | { readonly op: 'template'; readonly parts: readonly (string | Expr)[] }
  | { readonly op: 'name'; readonly path: readonly (string | Expr)[] }
  | { readonly op: 'perPath'; readonly hcl: string; readonly ts: string }
  | { readonly op: 'show'; readonly of: Expr }
  | { readonly op: 'declared'; readonly name: string; readonly def: Expr }
  // What builds write besides rules: references to what the configuration declares, and constructors.
  | { readonly op: 'ref'; readonly path: string }
  | { readonly op: 'index'; readonly of: Expr; readonly key: Expr }
  | { readonly op: 'splat'; readonly of: Expr; readonly key: string }
  | { readonly op: 'object'; readonly fields: readonly (readonly [string, Expr])[] }
  | { readonly op: 'list'; readonly items: readonly Expr[] }
  | {
      readonly op: 'forMap';
      readonly coll: Expr;
      readonly key: string;
      readonly value: string;
      readonly to: Expr;
      readonly body: Expr;
      readonly filter?: Expr;
    };

declare const VALUE: unique symbol;
/**
 * An expression that also says, to the type checker only, what value it evaluates to: an input read
 * through a typed reader (`ctx.input('posix_user')`) is a `Val<PosixUser>`, and `get` on it accepts
 * only the fields that type declares. Untyped expressions (`Expr`) accept any field name.
 */
export type Val<V = unknown> = Expr & { readonly [VALUE]?: V };
/** The value a `Val` evaluates to (`unknown` for an untyped expression). */
export type ValueIn<E> = E extends { readonly [VALUE]?: infer V } ? V : unknown;
/** The field names `get` accepts on a value: any, unless its type is known. */
export type FieldName<V> = unknown extends V ? string : keyof NonNullable<V> & string;
type FieldAt<V, K> = unknown extends V ? unknown : K extends keyof NonNullable<V> ? NonNullable<V>[K] : never;
/** The entries of a list or map. */
export type ElementOf<V> = unknown extends V ? unknown : EntryOf<NonNullable<V>>;
type EntryOf<V> = V extends readonly (infer E)[]
  ? E
  : [keyof V] extends [never]
    ? never // `{}`: no entries
    : V extends Readonly<Record<string, infer E>>
      ? E
      : never;

/** How input names are spelled in messages: as HCL users write them, or as TypeScript props. */
export type { Spelling } from './types';

export interface RenderOptions {
  /** The expression an input is read from: `var.x` in HCL modules, a local attribute in constructs. */
  readonly resolve: (name: string) => string;
  readonly spelling: Spelling;
  /**
   * The expression that reads a `declared` value's local, where the build declares it (preconditions
   * of a build). Without it (validation blocks, which cannot read locals) the definition is inlined.
   */
  readonly local?: (name: string) => string;
  /**
   * The inputs' declared types. With them a TypeScript message (`spelling: 'ts'`) shows a value at
   * plan time as it does at synth time (`tsValue`); without them, as `jsonencode` prints it.
   */
  readonly types?: InputTypes;
  /** The types of the `for` variables in scope, where known (set while rendering a `for`). */
  readonly scopeTypes?: Readonly<Record<string, TfType | undefined>>;
}

type BinOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

export const UNKNOWN: unique symbol = Symbol('unknown');
type Value = unknown;

// ---------------------------------------------------------------------------------------
// Functions: each has one HCL rendering and one TypeScript implementation, side by side.

interface FnDef {
  hcl(args: string[]): string;
  js(args: Value[]): Value;
}

const FNS = {
  length: {
    hcl: ([x]) => `length(${x})`,
    js: ([x]) =>
      typeof x === 'string' ? [...x].length : Array.isArray(x) ? x.length : Object.keys(x as object).length,
  },
  contains: { hcl: ([l, x]) => `contains(${l}, ${x})`, js: ([l, x]) => (l as Value[]).includes(x) },
  alltrue: { hcl: ([l]) => `alltrue(${l})`, js: ([l]) => (l as Value[]).every((v) => v === true) },
  anytrue: { hcl: ([l]) => `anytrue(${l})`, js: ([l]) => (l as Value[]).some((v) => v === true) },
  distinct: {
    hcl: ([l]) => `distinct(${l})`,
    js: ([l]) => (l as Value[]).filter((v, i, all) => all.findIndex((w) => stableJson(w) === stableJson(v)) === i),
  },
  values: {
    hcl: ([m]) => `values(${m})`,
    js: ([m]) => sortedKeys(m as object).map((k) => (m as Record<string, Value>)[k]),
  },
  keys: { hcl: ([m]) => `keys(${m})`, js: ([m]) => sortedKeys(m as object) },
  /** Whole-string match. Patterns are kept to the subset where RE2 and JavaScript agree. */
  matches: {
    hcl: ([s, re]) => `can(regex(${re}, ${s}))`,
    js: ([s, re]) => new RegExp(re as string).test(s as string),
  },
  /** True when the string parses as an IPv4 or IPv6 CIDR block. */
  isCidr: { hcl: ([s]) => `can(cidrhost(${s}, 0))`, js: ([s]) => isCidr(s as string) },
  /** Number of path segments of an absolute path, as EFS counts directory depth. */
  pathDepth: {
    hcl: ([s]) => `length(compact(split("/", ${s})))`,
    js: ([s]) => (s as string).split('/').filter((p) => p !== '').length,
  },
  /** True when the string parses as JSON. */
  isJson: {
    hcl: ([s]) => `can(jsondecode(${s}))`,
    js: ([s]) => {
      try {
        JSON.parse(s as string);
        return true;
      } catch {
        return false;
      }
    },
  },
  floor: { hcl: ([x]) => `floor(${x})`, js: ([x]) => Math.floor(x as number) },
  concat: { hcl: (ls) => `concat(${ls.join(', ')})`, js: (ls) => (ls as Value[][]).flat() },
  jsonencode: { hcl: ([x]) => `jsonencode(${x})`, js: ([x]) => stableJson(x) },
  join: { hcl: ([sep, l]) => `join(${sep}, ${l})`, js: ([sep, l]) => (l as string[]).join(sep as string) },
  coalesce: {
    hcl: (xs) => `coalesce(${xs.join(', ')})`,
    js: (xs) => xs.find((x) => x !== null && x !== ''),
  },
  base64encode: {
    hcl: ([s]) => `base64encode(${s})`,
    js: ([s]) => Buffer.from(s as string, 'utf8').toString('base64'),
  },
  // Terraform's index() fails when the item is absent; so does this, so that a rule that would
  // fail to evaluate in HCL fails in the tests of its TypeScript evaluator too.
  indexOf: {
    hcl: ([l, x]) => `index(${l}, ${x})`,
    js: ([l, x]) => {
      const i = (l as Value[]).indexOf(x);
      if (i < 0) throw new Error(`index(): item ${stableJson(x)} not found`);
      return i;
    },
  },
  merge: {
    hcl: (ms) => `merge(${ms.join(', ')})`,
    js: (ms) => Object.assign({}, ...(ms as object[])) as Value,
  },
  /** The only element of a list of at most one, or null. */
  one: {
    hcl: ([l]) => `one(${l})`,
    js: ([l]) => {
      const list = l as Value[];
      if (list.length > 1) throw new Error(`one(): ${list.length} elements`);
      return list[0] ?? null;
    },
  },
  /** The first argument that evaluates without an error (here: the first, as arguments are evaluated first). */
  try: { hcl: (xs) => `try(${xs.join(', ')})`, js: ([x]) => x },
  compact: { hcl: ([l]) => `compact(${l})`, js: ([l]) => (l as Value[]).filter((x) => x !== null && x !== '') },
  /** Literal (not regular-expression) replacement: builds pass plain strings. */
  replace: {
    hcl: ([s, a, b]) => `replace(${s}, ${a}, ${b})`,
    js: ([s, a, b]) => (s as string).split(a as string).join(b as string),
  },
  substr: {
    hcl: ([s, at, n]) => `substr(${s}, ${at}, ${n})`,
    js: ([s, at, n]) => [...(s as string)].slice(at as number, (at as number) + (n as number)).join(''),
  },
  lookup: {
    hcl: ([m, k, d]) => `lookup(${m}, ${k}, ${d})`,
    js: ([m, k, d]) => (m as Record<string, Value>)[k as string] ?? d,
  },
  split: { hcl: ([sep, s]) => `split(${sep}, ${s})`, js: ([sep, s]) => (s as string).split(sep as string) },
  /** The plan's timestamp: unknown until plan time. */
  plantimestamp: { hcl: () => 'plantimestamp()', js: () => UNKNOWN },
  yamlencode: { hcl: ([x]) => `yamlencode(${x})`, js: () => UNKNOWN },
  // Arithmetic, parenthesised so that it binds as written wherever it is embedded.
  plus: { hcl: ([a, b]) => `(${a} + ${b})`, js: ([a, b]) => (a as number) + (b as number) },
  times: { hcl: ([a, b]) => `(${a} * ${b})`, js: ([a, b]) => (a as number) * (b as number) },
  /** Remainder with the sign of the dividend, as both Terraform's `%` and JavaScript's. */
  mod: { hcl: ([a, b]) => `(${a} % ${b})`, js: ([a, b]) => (a as number) % (b as number) },
} satisfies Record<string, FnDef>;

export type FnName = keyof typeof FNS;

// ---------------------------------------------------------------------------------------
// Builders, so rules read close to the HCL they become.

/**
 * The reader of a module's inputs in rules: `const v = inputReader<EfsFilesystemInput>()`, then
 * `v('throughput_mode')`. Typed by the module's input-name union (`InputName<typeof inputs>`,
 * src/core/spec.ts), so that a rule reading an input the module does not declare fails to
 * compile. There is no untyped reader: without a type argument `N` is `never` and nothing can be read.
 */
export const inputReader =
  <N extends string = never>() =>
  (name: N): Expr => ({ op: 'input', name });
/**
 * The same, typed down to nested fields: `inputValues<EfsFilesystemValues>()('posix_user')` is a
 * `Val<PosixUser>`, so `get(…, 'secondary_gid')` fails to compile. `I` is a module's `InputValues`.
 */
export const inputValues =
  <I extends object>() =>
  <K extends keyof I & string>(name: K): Val<I[K]> => ({ op: 'input', name });
export const it = (name: string): Expr => ({ op: 'local', name });
export const lit = <V>(value: V): Val<V> => ({ op: 'lit', value });
/** A field of an object: on a typed value, only the fields its type declares. */
export const get = <E extends Expr, K extends FieldName<ValueIn<E>>>(of: E, key: K): Val<FieldAt<ValueIn<E>, K>> => ({
  op: 'get',
  of,
  key,
});
export const call = (fn: FnName, ...args: Expr[]): Expr => ({ op: 'call', fn, args });
const bin =
  (kind: BinOp) =>
  (a: Expr, b: Expr): Expr => ({ op: 'bin', kind, a, b });
export const eq = bin('==');
export const ne = bin('!=');
export const le = bin('<=');
export const gt = bin('>');
export const ge = bin('>=');
export const and = (...xs: Expr[]): Expr => xs.reduce(bin('&&'));
export const or = (...xs: Expr[]): Expr => xs.reduce(bin('||'));
export const not = (a: Expr): Expr => (a.op === 'not' ? a.a : { op: 'not', a });
export const cond = (c: Expr, then: Expr, otherwise: Expr): Expr => ({ op: 'if', cond: c, then, else: otherwise });
export const isNull = (a: Expr): Expr => eq(a, lit(null));
export const notNull = (a: Expr): Expr => ne(a, lit(null));
/**
 * `check`, or true when `x` is null. Terraform evaluates both sides of `||` (1.11.4 fails
 * `var.x == null || length(var.x) > 0` on a null x), so this is a conditional; toHcl writes it
 * `x == null || check` where `check` reads `x` only where null cannot fail (see `nullSafe`).
 */
export const nullOr = (x: Expr, check: Expr): Expr => cond(isNull(x), lit(true), check);
/** `[for k, v in coll : body if filter]`; `v` has the type of the collection's entries. */
export const forEach = <E extends Expr>(
  coll: E,
  body: (k: Val, v: Val<ElementOf<ValueIn<E>>>) => Expr,
  filter?: (k: Val, v: Val<ElementOf<ValueIn<E>>>) => Expr,
  names: [string, string] = ['k', 'v'],
): Expr => ({
  op: 'for',
  coll,
  key: names[0],
  value: names[1],
  body: body(it(names[0]), it(names[1])),
  filter: filter?.(it(names[0]), it(names[1])),
});
/**
 * The name of an input or of a part of it, for messages: `name('access_points', k, 'root_directory')`
 * reads `access_points["app"].root_directory` in HCL and `accessPoints["app"].rootDirectory` in TypeScript.
 */
export const name = (...path: (string | Expr)[]): Expr => ({ op: 'name', path });
/**
 * Message text written differently per path, for syntax or advice that only one path's users
 * follow: `perPath('module.efs.file_system', 'efs.fileSystem')`. Prefer words that serve both.
 */
export const perPath = (hcl: string, ts: string): Expr => ({ op: 'perPath', hcl, ts });
/**
 * A value as a message shows it. HCL: `jsonencode(x)`, so strings are quoted and null reads
 * `null`. TypeScript, at synth time: as the props are written (`tsValue`), with the fields of
 * object types in camelCase, map keys as the user chose them and `undefined` for null. At plan
 * time (a value that holds tokens) Terraform prints it, with `jsonencode` in both paths.
 */
export const show = (x: Expr): Expr => ({ op: 'show', of: x });
/**
 * A value the module declares once, as a local named `name` (`ctx.declare` in the build), and reads
 * by that name: written once, it reads the same in the resources and in the rules that check it.
 * The TypeScript evaluator computes `def`.
 */
export const declared = (name: string, def: Expr): Expr => ({ op: 'declared', name, def });
export const template = (strings: TemplateStringsArray, ...values: (Expr | string | number)[]): Expr => ({
  op: 'template',
  // A plain string or number is message text (`${n.client}` reads `function`), not an interpolated literal.
  parts: strings.flatMap((s, i) => {
    if (i >= values.length) return [s];
    const value = values[i];
    return [s, typeof value === 'object' ? value : String(value)];
  }),
});

/** Text and interpolated expressions, one after the other: a template built from a list of parts. */
export const text = (...parts: (string | Expr)[]): Expr => ({ op: 'template', parts });

// ---------------------------------------------------------------------------------------
// Builders for what builds write besides rules: references, constructors, iterators.

/** Something the configuration declares, by its address: `aws_efs_file_system.this`, `local.x`, `self`. */
export const ref = <V = unknown>(path: string): Val<V> => ({ op: 'ref', path });
/** `of[key]`: an entry of a map or a list. */
export const at = <E extends Expr>(of: E, key: Expr | string | number): Val<ElementOf<ValueIn<E>>> => ({
  op: 'index',
  of,
  key: typeof key === 'object' ? key : lit(key),
});
/** `of[*].key`: an attribute of every instance of a resource with `count`. */
export const splat = (of: Expr, key: string): Val<unknown[]> => ({ op: 'splat', of, key });
/** `{ a = x, b = y }`, one field a line when it has more than two. */
export const obj = <F extends Readonly<Record<string, Expr>>>(fields: F): Val<{ [K in keyof F]: ValueIn<F[K]> }> => ({
  op: 'object',
  fields: Object.entries(fields),
});
/** `[a, b]`, typed by its items. */
export const list = <E extends Expr = never>(...items: E[]): Val<ValueIn<E>[]> => ({ op: 'list', items });
/** A conditional typed by its arms (`cond` is untyped, as rules need it). */
export const ifElse = <A extends Expr, B extends Expr>(c: Expr, then: A, otherwise: B): Val<ValueIn<A> | ValueIn<B>> =>
  cond(c, then, otherwise);
/** `{ for k, v in coll : key => value if filter }`; `v` has the type of the collection's entries. */
export const forMap = <E extends Expr>(
  coll: E,
  entry: (k: Val<string>, v: Val<ElementOf<ValueIn<E>>>) => readonly [Expr, Expr],
  filter?: (k: Val<string>, v: Val<ElementOf<ValueIn<E>>>) => Expr,
  names: [string, string] = ['key', 'value'],
): Val => {
  const [to, body] = entry(it(names[0]), it(names[1]));
  return { op: 'forMap', coll, key: names[0], value: names[1], to, body, filter: filter?.(it(names[0]), it(names[1])) };
};
/** The iterator of a block repeated over `coll`: `each` of a resource's `for_each`, or a `dynamic` block's name. */
export const iteratorOf = <E extends Expr>(name: string, _coll: E) => ({
  key: ref<string>(`${name}.key`),
  value: ref<ElementOf<ValueIn<E>>>(`${name}.value`),
});
/** `each.key` and `each.value` of a resource whose `for_each` is `coll`. */
export const eachOf = <E extends Expr>(coll: E) => iteratorOf('each', coll);

// ---------------------------------------------------------------------------------------
// HCL rendering

const PRECEDENCE: Record<BinOp, number> = { '||': 1, '&&': 2, '==': 3, '!=': 3, '<': 4, '<=': 4, '>': 4, '>=': 4 };

export function toHcl(expr: Expr, o: RenderOptions): string {
  const r = (x: Expr) => toHcl(x, o);
  const e = readable(expr);
  switch (e.op) {
    case 'input':
      return o.resolve(e.name);
    case 'local':
      return e.name;
    case 'declared':
      // A value that is one input is read as that input everywhere (ctx.declare declares no local for it).
      if (o.local && e.def.op !== 'input') return o.local(e.name);
      // Inlined, a composite definition keeps its own precedence: `!local.x` must not become `!a && b`.
      return ['input', 'lit', 'get', 'call'].includes(e.def.op) ? r(e.def) : `(${r(e.def)})`;
    case 'lit':
      return hclLiteral(e.value, true);
    case 'get':
      return `${r(e.of)}.${e.key}`;
    case 'call':
      // concat of one list is that list: written without the call, parenthesised where it is a conditional.
      if (e.fn === 'concat' && e.args.length === 1) {
        const only = readable(e.args[0]);
        return only.op === 'if' || only.op === 'bin' ? `(${r(only)})` : r(only);
      }
      return FNS[e.fn].hcl(e.args.map(r));
    case 'show':
      return o.spelling === 'ts' && o.types
        ? tsShowHcl(r(e.of), typeOf(e.of, o.types, o.scopeTypes ?? {}))
        : `jsonencode(${r(e.of)})`;
    case 'bin': {
      const side = (child: Expr) => {
        const x = readable(child);
        // Parenthesise looser operators, and equal ones unless they chain safely (a && b && c).
        const needsParens =
          x.op === 'if' ||
          (x.op === 'bin' && x.kind === '&&' && e.kind === '||') || // for the reader: a || (b && c)
          (x.op === 'bin' &&
            (PRECEDENCE[x.kind] < PRECEDENCE[e.kind] ||
              (PRECEDENCE[x.kind] === PRECEDENCE[e.kind] &&
                !(x.kind === e.kind && (x.kind === '&&' || x.kind === '||')))));
        return needsParens ? `(${r(x)})` : r(x);
      };
      return `${side(e.a)} ${e.kind} ${side(e.b)}`;
    }
    case 'not': {
      const a = readable(e.a);
      return a.op === 'bin' || a.op === 'if' ? `!(${r(a)})` : `!${r(a)}`;
    }
    case 'if': {
      // A multi-line alternative reads well where it stands (`x == null ? {} : {`); a multi-line
      // condition or consequence anywhere in an `a ? x : b ? y : z` chain lays the chain out.
      const multiLine = (x: Expr): boolean =>
        x.op === 'if' && (`${r(x.cond)}${r(x.then)}`.includes('\n') || multiLine(x.else));
      return multiLine(e) ? conditionalChain(e, r) : `${r(e.cond)} ? ${r(e.then)} : ${r(e.else)}`;
    }
    case 'for': {
      const inner: RenderOptions = { ...o, scopeTypes: forScope(e, o.types ?? {}, o.scopeTypes ?? {}) };
      const ri = (x: Expr) => toHcl(x, inner);
      // A key the body and filter never read is left out: `for v in coll` iterates the same values.
      const names = reads(e.body, e.key) || (e.filter && reads(e.filter, e.key)) ? `${e.key}, ${e.value}` : e.value;
      // A conditional collection is parenthesised: its `:` would otherwise read as the for's own.
      const coll = readable(e.coll).op === 'if' ? `(${r(e.coll)})` : r(e.coll);
      return `[for ${names} in ${coll} : ${ri(e.body)}${e.filter ? ` if ${ri(e.filter)}` : ''}]`;
    }
    case 'ref':
      return e.path;
    case 'index':
      return `${r(e.of)}[${r(e.key)}]`;
    case 'splat':
      return `${r(e.of)}[*].${e.key}`;
    case 'object':
      return objectHcl(
        e.fields.map(([k, x]) => [
          k,
          ARITHMETIC.includes(x.op === 'call' ? x.fn : 'length') ? r(x).slice(1, -1) : r(x),
        ]),
      );
    case 'list':
      return listHcl(e.items.map(r));
    case 'forMap': {
      const coll = readable(e.coll).op === 'if' ? `(${r(e.coll)})` : r(e.coll);
      const head = `for ${e.key}, ${e.value} in ${coll} : ${r(e.to)} => `;
      const body = r(e.body) + (e.filter ? ` if ${r(e.filter)}` : '');
      // On one line unless the body is multi-line: main.tf's layout breaks a long line where it reads best.
      return body.includes('\n') ? `{\n  ${head}${indented(body)}\n}` : `{ ${head}${body} }`;
    }
    case 'template':
    case 'name':
    case 'perPath':
      return `"${templateParts(e, o)
        .map((p) => (typeof p === 'string' ? escapeTemplateText(p) : `\${${r(p)}}`))
        .join('')}"`;
  }
}

/** Whether `e` reads the `for` variable `name`. */
const reads = (e: Expr, name: string): boolean => JSON.stringify(e).includes(JSON.stringify({ op: 'local', name }));

const same = (a: Expr, b: Expr): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Functions rendered in parentheses (so they bind as written), which a field's value needs no parentheses around. */
const ARITHMETIC: readonly FnName[] = ['plus', 'times', 'mod'];

/** Continuation lines one step in, for a multi-line piece placed inside brackets. */
const indented = (piece: string): string => piece.split('\n').join('\n  ');

/** An object constructor: on one line when short, else one field a line, aligned as `terraform fmt` aligns them. */
function objectHcl(fields: readonly (readonly [string, string])[]): string {
  if (fields.length === 0) return '{}';
  const line = `{ ${fields.map(([k, v]) => `${hclKey(k)} = ${v}`).join(', ')} }`;
  if (fields.length <= 2 && !line.includes('\n') && line.length <= 80) return line;
  return hclObject(Object.fromEntries(fields));
}

/**
 * A conditional with a multi-line arm, laid out as a person writes a chain: in parentheses, one
 * condition a line (`a ? x :`), the last with its alternative.
 */
function conditionalChain(e: Extract<Expr, { op: 'if' }>, r: (x: Expr) => string): string {
  const arms: string[] = [];
  let rest: Expr = e;
  while (rest.op === 'if') {
    arms.push(`${r(rest.cond)} ? ${r(rest.then)} :`);
    rest = rest.else;
  }
  arms[arms.length - 1] += ` ${r(rest)}`;
  return `(\n${arms.map((a) => `  ${indented(a)}`).join('\n')}\n)`;
}

/** A list constructor: on one line when short, else one item a line. */
function listHcl(items: readonly string[]): string {
  const line = `[${items.join(', ')}]`;
  // One object, as policies are written: `[{` … `}]`.
  if (!line.includes('\n') && line.length <= 100) return line;
  if (items.length === 1 && items[0].startsWith('{')) return line;
  return `[\n${items.map((i) => `  ${indented(i)},`).join('\n')}\n]`;
}

/** Functions written inside `can(…)`: whatever they read, a null makes them false, not an error. */
const CAN: readonly FnName[] = ['matches', 'isCidr', 'isJson'];

/**
 * Whether `e` evaluates without error when `x` is null: it compares `x` (`==`, `!=`) or reads it
 * inside `can(…)`, and nothing else. Other uses (an attribute of it, a function argument, an
 * interpolation, a `for` over it) fail on null, so they are unsafe.
 */
function nullSafe(e: Expr, x: Expr): boolean {
  if (same(e, x)) return false;
  const safe = (y: Expr) => nullSafe(y, x);
  switch (e.op) {
    case 'bin':
      return e.kind === '==' || e.kind === '!='
        ? [e.a, e.b].every((y) => same(y, x) || safe(y))
        : safe(e.a) && safe(e.b);
    case 'call':
      return CAN.includes(e.fn) || e.args.every(safe);
    case 'get':
    case 'show':
      return safe(e.of);
    case 'not':
      return safe(e.a);
    case 'if':
      return safe(e.cond) && safe(e.then) && safe(e.else);
    case 'for':
      return safe(e.coll) && safe(e.body) && (!e.filter || safe(e.filter));
    case 'declared':
      return safe(e.def);
    case 'template':
      return e.parts.every((p) => typeof p === 'string' || safe(p));
    case 'name':
      return e.path.every((p) => typeof p === 'string' || safe(p));
    case 'index':
    case 'splat':
      return safe(e.of);
    case 'object':
      return e.fields.every(([, y]) => safe(y));
    case 'list':
      return e.items.every(safe);
    case 'forMap':
      return safe(e.coll) && safe(e.to) && safe(e.body) && (!e.filter || safe(e.filter));
    default:
      return true;
  }
}

/**
 * The node as HCL writes it most plainly, with the same value: `x == null ? true : check` becomes
 * `x == null || check` when `check` cannot fail on a null `x` (`||` evaluates both sides), and
 * `concat(x == null ? [] : x)` becomes `coalesce(x, [])`.
 */
function readable(e: Expr): Expr {
  const isNullOf = (c: Expr): Expr | undefined =>
    c.op === 'bin' && c.kind === '==' && c.b.op === 'lit' && c.b.value === null ? c.a : undefined;
  // `concat(x == null ? [] : x)`, a list that may be null as a list to iterate: `coalesce(x, [])`.
  if (e.op === 'call' && e.fn === 'concat' && e.args.length === 1) {
    const a = e.args[0];
    const x = a.op === 'if' ? isNullOf(a.cond) : undefined;
    if (
      a.op === 'if' &&
      x &&
      a.then.op === 'lit' &&
      Array.isArray(a.then.value) &&
      a.then.value.length === 0 &&
      same(a.else, x)
    ) {
      return { op: 'call', fn: 'coalesce', args: [x, a.then] };
    }
    return e;
  }
  if (e.op !== 'if' || e.then.op !== 'lit' || e.then.value !== true) return e;
  const x = isNullOf(e.cond);
  return x && nullSafe(e.else, x) ? { op: 'bin', kind: '||', a: e.cond, b: e.else } : e;
}

/** A template or name as literal text and interpolated expressions, with names flattened into text. */
function templateParts(e: Expr, o: RenderOptions): (string | Expr)[] {
  if (e.op === 'name') {
    return e.path.flatMap((seg, i): (string | Expr)[] =>
      typeof seg !== 'string' ? ['["', seg, '"]'] : [i === 0 ? '' : '.', o.spelling === 'ts' ? camelCase(seg) : seg],
    );
  }
  if (e.op === 'perPath') return [o.spelling === 'ts' ? e.ts : e.hcl];
  if (e.op !== 'template') return [e];
  return e.parts.flatMap((p): (string | Expr)[] => {
    if (typeof p === 'string') return [p];
    // A template inside a template is its text and interpolations, not an interpolated string.
    if (p.op === 'name' || p.op === 'perPath' || p.op === 'template') return templateParts(p, o);
    // A literal reads as text, not as an interpolation of a constant.
    if (p.op === 'lit' && ['string', 'number', 'boolean'].includes(typeof p.value)) return [String(p.value)];
    return [p];
  });
}

/**
 * The body of a template for Terraform's JSON syntax, where a string is itself a template:
 * literal `${` is escaped as `$${`, and a non-template expression becomes one interpolation.
 */
export function toJsonTemplate(e: Expr, o: RenderOptions): string {
  return templateParts(e, o)
    .map((p) => (typeof p === 'string' ? escapeTemplateSequences(p) : `\${${toHcl(p, o)}}`))
    .join('');
}

// ---------------------------------------------------------------------------------------
// TypeScript evaluation (HCL-shaped values: snake_case keys, null for absent)

/**
 * The declared types of a module's inputs, by HCL name: what tells object fields (camelCased in
 * TypeScript) from map keys.
 */
export type InputTypes = Readonly<Record<string, TfType>>;

interface Env {
  readonly inputs: Record<string, unknown>;
  readonly spelling: Spelling;
  readonly scope: Record<string, Value>;
  readonly types: InputTypes;
  /** The types of the `for` variables in scope, where known. */
  readonly scopeTypes: ScopeTypes;
}

/**
 * Evaluates an expression on HCL-shaped inputs. `types` (the inputs' declared types) lets a
 * TypeScript message show an object value as the props spell it: without it, keys stay as they are.
 */
export function evaluate(
  e: Expr,
  inputs: Record<string, unknown>,
  spelling: Spelling,
  scope: Record<string, Value> = {},
  types: InputTypes = {},
): Value {
  return run(e, { inputs, spelling, scope, types, scopeTypes: {} });
}

function run(e: Expr, env: Env): Value {
  const ev = (x: Expr, inner = env) => run(x, inner);
  switch (e.op) {
    case 'input':
      return known(env.inputs[e.name]);
    case 'local':
      return env.scope[e.name];
    case 'declared':
      return ev(e.def);
    case 'lit':
      return e.value;
    case 'get': {
      const of = ev(e.of);
      if (of === UNKNOWN) return UNKNOWN;
      if (of === null || typeof of !== 'object')
        throw new Error(`cannot read attribute "${e.key}" of ${stableJson(of)}`);
      return known((of as Record<string, Value>)[e.key] ?? null);
    }
    case 'call': {
      const args = e.args.map((a) => ev(a));
      if (args.some(containsUnknown)) return UNKNOWN;
      return FNS[e.fn].js(args);
    }
    case 'show': {
      const v = ev(e.of);
      if (containsUnknown(v)) return UNKNOWN;
      return env.spelling === 'ts' ? tsValue(v, typeOf(e.of, env.types, env.scopeTypes)) : stableJson(v);
    }
    case 'bin':
      return evalBinary(e.kind, ev(e.a), ev(e.b));
    case 'not': {
      const a = ev(e.a);
      return a === UNKNOWN ? UNKNOWN : !a;
    }
    case 'if': {
      const c = ev(e.cond);
      if (c === UNKNOWN) return UNKNOWN;
      return c ? ev(e.then) : ev(e.else);
    }
    case 'for': {
      const coll = ev(e.coll);
      if (coll === UNKNOWN) return UNKNOWN;
      const entries: [Value, Value][] = Array.isArray(coll)
        ? coll.map((v, i) => [i, known(v)])
        : sortedKeys(coll as object).map((k) => [k, known((coll as Record<string, Value>)[k])]);
      const scopeTypes = forScope(e, env.types, env.scopeTypes);
      const out: Value[] = [];
      for (const [k, v] of entries) {
        const inner = { ...env, scope: { ...env.scope, [e.key]: k, [e.value]: v }, scopeTypes };
        if (e.filter) {
          const keep = ev(e.filter, inner);
          if (keep === UNKNOWN) return UNKNOWN;
          if (!keep) continue;
        }
        out.push(ev(e.body, inner));
      }
      return out;
    }
    case 'ref':
    case 'splat':
      // What the configuration declares is known at plan time at the earliest.
      return UNKNOWN;
    case 'index': {
      const [of, key] = [ev(e.of), ev(e.key)];
      if (of === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      return known((of as Record<string, Value>)[key as string] ?? null);
    }
    case 'object':
      return Object.fromEntries(e.fields.map(([k, x]) => [k, ev(x)]));
    case 'list':
      return e.items.map((x) => ev(x));
    case 'forMap': {
      const coll = ev(e.coll);
      if (coll === UNKNOWN) return UNKNOWN;
      const out: Record<string, Value> = {};
      for (const k of sortedKeys(coll as object)) {
        const scope = { ...env.scope, [e.key]: k, [e.value]: known((coll as Record<string, Value>)[k]) };
        const inner = { ...env, scope };
        if (e.filter && !ev(e.filter, inner)) continue;
        out[ev(e.to, inner) as string] = ev(e.body, inner);
      }
      return out;
    }
    case 'template':
    case 'name':
    case 'perPath': {
      const parts = templateParts(e, { resolve: (n) => n, spelling: env.spelling }).map((p) =>
        typeof p === 'string' ? p : ev(p),
      );
      if (parts.some((p) => p === UNKNOWN)) return UNKNOWN;
      // Terraform interpolates strings, numbers and bools as text; messages show other values with `show`.
      const other = (p: Value) => (env.spelling === 'ts' ? tsValue(p) : stableJson(p));
      return parts
        .map((p) =>
          typeof p === 'string' ? p : typeof p === 'number' || typeof p === 'boolean' ? String(p) : other(p),
        )
        .join('');
    }
  }
}

/**
 * The declared type of what an expression reads, where the inputs' types say it: an input, a
 * field of it, an entry of a collection (a `for` variable), `values` of a map. Undefined for
 * anything else (literals, computed values): their keys are then shown as they are.
 */
function typeOf(e: Expr, types: InputTypes, scopeTypes: ScopeTypes): TfType | undefined {
  const ty = (x: Expr, scope = scopeTypes) => typeOf(x, types, scope);
  switch (e.op) {
    case 'input':
      return types[e.name];
    case 'local':
      return scopeTypes[e.name];
    case 'declared':
      return ty(e.def);
    case 'get': {
      const of = ty(e.of);
      return of?.kind === 'object' ? of.fields[e.key]?.type : undefined;
    }
    case 'if':
      return ty(e.then) ?? ty(e.else);
    case 'for': {
      const body = ty(e.body, forScope(e, types, scopeTypes));
      return body && t.list(body);
    }
    case 'call': {
      if (e.fn === 'keys') return t.list(t.string());
      if (e.fn === 'values') {
        const of = elementType(ty(e.args[0]));
        return of && t.list(of);
      }
      if (e.fn === 'distinct' || e.fn === 'concat' || e.fn === 'coalesce') return ty(e.args[0]);
      return undefined;
    }
    default:
      return undefined;
  }
}

type ScopeTypes = Readonly<Record<string, TfType | undefined>>;

/** The scope inside a `for`: its value variable has the collection's element type. */
function forScope(e: Extract<Expr, { op: 'for' }>, types: InputTypes, scopeTypes: ScopeTypes): ScopeTypes {
  return { ...scopeTypes, [e.key]: undefined, [e.value]: elementType(typeOf(e.coll, types, scopeTypes)) };
}

const elementType = (type: TfType | undefined): TfType | undefined => (type && 'of' in type ? type.of : undefined);

/**
 * A value as TypeScript users write it in props, for messages: the fields of object types in
 * camelCase (fields left null are left out, as users leave them out), map keys as the user chose
 * them, `undefined` for null. Strings are double-quoted, as the messages' own text quotes values
 * and as Terraform's messages show them. Keys are sorted, as `jsonencode` sorts them.
 */
export function tsValue(v: Value, type?: TfType): string {
  if (v === null || v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map((x) => tsValue(x, elementType(type))).join(', ')}]`;
  if (typeof v === 'object') {
    if (Token.isUnresolved(v)) return JSON.stringify(Token.asString(v));
    const fields = type?.kind === 'object' ? type.fields : undefined;
    const entries = sortedKeys(v)
      .map((k) => [k, (v as Record<string, Value>)[k]] as const)
      .filter(([, x]) => !(fields && (x === null || x === undefined)));
    if (entries.length === 0) return '{}';
    const key = (k: string) => (fields ? camelCase(k) : new RegExp(IDENTIFIER).test(k) ? k : JSON.stringify(k));
    const typeAt = (k: string) => (fields ? fields[k]?.type : elementType(type));
    return `{ ${entries.map(([k, x]) => `${key(k)}: ${tsValue(x, typeAt(k))}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** A JavaScript identifier, written bare as an object key; other keys are quoted. */
const IDENTIFIER = '^[A-Za-z_$][0-9A-Za-z_$]*$';

/**
 * The HCL expression that prints a value as `tsValue` does, for TypeScript messages Terraform
 * renders at plan time (values given as tokens): built from the declared type, since Terraform
 * has no printer of its own but `jsonencode`. A value of unknown type is printed by `jsonencode`.
 * `depth` keeps the names of nested `for` variables apart.
 */
function tsShowHcl(x: string, type: TfType | undefined, depth = 0): string {
  const [k, v] = [`show_k${depth}`, `show_v${depth}`];
  // `{  }` is what an object or map with nothing to show prints before it becomes `{}`.
  const braces = (inner: string) => `replace("{ \${${inner}} }", "/^\\\\{  \\\\}$/", "{}")`;
  let body: string;
  switch (type?.kind) {
    case 'list':
    case 'set':
      body = `"[\${join(", ", [for ${v} in ${x} : ${tsShowHcl(v, type.of, depth + 1)}])}]"`;
      break;
    case 'map':
      body = braces(
        `join(", ", [for ${k}, ${v} in ${x} : "\${can(regex("${IDENTIFIER}", ${k})) ? ${k} : jsonencode(${k})}: \${${tsShowHcl(v, type.of, depth + 1)}}"])`,
      );
      break;
    case 'object': {
      const fields = Object.keys(type.fields)
        .sort()
        .map(
          (f) =>
            `${x}.${f} == null ? "" : "${camelCase(f)}: \${${tsShowHcl(`${x}.${f}`, type.fields[f].type, depth + 1)}}"`,
        );
      body = braces(`join(", ", compact([${fields.join(', ')}]))`);
      break;
    }
    default:
      body = `jsonencode(${x})`;
  }
  return `(${x} == null ? "undefined" : ${body})`;
}

function asNumber(v: Value, kind: BinOp): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new Error(`cannot use ${stableJson(v)} with ${kind}: a number is required`);
}

function evalBinary(kind: BinOp, a: Value, b: Value): Value {
  // Terraform's logical operators: a known false/true decides the result even when the other side is unknown.
  if (kind === '&&') return a === false || b === false ? false : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : true;
  if (kind === '||') return a === true || b === true ? true : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : false;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (kind) {
    case '==':
      return stableJson(a) === stableJson(b);
    case '!=':
      return stableJson(a) !== stableJson(b);
  }
  // Terraform orders numbers only: a numeric string converts, anything else (null, "abc") is an error.
  const x = asNumber(a, kind);
  const y = asNumber(b, kind);
  switch (kind) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/** Maps unresolved cdktf tokens (and structures that hold them) to UNKNOWN, leaving known values as they are. */
function known(v: Value): Value {
  if (v === UNKNOWN) return v;
  if (typeof v === 'string' || typeof v === 'number') return Token.isUnresolved(v) ? UNKNOWN : v;
  if (v !== null && typeof v === 'object' && Token.isUnresolved(v)) return UNKNOWN;
  return v;
}

function containsUnknown(v: Value): boolean {
  if (known(v) === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}

function sortedKeys(o: object): string[] {
  return Object.keys(o).sort();
}

/** JSON with object keys sorted, matching Terraform's `jsonencode`. */
export function stableJson(v: Value): string {
  if (v === undefined) return 'null';
  // A token object (an IResolvable) holds references back into the construct tree: print the
  // token's string form instead of walking it.
  if (v !== null && typeof v === 'object' && !Array.isArray(v) && Token.isUnresolved(v))
    return JSON.stringify(Token.asString(v));
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (v !== null && typeof v === 'object') {
    return `{${sortedKeys(v)
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, Value>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v);
}

function isCidr(s: string): boolean {
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) return prefix <= 32 && addr.split('.').every((o) => Number(o) <= 255);
  return addr.includes(':') && /^[0-9a-fA-F:]+$/.test(addr) && prefix <= 128 && (addr.match(/::/g) ?? []).length <= 1;
}

// ---------------------------------------------------------------------------------------
// Null guards that cannot fire

const isNullTest = (e: Expr, op: '==' | '!=', nonNullable: ReadonlySet<string>): boolean =>
  e.op === 'bin' &&
  e.kind === op &&
  e.a.op === 'input' &&
  nonNullable.has(e.a.name) &&
  e.b.op === 'lit' &&
  e.b.value === null;

/**
 * The expression without the null guards on inputs that are never null (`nullable = false`):
 * `var.x == null ? true : check` becomes `check`, `var.x != null && check` and
 * `var.x == null || check` become `check`. The value is the same for every value the input can
 * take; the generated HCL reads without the guard that could never fire.
 */
export function withoutNullGuards(e: Expr, nonNullable: ReadonlySet<string>): Expr {
  const r = (x: Expr) => withoutNullGuards(x, nonNullable);
  switch (e.op) {
    case 'if':
      if (isNullTest(e.cond, '==', nonNullable)) return r(e.else);
      if (isNullTest(e.cond, '!=', nonNullable)) return r(e.then);
      return { ...e, cond: r(e.cond), then: r(e.then), else: r(e.else) };
    case 'bin':
      if (e.kind === '&&' && isNullTest(e.a, '!=', nonNullable)) return r(e.b);
      if (e.kind === '||' && isNullTest(e.a, '==', nonNullable)) return r(e.b);
      return { ...e, a: r(e.a), b: r(e.b) };
    case 'not':
      return { ...e, a: r(e.a) };
    case 'get':
      return { ...e, of: r(e.of) };
    case 'show':
      return { ...e, of: r(e.of) };
    case 'call':
      return { ...e, args: e.args.map(r) };
    case 'for':
      return { ...e, coll: r(e.coll), body: r(e.body), filter: e.filter && r(e.filter) };
    case 'template':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : r(p))) };
    default:
      return e;
  }
}
