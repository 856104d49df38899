/**
 * `efs-modules doctor serve`: an HCP Terraform / Terraform Enterprise run task, on Node's own
 * http server: the server and its shutdown (its options are in options.ts). How each request is judged is in
 * handler.ts.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { refuse } from './answer';
import { handleRequest, type HandlerContext } from './handler';
import type { JobSettings } from './job';
import { JobQueue } from './queue';
import { DEFAULT_OPTIONS, type ServiceOptions } from './options';

export { DEFAULT_OPTIONS, type ServiceOptions } from './options';

export interface RunTaskService {
  /** Starts listening; resolves with the bound address. */
  listen(): Promise<{ host: string; port: number }>;
  /**
   * Stops taking requests, lets accepted run tasks finish for up to `graceMs`, then cancels
   * what is left (those runs get no callback; HCP Terraform times them out) and closes.
   */
  close(graceMs: number): Promise<void>;
  /** Accepted run tasks running and waiting. */
  load(): { running: number; waiting: number };
}

/** What the jobs need: the strictness, and the limits of the plan download and of the callback. */
function jobSettings(options: ServiceOptions, signal: AbortSignal, log: (line: string) => void): JobSettings {
  return {
    strict: options.strict,
    fetch: {
      timeoutMs: options.fetchTimeoutMs,
      maxBytes: options.maxPlanBytes,
      attempts: options.attempts,
      delayMs: options.retryDelayMs,
      signal,
    },
    callback: {
      timeoutMs: options.callbackTimeoutMs,
      attempts: options.attempts,
      delayMs: options.retryDelayMs,
      signal,
    },
    log,
  };
}

/** The http server: every request to the handler, with Node's own limits on connections and headers. */
function createServer(context: HandlerContext): http.Server {
  const { options, log } = context;
  const server = http.createServer(
    // A backstop to readBody's own deadline, for requests that never finish their headers.
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, options.requestTimeoutMs),
    },
    (request, response) => {
      handleRequest(request, response, context).catch((error: Error) => {
        log(`internal error: ${error.stack ?? error.message}`);
        refuse(response, 500, 'internal error');
      });
    },
  );
  server.maxConnections = options.maxConnections;
  // Requests Node refuses before the handler sees them: too slow (its own request timeout), headers
  // too large, not HTTP.
  server.on('clientError', (error: NodeJS.ErrnoException, socket) => {
    const status =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? '408 Request Timeout'
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? '431 Request Header Fields Too Large'
          : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
    else socket.destroy();
  });
  return server;
}

function listen(server: http.Server, options: ServiceOptions): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      const address = server.address() as AddressInfo;
      resolve({ host: address.address, port: address.port });
    });
  });
}

/** Lets accepted run tasks finish for up to `graceMs`, cancels what is left, then closes the server. */
async function closeGracefully(
  server: http.Server,
  queue: JobQueue,
  shutdown: AbortController,
  graceMs: number,
  log: (line: string) => void,
): Promise<void> {
  const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  let timer: NodeJS.Timeout | undefined;
  const graceOver = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => resolve('late'), graceMs);
  });
  if ((await Promise.race([queue.drained(), graceOver])) === 'late') {
    const { running, waiting } = queue.size;
    log(`shutdown: cancelling ${running + waiting} run task(s) still in progress after ${graceMs} ms`);
    shutdown.abort();
    await queue.drained();
  }
  clearTimeout(timer);
  server.closeAllConnections();
  await stopped;
}

export function createRunTaskService(given: Partial<ServiceOptions> & Pick<ServiceOptions, 'hmacKey'>): RunTaskService {
  const options: ServiceOptions = { ...DEFAULT_OPTIONS, log: (line) => process.stderr.write(`${line}\n`), ...given };
  if (options.hmacKey === '') throw new Error('the HMAC key is empty');
  const log = (line: string): void => options.log(`efs-modules doctor serve: ${line}`);
  const queue = new JobQueue(options.concurrency, options.queueSize);
  const shutdown = new AbortController();
  let closing = false;
  const settings = jobSettings(options, shutdown.signal, log);
  const server = createServer({ options, log, queue, settings, closing: () => closing });
  return {
    listen: () => listen(server, options),
    async close(graceMs) {
      closing = true;
      await closeGracefully(server, queue, shutdown, graceMs, log);
    },
    load: () => queue.size,
  };
}
