/**
 * Sends a task result to HCP Terraform: `PATCH task_result_callback_url` with the run's token,
 * as a JSON:API document. A refusal (401 token expired, 422 body rejected) is final; a timeout,
 * a dropped connection, 429 or a 5xx answer is tried again, a bounded number of times.
 */
import { describeUrl, exchange, ExchangeError } from './http-client';
import { withRetries, type RetryPolicy } from './retry';
import type { TaskResult } from './task-result';

export const JSON_API = 'application/vnd.api+json';

export interface CallbackLimits extends RetryPolicy {
  /** Deadline of each attempt. */
  timeoutMs: number;
}

/** HCP Terraform's answers are small (nothing, or a JSON:API error); more than this is not read. */
const MAX_ANSWER_BYTES = 64 * 1024;

export async function sendTaskResult(
  callbackUrl: string,
  token: string,
  result: TaskResult,
  limits: CallbackLimits,
): Promise<number> {
  const url = new URL(callbackUrl);
  const body = Buffer.from(JSON.stringify(result));
  const headers = { 'content-type': JSON_API, authorization: `Bearer ${token}` };
  return withRetries(limits, async () => {
    const answer = await exchange(url, {
      method: 'PATCH',
      headers,
      body,
      timeoutMs: limits.timeoutMs,
      maxBytes: MAX_ANSWER_BYTES,
      signal: limits.signal,
    });
    if (answer.status >= 200 && answer.status < 300) return answer.status;
    const detail = answer.body.toString('utf8').slice(0, 300).replace(/\s+/g, ' ');
    const transient = answer.status === 429 || answer.status >= 500;
    throw new ExchangeError(`${describeUrl(url)} answered ${answer.status}${detail ? `: ${detail}` : ''}`, transient);
  });
}
