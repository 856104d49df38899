/** Output values of a construct, typed for TypeScript from the module's output specs. */
import { Token } from '../cdktf';
import type { ModuleSpec } from './spec';
import { TfType, camelCase } from './types';

/** Converts each output to the TypeScript shape its spec declares (camelCase keys, typed tokens). */
export function toOutputs(spec: ModuleSpec, values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(spec.outputs.map((o) => [camelCase(o.name), typed(o.type, values[o.name])]));
}

function typed(type: TfType, value: unknown): unknown {
  if (type.kind === 'object' && value !== null && typeof value === 'object' && !Token.isUnresolved(value)) {
    const v = value as Record<string, unknown>;
    return Object.fromEntries(Object.entries(type.fields).map(([k, f]) => [camelCase(k), typed(f.type, v[k])]));
  }
  switch (type.kind) {
    case 'string':
      return Token.asString(value);
    case 'number':
      return Token.asNumber(value);
    case 'list':
    case 'set':
      return Token.asList(value);
    case 'map':
      return type.of.kind === 'string' ? Token.asStringMap(value) : Token.asAnyMap(value);
    default:
      return Token.asAny(value);
  }
}
