/**
 * Validation rules: declared once per module, rendered as `validation` blocks (one input) or
 * `precondition` blocks (several inputs) in HCL, and evaluated at synth time in TypeScript.
 */
import {
  Expr, RenderOptions, Spelling, UNKNOWN, call, evaluate, forEach, get, input, lit, name,
  nullOr, show, template, toHcl, toJsonTemplate, not,
} from './expr';
import type { ClosedSet } from './types';

export interface Rule {
  /** Stable identifier, used by tests and the validation catalogue. */
  readonly id: string;
  /** The inputs the rule reads, the one it is about first. One input: a `validation` block; more: a `precondition`. */
  readonly inputs: readonly string[];
  /** True when the input is acceptable. Must be null-safe: HCL's `||` and `&&` do not short-circuit. */
  readonly condition: Expr;
  /** Names the input, shows the bad value, and says what is allowed. */
  readonly message: Expr;
  /** What the rule guards against, for the catalogue. */
  readonly summary: string;
}

export const isCrossInput = (r: Rule): boolean => r.inputs.length > 1;

export interface RenderedRule {
  readonly condition: string;
  readonly message: string;
}

/** HCL source of a rule's condition and error message (a quoted template or an expression). */
export function renderHcl(rule: Rule, o: RenderOptions): RenderedRule {
  return { condition: toHcl(rule.condition, o), message: toHcl(rule.message, o) };
}

/** The same, in the form Terraform's JSON syntax takes (each a template string). */
export function renderJson(rule: Rule, o: RenderOptions): RenderedRule {
  return { condition: `\${${toHcl(rule.condition, o)}}`, message: toJsonTemplate(rule.message, o) };
}

export interface Violation {
  readonly rule: string;
  readonly message: string;
}

/**
 * Evaluates the rules on HCL-shaped values; rules whose outcome depends on unresolved tokens are
 * skipped. Only primary errors are reported: a cross-input rule is skipped when one of its inputs
 * already broke a rule of its own (a misspelled `throughput_mode` is one error, not also one about
 * `provisioned_throughput_in_mibps`), as Terraform stops at a failed variable validation before it
 * evaluates any precondition.
 */
export function check(rules: readonly Rule[], values: Record<string, unknown>, spelling: Spelling): Violation[] {
  const broken = (rule: Rule): Violation | undefined => {
    const ok = evaluate(rule.condition, values, spelling);
    if (ok === UNKNOWN || ok === true) return undefined;
    const message = evaluate(rule.message, values, spelling);
    return { rule: rule.id, message: message === UNKNOWN ? rule.summary : String(message) };
  };
  const single = new Map(rules.filter((r) => !isCrossInput(r)).map((r) => [r, broken(r)]));
  const rejected = new Set([...single].filter(([, v]) => v).map(([r]) => r.inputs[0]));
  return rules.flatMap((rule) => {
    if (!isCrossInput(rule)) return single.get(rule) ?? [];
    if (rule.inputs.some((i) => rejected.has(i))) return [];
    return broken(rule) ?? [];
  });
}

// ---------------------------------------------------------------------------------------
// Common shapes of rule, so messages read alike across modules.

/** `"a", "b" or "c"`: a set of values as messages list them. */
export const quoteList = (xs: readonly unknown[]): string => {
  const q = xs.map((x) => JSON.stringify(x));
  return q.length < 2 ? q.join('') : `${q.slice(0, -1).join(', ')} or ${q[q.length - 1]}`;
};

/**
 * `input` (or its field at `path`) must be one of a closed set (null passes when it is optional).
 * The same set types the input (`t.oneOf`), so the HCL check, its message and the TypeScript
 * union cannot drift apart.
 */
export function oneOf(id: string, inputName: string, set: ClosedSet, path: string[] = []): Rule {
  const allowed = set.values;
  const value = path.reduce<Expr>(get, input(inputName));
  return {
    id,
    inputs: [inputName],
    summary: `${[inputName, ...path].join('.')} is one of ${quoteList(allowed)}`,
    condition: nullOr(value, call('contains', lit(allowed), value)),
    message: template`${name(inputName, ...path)} must be ${lit(quoteList(allowed))} (got ${show(value)}).`,
  };
}

/** Every entry of a map input satisfies `ok`; the message lists each entry that does not. */
export function eachEntry(
  id: string,
  inputName: string,
  summary: string,
  ok: (key: Expr, value: Expr) => Expr,
  explain: (key: Expr, value: Expr) => Expr,
): Rule {
  const coll = input(inputName);
  return {
    id,
    inputs: [inputName],
    summary,
    condition: call('alltrue', forEach(coll, (k, v) => ok(k, v))),
    message: call('join', lit(' '), forEach(coll, (k, v) => explain(k, v), (k, v) => not(ok(k, v)))),
  };
}

