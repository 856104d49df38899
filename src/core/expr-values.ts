/**
 * The values the expression language evaluates to (src/core/expr.ts): UNKNOWN for what is only
 * known at plan time, and the helpers that compare and print values as Terraform does.
 */
import { Token } from '../cdktf';

export const UNKNOWN: unique symbol = Symbol('unknown');

export type Value = unknown;

export function sortedKeys(o: object): string[] {
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

export function isCidr(s: string): boolean {
  const [addr, bits, ...rest] = s.split('/');
  if (rest.length || bits === undefined || !/^\d{1,3}$/.test(bits)) return false;
  const prefix = Number(bits);
  if (/^\d{1,3}(\.\d{1,3}){3}$/.test(addr)) return prefix <= 32 && addr.split('.').every((o) => Number(o) <= 255);
  return addr.includes(':') && /^[0-9a-fA-F:]+$/.test(addr) && prefix <= 128 && (addr.match(/::/g) ?? []).length <= 1;
}

/** A JavaScript identifier, written bare as an object key; other keys are quoted. */
export const IDENTIFIER = '^[A-Za-z_$][0-9A-Za-z_$]*$';
