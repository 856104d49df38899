/**
 * Null guards that cannot fire: a rule written for any input reads without the guard when the
 * input is never null (`nullable = false`).
 */
import type { Expr } from './expr-ast';

const isNullTest = (e: Expr, op: '==' | '!=', nonNullable: ReadonlySet<string>): boolean =>
  e.op === 'bin' &&
  e.kind === op &&
  e.a.op === 'input' &&
  nonNullable.has(e.a.name) &&
  e.b.op === 'lit' &&
  e.b.value === null;

/**
 * The expression without the null guards on inputs that are never null (`nullable = false`):
 * `var.x == null ? true : check` becomes `check`, `var.x != null && check` and
 * `var.x == null || check` become `check`. The value is the same for every value the input can
 * take; the generated HCL reads without the guard that could never fire.
 */
export function withoutNullGuards(e: Expr, nonNullable: ReadonlySet<string>): Expr {
  const r = (x: Expr) => withoutNullGuards(x, nonNullable);
  switch (e.op) {
    case 'if':
      if (isNullTest(e.cond, '==', nonNullable)) return r(e.else);
      if (isNullTest(e.cond, '!=', nonNullable)) return r(e.then);
      return { ...e, cond: r(e.cond), then: r(e.then), else: r(e.else) };
    case 'bin':
      if (e.kind === '&&' && isNullTest(e.a, '!=', nonNullable)) return r(e.b);
      if (e.kind === '||' && isNullTest(e.a, '==', nonNullable)) return r(e.b);
      return { ...e, a: r(e.a), b: r(e.b) };
    case 'not':
      return { ...e, a: r(e.a) };
    case 'get':
      return { ...e, of: r(e.of) };
    case 'show':
      return { ...e, of: r(e.of) };
    case 'call':
      return { ...e, args: e.args.map(r) };
    case 'for':
      return { ...e, coll: r(e.coll), body: r(e.body), filter: e.filter && r(e.filter) };
    case 'template':
      return { ...e, parts: e.parts.map((p) => (typeof p === 'string' ? p : r(p))) };
    case 'index':
      return { ...e, of: r(e.of), key: r(e.key) };
    case 'splat':
      return { ...e, of: r(e.of) };
    case 'object':
      return { ...e, fields: e.fields.map(([k, x]) => [k, r(x)] as const) };
    case 'list':
      return { ...e, items: e.items.map(r) };
    case 'forMap':
      return { ...e, coll: r(e.coll), to: r(e.to), body: r(e.body), filter: e.filter && r(e.filter) };
    default:
      return e;
  }
}
