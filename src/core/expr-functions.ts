/**
 * The functions of the expression language (src/core/expr.ts): each has one HCL rendering and one
 * TypeScript implementation, side by side.
 */
import { UNKNOWN, type Value, isCidr, sortedKeys, stableJson } from './expr-values';

interface FnDef {
  hcl(args: string[]): string;
  js(args: Value[]): Value;
}

export const FNS = {
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
