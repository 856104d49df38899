import type { Finding } from '../finding';

/** Exit codes of `efs-modules doctor`. */
export const EXIT = {
  /** No finding that fails the run. */
  CLEAN: 0,
  /** At least one error (or, with --strict, any finding). */
  FINDINGS: 1,
  /** Bad arguments, unreadable file, or input that is not a plan's JSON. */
  USAGE: 2,
} as const;

/** Whether the findings fail the run: errors always, warnings only when strict. */
export function fails(findings: readonly Finding[], strict: boolean): boolean {
  return findings.some((f) => f.severity === 'error' || strict);
}
