/**
 * Downloads a run's plan JSON. HCP Terraform's `plan_json_api_url` answers `307` with a
 * short-lived signed URL (another host, e.g. its archivist), or `204` while the plan is not
 * finished. The run's token goes only to the origin of the API URL: a redirect to another
 * origin is followed without it, as curl does, because the signed URL needs none.
 */
import { describeUrl, exchange, ExchangeError } from './http-client';

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  signal?: AbortSignal;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** The plan JSON as text, or an ExchangeError that says why not. */
export async function fetchPlanJson(apiUrl: string, token: string, limits: FetchLimits): Promise<string> {
  const tokenOrigin = new URL(apiUrl).origin;
  const deadline = Date.now() + limits.timeoutMs;
  let url = new URL(apiUrl);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const headers: Record<string, string> = {};
    if (url.origin === tokenOrigin) headers.authorization = `Bearer ${token}`;
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new ExchangeError(`fetching the plan JSON took longer than ${limits.timeoutMs} ms`, true);
    const answer = await exchange(url, {
      method: 'GET',
      headers,
      timeoutMs: remaining,
      maxBytes: limits.maxBytes,
      signal: limits.signal,
    });
    if (answer.status === 200) return answer.body.toString('utf8');
    if (answer.status === 204)
      throw new ExchangeError(
        `${describeUrl(url)} answered 204: the plan has not finished, so there is no plan JSON yet`,
        false,
      );
    if (REDIRECTS.has(answer.status)) {
      const location = answer.headers.location;
      if (location === undefined)
        throw new ExchangeError(`${describeUrl(url)} answered ${answer.status} without a Location`, false);
      const next = new URL(location, url);
      if (next.protocol !== 'https:' && next.protocol !== 'http:')
        throw new ExchangeError(`${describeUrl(url)} redirected to a ${next.protocol} URL`, false);
      // Never from https down to http: the signed URL is a credential too.
      if (url.protocol === 'https:' && next.protocol === 'http:')
        throw new ExchangeError(`${describeUrl(url)} redirected from https to http`, false);
      url = next;
      continue;
    }
    throw new ExchangeError(
      `${describeUrl(url)} answered ${answer.status}${reason(answer.status)}`,
      answer.status >= 500 || answer.status === 429,
    );
  }
  throw new ExchangeError(`${describeUrl(new URL(apiUrl))} redirected more than ${MAX_REDIRECTS} times`, false);
}

function reason(status: number): string {
  if (status === 401 || status === 403 || status === 404) {
    return ' (the run token cannot read the plan: it may have expired, or the token lacks access to the workspace)';
  }
  return '';
}
