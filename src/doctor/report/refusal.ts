import type { Format } from '../cli-args';
import { sarifRefusal } from './sarif';

/**
 * What a machine-readable format prints when nothing was checked (the input is not a complete
 * plan, or cannot be read), so that a CI step or run task that reads only stdout still learns
 * why: exit code 2 and the message on stderr come with it. Human output has only the message.
 */
export function formatRefusal(format: Format, message: string): string {
  switch (format) {
    case 'human':
      return '';
    case 'json':
      return `${JSON.stringify({ ok: false, error: message, findings: [] }, null, 2)}\n`;
    case 'run-task':
      return `${JSON.stringify({ data: { type: 'task-results', attributes: { status: 'failed', message: `efs-modules doctor did not check this plan: ${message}` } } })}\n`;
    case 'sarif':
      return `${JSON.stringify(sarifRefusal(message), null, 2)}\n`;
  }
}
