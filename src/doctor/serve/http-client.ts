/**
 * One HTTP exchange with hard limits, on Node's own http/https: the whole exchange (connect,
 * send, read) has a deadline, and the response body a size cap, so a slow or endless peer
 * costs a bounded time and bounded memory.
 */
import * as http from 'http';
import * as https from 'https';

const USER_AGENT = 'efs-modules-doctor-serve';

export interface ExchangeOptions {
  method: 'GET' | 'PATCH';
  headers: Record<string, string>;
  body?: Buffer;
  /** Deadline for the whole exchange, response body included. */
  timeoutMs: number;
  /** Largest response body accepted. */
  maxBytes: number;
  /** Aborts the exchange (service shutdown). */
  signal?: AbortSignal;
}

export interface ExchangeResult {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Why an exchange failed, in words that can go into a task result message (never a token). */
export class ExchangeError extends Error {
  constructor(
    message: string,
    /** Worth another attempt: a timeout or a dropped connection, not a refusal. */
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'ExchangeError';
  }
}

/** The URL without its query string, which for a signed download URL is a credential. */
export function describeUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

export function exchange(url: URL, options: ExchangeOptions): Promise<ExchangeResult> {
  return new Promise((resolve, reject) => {
    const transport = url.protocol === 'https:' ? https : http;
    const headers: Record<string, string> = { 'user-agent': USER_AGENT, ...options.headers };
    if (options.body !== undefined) headers['content-length'] = String(options.body.length);
    let settled = false;
    const finish = (error: Error | undefined, result?: ExchangeResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      if (error) {
        request.destroy();
        reject(error);
      } else resolve(result as ExchangeResult);
    };
    const where = `${options.method} ${describeUrl(url)}`;
    const timer = setTimeout(
      () => finish(new ExchangeError(`${where} took longer than ${options.timeoutMs} ms`, true)),
      options.timeoutMs,
    );
    const onAbort = (): void =>
      finish(new ExchangeError(`${where} was cancelled: the service is shutting down`, false));
    const request = transport.request(url, { method: options.method, headers }, (response) => {
      const declared = Number(response.headers['content-length']);
      if (Number.isFinite(declared) && declared > options.maxBytes) {
        finish(
          new ExchangeError(`${where} answered ${declared} bytes, more than the limit of ${options.maxBytes}`, false),
        );
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > options.maxBytes) {
          finish(new ExchangeError(`${where} answered more than the limit of ${options.maxBytes} bytes`, false));
          return;
        }
        chunks.push(chunk);
      });
      response.on('end', () =>
        finish(undefined, { status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(chunks) }),
      );
      response.on('error', (error) =>
        finish(new ExchangeError(`${where} failed while reading the answer: ${error.message}`, true)),
      );
      response.on('close', () => {
        if (!response.complete)
          finish(new ExchangeError(`${where}: the connection closed before the answer was complete`, true));
      });
    });
    request.on('error', (error) => finish(new ExchangeError(`${where} failed: ${error.message}`, true)));
    if (options.signal?.aborted) {
      onAbort();
      return;
    }
    options.signal?.addEventListener('abort', onAbort, { once: true });
    request.end(options.body);
  });
}
