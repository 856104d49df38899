import type { Finding } from '../finding';
import { fails } from './exit-code';

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** One line per finding (severity, address, check, message with its fix), then a summary line. */
export function formatHuman(findings: readonly Finding[], strict: boolean): string {
  const lines = findings.map((f) => `${f.severity.toUpperCase().padEnd(7)} ${f.address} [${f.check}] ${f.message}`);
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const verdict = fails(findings, strict) ? 'FAILED' : 'OK';
  const note = !strict && warnings > 0 && errors === 0 ? ' (warnings do not fail the run without --strict)' : '';
  lines.push(`efs-modules doctor: ${verdict}: ${plural(errors, 'error')}, ${plural(warnings, 'warning')}${note}.`);
  return `${lines.join('\n')}\n`;
}
