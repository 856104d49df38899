/**
 * What a token stands for, as text: `${aws_subnet.a.id}`. Two tokens that render the same
 * expression are one value at plan time, even when they are different JavaScript strings (each
 * read of `subnet.id` makes a new token). Checks that values differ use this at synth time.
 */
import { Construct, DefaultTokenResolver, StringConcat, Token, Tokenization } from '../cdktf';

/**
 * The Terraform expression of an unresolved token. Resolved without `preparing`, so a reference
 * to another stack is only read, not registered as a cross-stack output.
 */
export function tokenExpression(scope: Construct, token: unknown): string {
  try {
    const resolved: unknown = Tokenization.resolve(token, {
      scope,
      preparing: false,
      resolver: new DefaultTokenResolver(new StringConcat()),
    });
    return typeof resolved === 'string' ? resolved : JSON.stringify(resolved);
  } catch {
    // A token that cannot resolve yet (a lazy value) is still itself: its own text identifies it.
    return String(token);
  }
}

/**
 * A copy of `value` in which every unresolved string token is replaced by its expression text.
 * Other tokens (numbers, lists, whole maps) stay tokens, so rules still read them as unknown.
 */
export function tokensAsExpressions(scope: Construct, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (typeof value === 'string') return Token.isUnresolved(value) ? tokenExpression(scope, value) : value;
  if (Token.isUnresolved(value)) return value;
  if (Array.isArray(value)) return value.map((v) => tokensAsExpressions(scope, v));
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, tokensAsExpressions(scope, v)]),
    );
  }
  return value;
}

/** True when `a` and `b` are the same value at plan time: equal literals, or tokens of one expression. */
export function sameValue(scope: Construct, a: unknown, b: unknown): boolean {
  return JSON.stringify(tokensAsExpressions(scope, a)) === JSON.stringify(tokensAsExpressions(scope, b));
}
