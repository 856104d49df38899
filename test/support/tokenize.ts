/**
 * Props as a CDKTF user passes values only known at plan time: each scalar becomes a
 * `TerraformVariable` whose default is that scalar (an empty map or list becomes one variable
 * for the whole collection, having no scalar to carry). Plan time then sees the same values
 * synth time would have seen as literals.
 */
import { TerraformStack, TerraformVariable, Token } from '../../src/cdktf';

export function tokenized(stack: TerraformStack, prefix: string, value: unknown): unknown {
  let n = 0;
  const variable = (v: unknown) => new TerraformVariable(stack, `${prefix}_${n++}`, { default: v });
  const walk = (v: unknown): unknown => {
    if (v === null || v === undefined) return v;
    if (typeof v === 'string') return variable(v).stringValue;
    if (typeof v === 'number') return variable(v).numberValue;
    if (typeof v === 'boolean') return variable(v).booleanValue;
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v as object);
    if (entries.length === 0) return Token.asAny(variable(v).value);
    return Array.isArray(v) ? v.map(walk) : Object.fromEntries(entries.map(([k, x]) => [k, walk(x)]));
  };
  return walk(value);
}
