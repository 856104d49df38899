/**
 * A model of Terraform's type constraints, declared once per input and rendered both as
 * an HCL type expression (variables.tf) and as a TypeScript type (the construct's props).
 */
export type TfType =
  | { readonly kind: 'string'; readonly closedSet?: ClosedSet }
  | { readonly kind: 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly of: TfType }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Field>>; readonly tsName?: string };

/**
 * A closed set of string values (an AWS enum such as throughput modes), declared once. It feeds
 * the HCL `contains([...])` validation and its message (`oneOf` in rules.ts), the TypeScript
 * evaluator of that rule, and the TypeScript union type named `tsName` in src/generated/types.ts.
 * In HCL the input stays a `string`: Terraform has no enum types.
 */
export interface ClosedSet<V extends string = string> {
  readonly tsName: string;
  readonly values: readonly V[];
  /** One sentence for the union type's doc comment. */
  readonly description: string;
}

export function closedSet<const V extends string>(
  tsName: string,
  values: readonly V[],
  description: string,
): ClosedSet<V> {
  return { tsName, values, description };
}

/** An attribute of an object type. `optional` attributes may carry a default, as in `optional(type, default)`. */
export interface Field {
  readonly type: TfType;
  readonly optional?: boolean;
  readonly default?: unknown;
  readonly description?: Text;
}

declare const VALUE: unique symbol;
/**
 * A type that also says, to the type checker only, what HCL value it describes: `t.number()` is a
 * `Typed<number>`, `t.object({ uid: t.number() })` a `Typed<{ uid: number }>`. Builds and rules read
 * inputs through it (`ValueOf`), so that a field the type does not declare fails to compile.
 */
export type Typed<V> = TfType & { readonly [VALUE]?: V };
/** The HCL value a `Typed` type describes; `unknown` for a type declared without one. */
export type ValueOf<T> = T extends { readonly [VALUE]?: infer V } ? (unknown extends V ? unknown : V) : unknown;
/** An object type's field value: optional fields without a default may be null. */
type FieldValue<F> = F extends { readonly type: infer T; readonly optional?: infer O }
  ? true extends O
    ? F extends { readonly default: object | string | number | boolean }
      ? ValueOf<T>
      : ValueOf<T> | null
    : ValueOf<T>
  : ValueOf<F>;
type ObjectValue<F> = { readonly [K in keyof F]: FieldValue<F[K]> };

export const t = {
  string: (): Typed<string> => ({ kind: 'string' }),
  /** A string that must be one of a closed set: `string` in HCL, the set's union type in TypeScript. */
  oneOf: <V extends string>(closedSet: ClosedSet<V>): Typed<V> => ({ kind: 'string', closedSet }),
  number: (): Typed<number> => ({ kind: 'number' }),
  bool: (): Typed<boolean> => ({ kind: 'bool' }),
  any: (): Typed<unknown> => ({ kind: 'any' }),
  list: <T extends TfType>(of: T): Typed<ValueOf<T>[]> => ({ kind: 'list', of }),
  set: <T extends TfType>(of: T): Typed<ValueOf<T>[]> => ({ kind: 'set', of }),
  map: <T extends TfType>(of: T): Typed<Record<string, ValueOf<T>>> => ({ kind: 'map', of }),
  /** `tsName` names the generated TypeScript interface for this object type. */
  object: <const F extends Record<string, Field | TfType>>(fields: F, tsName?: string): Typed<ObjectValue<F>> => ({
    kind: 'object',
    tsName,
    fields: Object.fromEntries(
      Object.entries(fields).map(([k, f]: [string, Field | TfType]) => [k, 'kind' in f ? { type: f } : f]),
    ),
  }),
};

/** An optional object attribute, with an optional default (Terraform's `optional(type, default)`). */
export function optional<T extends TfType, const D = undefined>(
  type: T,
  defaultValue?: D,
  description?: Text,
): Field & { readonly type: T; readonly optional: true; readonly default: D } {
  return { type, optional: true, default: defaultValue as D, description };
}

export function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renders a type as TypeScript; object types with a tsName render as that name (declared separately). */
export function tsType(type: TfType, named = true): string {
  switch (type.kind) {
    case 'string':
      if (!type.closedSet) return 'string';
      return named ? type.closedSet.tsName : unionOf(type.closedSet);
    case 'number':
      return 'number';
    case 'bool':
      return 'boolean';
    case 'any':
      return 'unknown';
    case 'list':
    case 'set':
      return `${wrapUnion(tsType(type.of))}[]`;
    case 'map':
      return `Record<string, ${tsType(type.of)}>`;
    case 'object':
      if (named && type.tsName) return type.tsName;
      return `{ ${Object.entries(type.fields)
        .map(([k, f]) => `readonly ${camelCase(k)}${f.optional ? '?' : ''}: ${tsType(f.type)}`)
        .join('; ')} }`;
  }
}

/** `'a' | 'b'`: the TypeScript union of a closed set's values. */
export function unionOf(set: ClosedSet): string {
  return set.values.map((v) => `'${v}'`).join(' | ');
}

function wrapUnion(s: string): string {
  return s.includes('|') ? `(${s})` : s;
}

/** Every closed set reachable from a type, for declaring TypeScript union types. */
export function closedSets(type: TfType, into = new Map<string, ClosedSet>()): Map<string, ClosedSet> {
  if (type.kind === 'string' && type.closedSet) into.set(type.closedSet.tsName, type.closedSet);
  else if (type.kind === 'object') Object.values(type.fields).forEach((f) => closedSets(f.type, into));
  else if ('of' in type) closedSets(type.of, into);
  return into;
}

/** Every named object type reachable from a type, for declaring TypeScript interfaces. */
export function namedObjects(type: TfType, into = new Map<string, TfType>()): Map<string, TfType> {
  if (type.kind === 'object') {
    if (type.tsName) into.set(type.tsName, type);
    Object.values(type.fields).forEach((f) => namedObjects(f.type, into));
  } else if ('of' in type) {
    namedObjects(type.of, into);
  }
  return into;
}

// --- Texts spelled per path: the types behind src/core/doc.ts, declared here because a field's
// description is one and a described value has a type (one file, so the two do not import each other).

/** Which product a text is spelled for: HCL names and syntax, or TypeScript's. */
export type Spelling = 'hcl' | 'ts';

/** A piece of a description (src/core/doc.ts): text, a name, a value, or a passage per path. */
export type Part =
  | string
  | { readonly kind: 'name'; readonly path: readonly string[] }
  | { readonly kind: 'value'; readonly value: unknown; readonly type?: TfType }
  | { readonly kind: 'either'; readonly hcl: Text; readonly ts: Text };

export interface Doc {
  readonly parts: readonly Part[];
  /**
   * For the TypeScript docs of an optional input without a default: what leaving it out means,
   * in words (`@default - no replication`, as AWS CDK writes it). HCL shows `default = null`.
   */
  readonly unset?: Text;
}

/** A description: plain text, or a `doc` template spelled per path. */
export type Text = string | Doc;
