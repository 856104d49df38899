import type { Finding } from '../finding';
import { fails } from './exit-code';

/** The stable `--json` document: `ok` is true exactly when the exit code is 0. */
export interface JsonReport {
  ok: boolean;
  findings: Finding[];
}

export function toJsonReport(findings: readonly Finding[], strict: boolean): JsonReport {
  return {
    ok: !fails(findings, strict),
    findings: findings.map(({ check, severity, address, message, securityHub }) => ({
      check,
      severity,
      address,
      message,
      ...(securityHub ? { securityHub } : {}),
    })),
  };
}

export function formatJson(findings: readonly Finding[], strict: boolean): string {
  return `${JSON.stringify(toJsonReport(findings, strict), null, 2)}\n`;
}
