/**
 * Just enough of IAM's evaluation to test file system policies: a request is denied if any
 * Deny statement matches it, allowed if an Allow does. Statements match on actions (with `*`
 * wildcards) and on `Bool` and `Null` conditions, the only operators the module writes.
 */
export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface Request {
  action: string;
  /** Condition keys present in the request context, such as aws:SecureTransport = "true". */
  context: Record<string, string>;
}

const list = <T>(x: T | T[]): T[] => (Array.isArray(x) ? x : [x]);
const wildcard = (pattern: string) =>
  new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);

function conditionHolds(op: string, key: string, values: string[], context: Record<string, string>): boolean {
  if (op === 'Bool') return key in context && values.includes(context[key]);
  if (op === 'Null') return values.includes(String(!(key in context)));
  throw new Error(`condition operator ${op} is not modelled`);
}

export function matches(s: Statement, r: Request): boolean {
  if (!list(s.Action).some((a) => wildcard(a).test(r.action))) return false;
  return Object.entries(s.Condition ?? {}).every(([op, byKey]) =>
    Object.entries(byKey).every(([key, values]) => conditionHolds(op, key, list(values), r.context)),
  );
}

export function decide(statements: Statement[], r: Request): 'allow' | 'deny' | 'implicit-deny' {
  if (statements.some((s) => s.Effect === 'Deny' && matches(s, r))) return 'deny';
  return statements.some((s) => s.Effect === 'Allow' && matches(s, r)) ? 'allow' : 'implicit-deny';
}
