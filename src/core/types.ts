/**
 * A model of Terraform's type constraints, declared once per input and rendered both as
 * an HCL type expression (variables.tf) and as a TypeScript type (the construct's props).
 */

export type TfType =
  | { readonly kind: 'string' | 'number' | 'bool' | 'any' }
  | { readonly kind: 'list' | 'set' | 'map'; readonly of: TfType }
  | { readonly kind: 'object'; readonly fields: Readonly<Record<string, Field>>; readonly tsName?: string };

/** An attribute of an object type. `optional` attributes may carry a default, as in `optional(type, default)`. */
export interface Field {
  readonly type: TfType;
  readonly optional?: boolean;
  readonly default?: unknown;
  readonly description?: string;
}

export const t = {
  string: (): TfType => ({ kind: 'string' }),
  number: (): TfType => ({ kind: 'number' }),
  bool: (): TfType => ({ kind: 'bool' }),
  any: (): TfType => ({ kind: 'any' }),
  list: (of: TfType): TfType => ({ kind: 'list', of }),
  set: (of: TfType): TfType => ({ kind: 'set', of }),
  map: (of: TfType): TfType => ({ kind: 'map', of }),
  /** `tsName` names the generated TypeScript interface for this object type. */
  object: (fields: Record<string, Field | TfType>, tsName?: string): TfType => ({
    kind: 'object',
    tsName,
    fields: Object.fromEntries(Object.entries(fields).map(([k, f]) => [k, 'kind' in f ? { type: f } : f])),
  }),
};

/** An optional object attribute, with an optional default (Terraform's `optional(type, default)`). */
export function optional(type: TfType, defaultValue?: unknown, description?: string): Field {
  return { type, optional: true, default: defaultValue, description };
}

export function camelCase(snake: string): string {
  return snake.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Renders a type as TypeScript; object types with a tsName render as that name (declared separately). */
export function tsType(type: TfType, named = true): string {
  switch (type.kind) {
    case 'string':
      return 'string';
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

function wrapUnion(s: string): string {
  return s.includes('|') ? `(${s})` : s;
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
