/** Output values of a construct, typed for TypeScript from the module's output specs. */
import { type IResolvable, Token, Tokenization, ref } from '../cdktf';
import { foldTemplate } from './literal-folding';
import { ModuleSpec, tsOutputs } from './spec';
import { TfType, camelCase } from './types';

/**
 * Converts each output to the TypeScript shape its spec declares (camelCase keys, typed tokens).
 * `T` is the outputs interface that `npm run generate` writes from the same spec
 * (src/generated/types.ts), so the object built here has that shape by construction; the one cast
 * of the constructs' outputs is this function's.
 */
export function toOutputs<T extends object>(spec: ModuleSpec, values: Record<string, unknown>): T {
  const built = Object.fromEntries(
    tsOutputs(spec).map((o) => [camelCase(o.name), typed(o.type, asTokens(values[o.name]))]),
  );
  return built as unknown as T;
}

/**
 * Output values as cdktf tokens. `build` returns expressions as plain `"${…}"` strings, which
 * cdktf passes through in resource arguments but escapes inside `Fn.*` calls such as
 * `Fn.jsonencode` (where container definitions are built): a reference token renders right in both.
 */
export function asTokens(value: unknown): unknown {
  if (typeof value === 'string') {
    const inner = isOneToken(value) ? undefined : singleInterpolation(value);
    if (inner === undefined) return value;
    return Token.isUnresolved(inner) ? Token.asString(foldedReference(inner)) : ref(inner);
  }
  if (Array.isArray(value)) return value.map(asTokens);
  if (value !== null && typeof value === 'object' && !Token.isUnresolved(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, asTokens(v)]));
  }
  return value;
}

const isOneToken = (s: string): boolean => {
  const fragments = Tokenization.reverseString(s);
  return fragments.length === 1 && fragments.firstToken !== undefined;
};

/**
 * An output that reads a construct's props (input-values.ts: the expression holds their values):
 * inside an expression (an `Fn.*` call, another interpolation) it is that expression, as a
 * reference is; as a whole attribute or in text, what is constant in it is written as constant
 * (`"/mnt/data"`, not `${"/mnt/data"}`), as in the construct's own resources.
 */
function foldedReference(expression: string): IResolvable {
  return {
    creationStack: [],
    resolve: (context) => {
      const insideExpression = context.suppressBraces === true;
      context.suppressBraces = true;
      context.registerPostProcessor({
        postProcess: (text: string): unknown => (insideExpression ? text : foldTemplate(`\${${text}}`)),
      });
      return expression;
    },
  };
}

/** The expression of a string that is exactly one `${…}` interpolation (not `"${a}-${b}"`), else undefined. */
function singleInterpolation(s: string): string | undefined {
  if (!s.startsWith('${') || !s.endsWith('}')) return undefined;
  let depth = 0;
  let quoted = false;
  for (let i = 2; i < s.length - 1; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return undefined;
  }
  return depth === 0 && !quoted ? s.slice(2, -1) : undefined;
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
