/**
 * The task result a run task sends back: the doctor's verdict (status and message from the
 * run-task formatter) and, when HCP Terraform accepts them, one outcome per finding, which its
 * UI lists with a severity tag, the resource, the problem and the fix.
 */
import type { Finding } from '../finding';
import { toRunTaskResult } from '../report/run-task';

export type TagLevel = 'none' | 'info' | 'warning' | 'error';

export interface Outcome {
  type: 'task-result-outcomes';
  attributes: {
    'outcome-id': string;
    description: string;
    /** Markdown. */
    body: string;
    tags: Record<string, Array<{ label: string; level?: TagLevel }>>;
  };
}

export interface TaskResult {
  data: {
    type: 'task-results';
    attributes: { status: 'passed' | 'failed' | 'running'; message: string };
    relationships?: { outcomes: { data: Outcome[] } };
  };
}

/** More findings than this are counted in the message but not sent one by one, so the callback body stays small. */
export const MAX_OUTCOMES = 100;
const MAX_DESCRIPTION = 200;

/**
 * The problem up to its first ". " or ": " (the doctor's messages say what is wrong, then why
 * it matters), on one line, cut to a length a list shows.
 */
function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const sentence = flat.match(/^.*?(?=[.:](?:\s|$))/)?.[0] ?? flat;
  return sentence.length <= MAX_DESCRIPTION ? sentence : `${sentence.slice(0, MAX_DESCRIPTION - 1)}…`;
}

function outcomeOf(finding: Finding, id: string, strict: boolean): Outcome {
  const [problem, ...fixParts] = finding.message.split(' Fix: ');
  const fix = fixParts.join(' Fix: ');
  const isError = finding.severity === 'error';
  const effect =
    isError || strict ? 'It fails the run.' : 'A warning: it fails the run only when the service runs with `--strict`.';
  const body = [
    `**${isError ? 'Error' : 'Warning'}** in \`${finding.address}\` (check \`${finding.check}\`). ${effect}`,
    '',
    problem ?? '',
    ...(fix ? ['', `**Fix:** ${fix}`] : []),
  ].join('\n');
  return {
    type: 'task-result-outcomes',
    attributes: {
      'outcome-id': id,
      description: `${finding.address}: ${oneLine(problem ?? finding.message)}`,
      body,
      tags: {
        Severity: [isError ? { label: 'Error', level: 'error' } : { label: 'Warning', level: 'warning' }],
        Check: [{ label: finding.check }],
      },
    },
  };
}

/** Outcome IDs are the check and the address; a second finding of one check on one resource gets `#2`. */
function outcomesOf(findings: readonly Finding[], strict: boolean): Outcome[] {
  const seen = new Map<string, number>();
  return findings.slice(0, MAX_OUTCOMES).map((finding) => {
    const base = `${finding.check}:${finding.address}`;
    const count = (seen.get(base) ?? 0) + 1;
    seen.set(base, count);
    return outcomeOf(finding, count === 1 ? base : `${base}#${count}`, strict);
  });
}

/** The verdict on a plan the doctor read. */
export function verdictResult(findings: readonly Finding[], strict: boolean, withOutcomes: boolean): TaskResult {
  const { status, message } = toRunTaskResult(findings, strict).data.attributes;
  const more = findings.length > MAX_OUTCOMES && withOutcomes ? ` The first ${MAX_OUTCOMES} findings are listed.` : '';
  const result: TaskResult = { data: { type: 'task-results', attributes: { status, message: message + more } } };
  if (withOutcomes) result.data.relationships = { outcomes: { data: outcomesOf(findings, strict) } };
  return result;
}

/** A run the doctor could not judge: failed, so that a mandatory run task never lets an unchecked plan through. */
export function notCheckedResult(reason: string): TaskResult {
  return {
    data: {
      type: 'task-results',
      attributes: { status: 'failed', message: `efs-modules doctor: nothing was checked: ${reason}` },
    },
  };
}
