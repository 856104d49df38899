/**
 * TypeScript evaluation of the expression language (src/core/expr.ts), on HCL-shaped values
 * (snake_case keys, null for absent): how synth time decides a rule before Terraform does.
 */
import { Token } from '../cdktf';
import type { BinOp, Expr, InputTypes } from './expr-ast';
import { FNS } from './expr-functions';
import { templateParts } from './expr-hcl';
import { type ScopeTypes, elementType, forScope, typeOf } from './expr-typeof';
import { IDENTIFIER, UNKNOWN, type Value, sortedKeys, stableJson } from './expr-values';
import { type Spelling, TfType, camelCase } from './types';

interface Env {
  readonly inputs: Record<string, unknown>;
  readonly spelling: Spelling;
  readonly scope: Record<string, Value>;
  readonly types: InputTypes;
  /** The types of the `for` variables in scope, where known. */
  readonly scopeTypes: ScopeTypes;
}

/**
 * Evaluates an expression on HCL-shaped inputs. `types` (the inputs' declared types) lets a
 * TypeScript message show an object value as the props spell it: without it, keys stay as they are.
 */
export function evaluate(
  e: Expr,
  inputs: Record<string, unknown>,
  spelling: Spelling,
  scope: Record<string, Value> = {},
  types: InputTypes = {},
): Value {
  return run(e, { inputs, spelling, scope, types, scopeTypes: {} });
}

function run(e: Expr, env: Env): Value {
  const ev = (x: Expr, inner = env) => run(x, inner);
  switch (e.op) {
    case 'input':
      return known(env.inputs[e.name]);
    case 'local':
      return env.scope[e.name];
    case 'declared':
      return ev(e.def);
    case 'lit':
      return e.value;
    case 'get': {
      const of = ev(e.of);
      if (of === UNKNOWN) return UNKNOWN;
      if (of === null || typeof of !== 'object')
        throw new Error(`cannot read attribute "${e.key}" of ${stableJson(of)}`);
      return known((of as Record<string, Value>)[e.key] ?? null);
    }
    case 'call': {
      const args = e.args.map((a) => ev(a));
      if (args.some(containsUnknown)) return UNKNOWN;
      return FNS[e.fn].js(args);
    }
    case 'show': {
      const v = ev(e.of);
      if (containsUnknown(v)) return UNKNOWN;
      return env.spelling === 'ts' ? tsValue(v, typeOf(e.of, env.types, env.scopeTypes)) : stableJson(v);
    }
    case 'bin':
      return evalBinary(e.kind, ev(e.a), ev(e.b));
    case 'not': {
      const a = ev(e.a);
      return a === UNKNOWN ? UNKNOWN : !a;
    }
    case 'if': {
      const c = ev(e.cond);
      if (c === UNKNOWN) return UNKNOWN;
      return c ? ev(e.then) : ev(e.else);
    }
    case 'for':
      return runFor(e, env);
    case 'ref':
    case 'index':
    case 'splat':
    case 'object':
    case 'list':
    case 'forMap':
      return runConstructor(e, env);
    case 'template':
    case 'name':
    case 'perPath': {
      const parts = templateParts(e, { resolve: (n) => n, spelling: env.spelling }).map((p) =>
        typeof p === 'string' ? p : ev(p),
      );
      if (parts.some((p) => p === UNKNOWN)) return UNKNOWN;
      // Terraform interpolates strings, numbers and bools as text; messages show other values with `show`.
      const other = (p: Value) => (env.spelling === 'ts' ? tsValue(p) : stableJson(p));
      return parts
        .map((p) =>
          typeof p === 'string' ? p : typeof p === 'number' || typeof p === 'boolean' ? String(p) : other(p),
        )
        .join('');
    }
  }
}

/** `[for k, v in coll : body if filter]`: unknown when the collection or a filter is. */
function runFor(e: Extract<Expr, { op: 'for' }>, env: Env): Value {
  const ev = (x: Expr, inner = env) => run(x, inner);
  const coll = ev(e.coll);
  if (coll === UNKNOWN) return UNKNOWN;
  const entries: [Value, Value][] = Array.isArray(coll)
    ? coll.map((v, i) => [i, known(v)])
    : sortedKeys(coll as object).map((k) => [k, known((coll as Record<string, Value>)[k])]);
  const scopeTypes = forScope(e, env.types, env.scopeTypes);
  const out: Value[] = [];
  for (const [k, v] of entries) {
    const inner = { ...env, scope: { ...env.scope, [e.key]: k, [e.value]: v }, scopeTypes };
    if (e.filter) {
      const keep = ev(e.filter, inner);
      if (keep === UNKNOWN) return UNKNOWN;
      if (!keep) continue;
    }
    out.push(ev(e.body, inner));
  }
  return out;
}

