/**
 * The expression language's tree (`Expr`) and its builders, for rules and builds alike
 * (src/core/expr.ts says what the language is for). `Val<V>` types an expression by its value, so
 * that reading a field a value does not declare fails to compile.
 */
import type { FnName } from './expr-functions';
import type { Spelling, TfType } from './types';

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

export type FieldAt<V, K> = unknown extends V ? unknown : K extends keyof NonNullable<V> ? NonNullable<V>[K] : never;

/** The entries of a list or map. */
export type ElementOf<V> = unknown extends V ? unknown : EntryOf<NonNullable<V>>;

export type EntryOf<V> = V extends readonly (infer E)[]
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

export type BinOp = '==' | '!=' | '<' | '<=' | '>' | '>=' | '&&' | '||';

/**
 * The declared types of a module's inputs, by HCL name: what tells object fields (camelCased in
 * TypeScript) from map keys.
 */
export type InputTypes = Readonly<Record<string, TfType>>;

/**
 * The reader of a module's inputs in rules: `const v = inputReader<EfsFilesystemInput>()`, then
 * `v('throughput_mode')`. Typed by the module's input-name union (`InputName<typeof inputs>`,
 * src/core/spec.ts), so that a rule reading an input the module does not declare fails to
 * compile. There is no untyped reader: without a type argument `N` is `never` and nothing can be read.
 */
export const inputReader =
  <N extends string = never>() =>
  (name: N): Expr => ({ op: 'input', name });

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

/** `c ? then : otherwise`, typed by its arms. */
export const cond = <A extends Expr, B extends Expr>(c: Expr, then: A, otherwise: B): Val<ValueIn<A> | ValueIn<B>> => ({
  op: 'if',
  cond: c,
  then,
  else: otherwise,
});

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

/** `x == null ? [] : [x]`: what a `dynamic` block repeats over for a value that may be null, none or the one value. */
export const oneIfSet = <E extends Expr>(x: E) => cond(isNull(x), list(), list(x));

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
