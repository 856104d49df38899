/**
 * Turns TypeScript props (camelCase, undefined for absent) into the values Terraform would see
 * for the same HCL inputs (snake_case, defaults applied as `optional(type, default)` does).
 * Unresolved tokens pass through untouched: their value is only known at plan or apply time.
 */
import { Token } from '../cdktf';
import type { ModuleSpec } from './spec';
import { TfType, camelCase } from './types';

export function toHclValue(type: TfType, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (Token.isUnresolved(value)) return value;
  switch (type.kind) {
    case 'object': {
      const src = value as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(type.fields).map(([field, f]) => {
          const given = src[camelCase(field)];
          const v =
            given === undefined || given === null ? withDefaults(f.type, f.default ?? null) : toHclValue(f.type, given);
          return [field, v];
        }),
      );
    }
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toHclValue(type.of, v)]),
      );
    case 'list':
    case 'set':
      return (value as unknown[]).map((v) => toHclValue(type.of, v));
    default:
      return value;
  }
}

/** Applies `optional(type, default)` defaults to an HCL-shaped value, as Terraform does to variable defaults. */
export function withDefaults(type: TfType, value: unknown): unknown {
  if (value === null || Token.isUnresolved(value)) return value;
  switch (type.kind) {
    case 'object': {
      const src = value as Record<string, unknown>;
      return Object.fromEntries(
        Object.entries(type.fields).map(([field, f]) => [field, withDefaults(f.type, src[field] ?? f.default ?? null)]),
      );
    }
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, withDefaults(type.of, v)]),
      );
    case 'list':
    case 'set':
      return (value as unknown[]).map((v) => withDefaults(type.of, v));
    default:
      return value;
  }
}

export class MissingInputError extends Error {}

/** HCL-shaped values of every input, defaults applied; throws when a required input is absent. */
export function normalizeProps(spec: ModuleSpec, props: Record<string, unknown>): Record<string, unknown> {
  const missing = spec.inputs.filter((i) => i.required && (props[camelCase(i.name)] ?? null) === null);
  if (missing.length > 0) {
    throw new MissingInputError(missing.map((i) => `${camelCase(i.name)} is required.`).join(' '));
  }
  return Object.fromEntries(
    spec.inputs.map((i) => {
      const given = props[camelCase(i.name)];
      return [
        i.name,
        given === undefined || given === null ? withDefaults(i.type, i.default ?? null) : toHclValue(i.type, given),
      ];
    }),
  );
}

/** HCL-shaped inputs (as an HCL user writes them) as Terraform sees them once defaults apply. */
export function hclInputValues(spec: ModuleSpec, inputs: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return Object.fromEntries(
    spec.inputs.map((i) => [i.name, withDefaults(i.type, inputs[i.name] ?? i.default ?? null)]),
  );
}
