/** The service's plain-text answers, and the read of a request's body within its size and time limits. */
import type * as http from 'http';

export function answer(
  response: http.ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(text === '' ? '' : `${text}\n`);
}

/** Answers and drops the connection: the rest of the body is never read. */
export function refuse(
  response: http.ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  answer(response, status, text, { connection: 'close', ...headers });
}

export interface BodyLimits {
  readonly maxBodyBytes: number;
  /** Deadline for receiving the whole request. */
  readonly requestTimeoutMs: number;
}

/** The body, or undefined once the request has been answered (413, 408, or a broken connection). */
export function readBody(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  limits: BodyLimits,
): Promise<Buffer | undefined> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const stop = (status: number, text: string): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      refuse(response, status, text);
      request.resume(); // discard what is still arriving until the socket closes
      resolve(undefined);
    };
    const timer = setTimeout(
      () => stop(408, `the request took longer than ${limits.requestTimeoutMs} ms`),
      limits.requestTimeoutMs,
    );
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limits.maxBodyBytes) stop(413, `the body is larger than ${limits.maxBodyBytes} bytes`);
      else chunks.push(chunk);
    });
    request.on('end', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(Buffer.concat(chunks));
    });
    request.on('error', () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}
