import type { Finding } from '../finding';
import { fails } from './exit-code';

/**
 * The body a Terraform Cloud / Enterprise run task sends back (PATCH to the
 * request's task_result_callback_url, `Authorization: Bearer <access_token>`,
 * `Content-Type: application/vnd.api+json`). `failed` stops the run when the
 * task's enforcement level is mandatory.
 */
export interface RunTaskResult {
  data: {
    type: 'task-results';
    attributes: { status: 'passed' | 'failed'; message: string };
  };
}

const MAX_LISTED = 3;

export function toRunTaskResult(findings: readonly Finding[], strict: boolean): RunTaskResult {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  const listed = findings
    .slice(0, MAX_LISTED)
    .map((f) => `${f.severity} ${f.address}: ${f.message.split(' Fix: ')[0]}`);
  const more = findings.length > MAX_LISTED ? [`… and ${findings.length - MAX_LISTED} more`] : [];
  const message = [`efs-modules doctor: ${errors} error(s), ${warnings} warning(s).`, ...listed, ...more].join(' ');
  return {
    data: { type: 'task-results', attributes: { status: fails(findings, strict) ? 'failed' : 'passed', message } },
  };
}

export function formatRunTask(findings: readonly Finding[], strict: boolean): string {
  return `${JSON.stringify(toRunTaskResult(findings, strict))}\n`;
}
