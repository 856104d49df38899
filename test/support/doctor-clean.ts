/**
 * `efs-modules doctor --strict` on a plan the test already made: strict fails on any finding, so
 * a clean run is no finding at all. Each example's plan is checked where it is planned, so the
 * check costs no plan of its own.
 */
import { diagnose, parsePlan } from '../../src/doctor';

/**
 * The findings of the doctor on a plan, one line each (severity, check, address, message): empty
 * when it passes `--strict`.
 */
export function doctorFindings(plan: unknown): string[] {
  return diagnose(parsePlan(JSON.stringify(plan))).map((f) => `${f.severity} ${f.check} ${f.address}: ${f.message}`);
}
