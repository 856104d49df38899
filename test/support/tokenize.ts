/**
 * Props as a CDKTF user passes values only known at plan time: each scalar becomes a
 * `TerraformVariable` whose default is that scalar. An empty map, list or object has no scalar
 * to carry, so it becomes one variable for the whole collection, declared with the input's type
 * as a user's variable would be: an untyped `{}` is an object without attributes, and reading
 * `backup_plan.vault_name` from it is an error, where `{}` given for an object type means every
 * attribute left out (null, or its `optional()` default). Plan time then sees the same values
 * synth time would have seen as literals.
 */
import { TerraformStack, TerraformVariable, Token } from '../../src/cdktf';
import { TfType, camelCase } from '../../src/core/types';
import { hclType } from '../../generators/hcl/types';

/** The type of a prop's part: an object's attribute by its TypeScript (camelCase) key, a collection's element. */
function partType(type: TfType | undefined, key: string | number): TfType | undefined {
  if (!type) return undefined;
  if (type.kind === 'object') return Object.entries(type.fields).find(([n]) => camelCase(n) === key)?.[1].type;
  if (type.kind === 'list' || type.kind === 'set' || type.kind === 'map') return type.of;
  return undefined;
}

export function tokenized(stack: TerraformStack, prefix: string, value: unknown, type?: TfType): unknown {
  let n = 0;
  const variable = (v: unknown, of?: TfType) =>
    new TerraformVariable(stack, `${prefix}_${n++}`, { default: v, ...(of ? { type: hclType(of) } : {}) });
  const walk = (v: unknown, of: TfType | undefined): unknown => {
    if (v === null || v === undefined) return v;
    if (typeof v === 'string') return variable(v).stringValue;
    if (typeof v === 'number') return variable(v).numberValue;
    if (typeof v === 'boolean') return variable(v).booleanValue;
    const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
    if (entries.length === 0) return Token.asAny(variable(v, of).value);
    const part = ([k, x]: readonly [string | number, unknown]) => walk(x, partType(of, k));
    return Array.isArray(v) ? entries.map(part) : Object.fromEntries(entries.map(([k, x]) => [k, part([k, x])]));
  };
  return walk(value, type);
}