/** What builds write besides rules: references (unknown until plan time) and constructors. */
function runConstructor(
  e: Extract<Expr, { op: 'ref' | 'index' | 'splat' | 'object' | 'list' | 'forMap' }>,
  env: Env,
): Value {
  const ev = (x: Expr, inner = env) => run(x, inner);
  switch (e.op) {
    case 'ref':
    case 'splat':
      // What the configuration declares is known at plan time at the earliest.
      return UNKNOWN;
    case 'index': {
      const [of, key] = [ev(e.of), ev(e.key)];
      if (of === UNKNOWN || key === UNKNOWN) return UNKNOWN;
      return known((of as Record<string, Value>)[key as string] ?? null);
    }
    case 'object':
      return Object.fromEntries(e.fields.map(([k, x]) => [k, ev(x)]));
    case 'list':
      return e.items.map((x) => ev(x));
    case 'forMap': {
      const coll = ev(e.coll);
      if (coll === UNKNOWN) return UNKNOWN;
      const out: Record<string, Value> = {};
      for (const k of sortedKeys(coll as object)) {
        const scope = { ...env.scope, [e.key]: k, [e.value]: known((coll as Record<string, Value>)[k]) };
        const inner = { ...env, scope };
        if (e.filter && !ev(e.filter, inner)) continue;
        out[ev(e.to, inner) as string] = ev(e.body, inner);
      }
      return out;
    }
  }
}

/**
 * A value as TypeScript users write it in props, for messages: the fields of object types in
 * camelCase (fields left null are left out, as users leave them out), map keys as the user chose
 * them, `undefined` for null. Strings are double-quoted, as the messages' own text quotes values
 * and as Terraform's messages show them. Keys are sorted, as `jsonencode` sorts them.
 */
export function tsValue(v: Value, type?: TfType): string {
  if (v === null || v === undefined) return 'undefined';
  if (Array.isArray(v)) return `[${v.map((x) => tsValue(x, elementType(type))).join(', ')}]`;
  if (typeof v === 'object') {
    if (Token.isUnresolved(v)) return JSON.stringify(Token.asString(v));
    const fields = type?.kind === 'object' ? type.fields : undefined;
    const entries = sortedKeys(v)
      .map((k) => [k, (v as Record<string, Value>)[k]] as const)
      .filter(([, x]) => !(fields && (x === null || x === undefined)));
    if (entries.length === 0) return '{}';
    const key = (k: string) => (fields ? camelCase(k) : new RegExp(IDENTIFIER).test(k) ? k : JSON.stringify(k));
    const typeAt = (k: string) => (fields ? fields[k]?.type : elementType(type));
    return `{ ${entries.map(([k, x]) => `${key(k)}: ${tsValue(x, typeAt(k))}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

function asNumber(v: Value, kind: BinOp): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  throw new Error(`cannot use ${stableJson(v)} with ${kind}: a number is required`);
}

function evalBinary(kind: BinOp, a: Value, b: Value): Value {
  // Terraform's logical operators: a known false/true decides the result even when the other side is unknown.
  if (kind === '&&') return a === false || b === false ? false : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : true;
  if (kind === '||') return a === true || b === true ? true : a === UNKNOWN || b === UNKNOWN ? UNKNOWN : false;
  if (a === UNKNOWN || b === UNKNOWN) return UNKNOWN;
  switch (kind) {
    case '==':
      return stableJson(a) === stableJson(b);
    case '!=':
      return stableJson(a) !== stableJson(b);
  }
  // Terraform orders numbers only: a numeric string converts, anything else (null, "abc") is an error.
  const x = asNumber(a, kind);
  const y = asNumber(b, kind);
  switch (kind) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
  }
}

/** Maps unresolved cdktf tokens (and structures that hold them) to UNKNOWN, leaving known values as they are. */
function known(v: Value): Value {
  if (v === UNKNOWN) return v;
  if (typeof v === 'string' || typeof v === 'number') return Token.isUnresolved(v) ? UNKNOWN : v;
  if (v !== null && typeof v === 'object' && Token.isUnresolved(v)) return UNKNOWN;
  return v;
}

function containsUnknown(v: Value): boolean {
  if (known(v) === UNKNOWN) return true;
  if (Array.isArray(v)) return v.some(containsUnknown);
  if (v !== null && typeof v === 'object') return Object.values(v).some(containsUnknown);
  return false;
}
