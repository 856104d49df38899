/**
 * A small expression language, the one way rules and builds write Terraform expressions. A rule is
 * written once as an `Expr` tree; `toHcl` renders it for `validation`/`precondition` blocks and
 * `evaluate` runs it in TypeScript at synth time. Values that are unresolved cdktf tokens evaluate
 * to UNKNOWN, and a rule whose result is UNKNOWN is skipped, as Terraform skips unknown conditions.
 * Builds write their arguments with the same tree (`ctx.tf`), typed by the values they read
 * (`Val<V>`), and the renderer alone writes HCL text.
 *
 * The language lives in one file per job: the tree and its builders (expr-ast.ts), the functions
 * (expr-functions.ts), HCL rendering (expr-hcl.ts), evaluation (expr-evaluate.ts), the declared
 * type of what an expression reads (expr-typeof.ts) and null guards that cannot fire
 * (expr-null-guards.ts). Import it from here.
 */
export * from './expr-ast';
export type { FnName } from './expr-functions';
export { evaluate, tsValue } from './expr-evaluate';
export { toHcl, toJsonTemplate } from './expr-hcl';
export { withoutNullGuards } from './expr-null-guards';
export { UNKNOWN, stableJson } from './expr-values';
