import { CHECKS } from './checks';
import { createContext } from './context';
import type { Finding } from './finding';
import type { PlanJson } from './plan/types';

/** Runs every check on a parsed plan. Pure: same plan, same findings, in check order then address order. */
export function diagnose(plan: PlanJson): Finding[] {
  const ctx = createContext(plan);
  return CHECKS.flatMap((check) =>
    check
      .run(ctx)
      .sort((a, b) => (a.address < b.address ? -1 : a.address > b.address ? 1 : 0))
      .map((f) => (check.securityHub ? { ...f, securityHub: [...check.securityHub] } : f)),
  );
}
