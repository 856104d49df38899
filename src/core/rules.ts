/**
 * Validation rules: declared once per module, rendered as `validation` blocks (one input) or
 * `precondition` blocks (several inputs) in HCL, and evaluated at synth time in TypeScript.
 */
import {
  Expr,
  InputTypes,
  RenderOptions,
  Spelling,
  UNKNOWN,
  and,
  call,
  cond,
  eq,
  evaluate,
  forEach,
  get,
  inputReader,
  lit,
  name,
  nullOr,
  show,
  template,
  toHcl,
  toJsonTemplate,
  not,
  withoutNullGuards,
} from './expr';
import type { ClosedSet } from './types';

/**
 * `N`: the input names of the module the rule belongs to (`InputName<typeof inputs>`, see
 * src/core/spec.ts): `inputs` may list only declared inputs, and a rule typed `Rule<'a'>` fits
 * into the rules of any module that declares `a`. Read inputs in `condition` and `message` with
 * the module's `inputReader<N>()` (src/core/expr.ts), typed by the same union.
 */
export interface Rule<N extends string = string> {
  /** Stable identifier, used by tests and the validation catalogue. */
  readonly id: string;
  /** The inputs the rule reads, the one it is about first. One input: a `validation` block; more: a `precondition`. */
  readonly inputs: readonly N[];
  /** True when the input is acceptable. Must be null-safe: HCL's `||` and `&&` do not short-circuit. */
  readonly condition: Expr;
  /** Names the input, shows the bad value, and says what is allowed. */
  readonly message: Expr;
  /** What the rule guards against, for the catalogue. */
  readonly summary: string;
  /**
   * `distinct-values`: the condition only asks whether values differ (`distinctValues`). It then
   * also holds when each token stands for its own expression, since one expression given twice
   * is one value twice: the TypeScript evaluator runs it that way too, so the same token given
   * twice fails at synth time instead of being skipped as unknown.
   */
  readonly kind?: 'distinct-values';
}

export const isCrossInput = (r: Rule): boolean => r.inputs.length > 1;

/** The rule as the HCL module writes it: no null guard on an input that is never null. */
export function forNonNullable(rule: Rule, nonNullable: ReadonlySet<string>): Rule {
  return {
    ...rule,
    condition: withoutNullGuards(rule.condition, nonNullable),
    message: withoutNullGuards(rule.message, nonNullable),
  };
}

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

export interface Assessment {
  /** Rules that fail on the values known now, with their messages. */
  readonly violations: Violation[];
  /** Rules whose outcome depends on unresolved tokens: only plan time can decide them. */
  readonly deferred: Rule[];
}

/**
 * Evaluates every rule on HCL-shaped values, in order. A rule whose outcome depends on unresolved
 * tokens is deferred (Terraform skips unknown conditions too), unless it is a `distinct-values`
 * rule that already fails with each token read as its own expression (`asExpressions`: the same
 * values with tokens replaced, see token-identity.ts). A rule across inputs is skipped when one
 * of its inputs already failed a rule of its own: its message would follow from that one.
 * `types` (the inputs' declared types, `inputTypes(spec)`) lets TypeScript messages show values as props.
 */
export function assess(
  rules: readonly Rule[],
  values: Record<string, unknown>,
  spelling: Spelling,
  asExpressions?: Record<string, unknown>,
  types?: InputTypes,
): Assessment {
  const violations: Violation[] = [];
  const deferred: Rule[] = [];
  const failedInputs = new Set<string>();
  const fail = (rule: Rule, from: Record<string, unknown>) => {
    const message = evaluate(rule.message, from, spelling, {}, types);
    violations.push({ rule: rule.id, message: message === UNKNOWN ? rule.summary : String(message) });
    if (!isCrossInput(rule)) failedInputs.add(rule.inputs[0]);
  };
  for (const rule of rules) {
    if (isCrossInput(rule) && rule.inputs.some((i) => failedInputs.has(i))) continue;
    const ok = evaluate(rule.condition, values, spelling);
    if (ok === true) continue;
    if (ok !== UNKNOWN) fail(rule, values);
    else if (
      rule.kind === 'distinct-values' &&
      asExpressions &&
      evaluate(rule.condition, asExpressions, spelling) === false
    ) {
      fail(rule, asExpressions);
    } else deferred.push(rule);
  }
  return { violations, deferred };
}

/**
 * The plan-time form of a rule across inputs: it holds while one of its inputs fails a rule of its
 * own among `rules`, so plan time too reports a misspelt value once, not again by every rule that
 * reads it (as `assess` does at synth time). Other rules are returned as they are.
 */
export function afterOwnRules(rule: Rule, rules: readonly Rule[]): Rule {
  if (!isCrossInput(rule)) return rule;
  const own = rules.filter((r) => !isCrossInput(r) && rule.inputs.includes(r.inputs[0]));
  if (own.length === 0) return rule;
  return { ...rule, condition: cond(and(...own.map((r) => r.condition)), rule.condition, lit(true)) };
}

/** The rules that fail on the values known now (see `assess`). */
export function check(
  rules: readonly Rule[],
  values: Record<string, unknown>,
  spelling: Spelling,
  types?: InputTypes,
): Violation[] {
  return assess(rules, values, spelling, undefined, types).violations;
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
export function oneOf<N extends string>(id: string, inputName: N, set: ClosedSet, path: string[] = []): Rule<N> {
  const allowed = set.values;
  const value = path.reduce<Expr>(get, inputReader<N>()(inputName));
  return {
    id,
    inputs: [inputName],
    summary: `${[inputName, ...path].join('.')} is one of ${quoteList(allowed)}`,
    condition: nullOr(value, call('contains', lit(allowed), value)),
    message: template`${name(inputName, ...path)} must be ${lit(quoteList(allowed))} (got ${show(value)}).`,
  };
}

/**
 * The values `valuesOf(input)` picks from a map or list input are all different, such as the
 * subnets of mount targets. Marked `distinct-values`, so one token given twice fails at synth.
 */
export function distinctValues<N extends string>(
  id: string,
  inputName: N,
  summary: string,
  valuesOf: (coll: Expr) => Expr,
  message: (values: Expr) => Expr,
): Rule<N> {
  const picked = valuesOf(inputReader<N>()(inputName));
  return {
    id,
    inputs: [inputName],
    summary,
    kind: 'distinct-values',
    condition: eq(call('length', call('distinct', picked)), call('length', picked)),
    message: message(picked),
  };
}

/**
 * Every entry of a map (or list) input satisfies `ok`. The message says once what is allowed
 * (`allowed`), then shows each entry that fails (`got`, such as `mount_targets["a"].subnet_id = ""`):
 * three bad entries do not repeat the rule three times. The filter that picks the bad entries is
 * the condition negated; before Terraform 1.9 a validation cannot share it through a local.
 */
export function eachEntry<N extends string>(
  id: string,
  inputName: N,
  summary: string,
  ok: (key: Expr, value: Expr) => Expr,
  allowed: Expr,
  got: (key: Expr, value: Expr) => Expr,
): Rule<N> {
  const coll = inputReader<N>()(inputName);
  const bad = forEach(
    coll,
    (k, v) => got(k, v),
    (k, v) => not(ok(k, v)),
  );
  return {
    id,
    inputs: [inputName],
    summary,
    condition: call(
      'alltrue',
      forEach(coll, (k, v) => ok(k, v)),
    ),
    message: template`${allowed} (got ${call('join', lit('; '), bad)}).`,
  };
}
