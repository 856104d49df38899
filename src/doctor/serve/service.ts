/**
 * `efs-modules doctor serve`: an HCP Terraform / Terraform Enterprise run task, on Node's own
 * http server. Each request is judged in this order, and refused at the first failure:
 * route and method; a signature header present (401, before the body is read); body size
 * (413) and time (408); the HMAC-SHA512 signature of the body (401); the payload (400);
 * room in the queue (503). Only then is it answered 200, and the work done after the answer.
 */
import * as http from 'http';
import type { AddressInfo } from 'net';
import { describeRun, runJob, type JobSettings } from './job';
import { parsePayload, type RunTaskRequest } from './payload';
import { JobQueue } from './queue';
import { SIGNATURE_HEADER, verifySignature } from './signature';

export interface ServiceOptions {
  /** The run task's HMAC key, as entered in HCP Terraform. Required: unsigned requests are always refused. */
  hmacKey: string;
  host: string;
  /** 0 picks a free port (see `address` once listening). */
  port: number;
  /** The path HCP Terraform posts to. */
  path: string;
  /** Warnings fail the run too. */
  strict: boolean;
  maxBodyBytes: number;
  /** Deadline for receiving one request, headers and body. */
  requestTimeoutMs: number;
  maxPlanBytes: number;
  /** Deadline for downloading the plan JSON, redirects included, per attempt. */
  fetchTimeoutMs: number;
  /** Deadline of each callback attempt. */
  callbackTimeoutMs: number;
  /** Attempts of the plan download and of the callback each, the first included. */
  attempts: number;
  /** Wait before the second attempt, doubled after. */
  retryDelayMs: number;
  /** Run tasks judged at once. */
  concurrency: number;
  /** Accepted run tasks that may wait for a free slot; beyond them the service answers 503. */
  queueSize: number;
  /** Open connections at once; more are closed as they arrive, so idle or slow clients cannot pile up. */
  maxConnections: number;
  /** Allow plan and callback URLs over plain http to hosts other than loopback. */
  allowHttp: boolean;
  log(line: string): void;
}

export const DEFAULT_OPTIONS: Omit<ServiceOptions, 'hmacKey' | 'log'> = {
  host: '127.0.0.1',
  port: 8080,
  path: '/',
  strict: false,
  maxBodyBytes: 64 * 1024,
  requestTimeoutMs: 10_000,
  maxPlanBytes: 64 * 1024 * 1024,
  fetchTimeoutMs: 60_000,
  callbackTimeoutMs: 15_000,
  attempts: 3,
  retryDelayMs: 1_000,
  concurrency: 2,
  queueSize: 100,
  maxConnections: 256,
  allowHttp: false,
};

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

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Plain http would send the run's token in clear text; only loopback (or an explicit opt-in) is allowed. */
function insecureUrl(request: RunTaskRequest, allowHttp: boolean): string | undefined {
  if (allowHttp) return undefined;
  for (const [name, text] of [
    ['task_result_callback_url', request.taskResultCallbackUrl],
    ['plan_json_api_url', request.planJsonApiUrl],
  ] as const) {
    if (text === undefined) continue;
    const url = new URL(text);
    if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname) && !url.hostname.startsWith('127.')) {
      return `${name} is plain http to ${url.host}: the run's token would travel unencrypted (start the service with --allow-http to accept it)`;
    }
  }
  return undefined;
}

/** What the request handler reads: options, log, queue, the jobs' settings, and whether the service is closing. */
interface ServiceState {
  readonly options: ServiceOptions;
  readonly log: (line: string) => void;
  readonly queue: JobQueue;
  readonly settings: JobSettings;
  closing: boolean;
}

export function createRunTaskService(given: Partial<ServiceOptions> & Pick<ServiceOptions, 'hmacKey'>): RunTaskService {
  const options: ServiceOptions = { ...DEFAULT_OPTIONS, log: (line) => process.stderr.write(`${line}\n`), ...given };
  if (options.hmacKey === '') throw new Error('the HMAC key is empty');
  const log = (line: string): void => options.log(`efs-modules doctor serve: ${line}`);
  const queue = new JobQueue(options.concurrency, options.queueSize);
  const shutdown = new AbortController();
  const state: ServiceState = {
    options,
    log,
    queue,
    settings: jobSettings(options, log, shutdown.signal),
    closing: false,
  };
  const server = httpServer(options, log, (request, response) => handle(state, request, response));

  return {
    listen: () => listen(server, options),
    async close(graceMs) {
      state.closing = true;
      await closeGracefully(server, queue, shutdown, log, graceMs);
    },
    load: () => queue.size,
  };
}

/** What each job needs: the plan download's and the callback's limits, and the signal that cancels them at shutdown. */
function jobSettings(options: ServiceOptions, log: (line: string) => void, signal: AbortSignal): JobSettings {
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

function answer(
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
function refuse(
  response: http.ServerResponse,
  status: number,
  text: string,
  headers: Record<string, string> = {},
): void {
  answer(response, status, text, { connection: 'close', ...headers });
}

/** The body, or undefined once the request has been answered (413, 408, or a broken connection). */
function readBody(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  options: ServiceOptions,
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
      () => stop(408, `the request took longer than ${options.requestTimeoutMs} ms`),
      options.requestTimeoutMs,
    );
    request.on('data', (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > options.maxBodyBytes) stop(413, `the body is larger than ${options.maxBodyBytes} bytes`);
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

/** Judges one request, in the order this file's first comment gives, and queues the job of an accepted one. */
async function handle(
  state: ServiceState,
  request: http.IncomingMessage,
  response: http.ServerResponse,
): Promise<void> {
  const { options, log, queue, settings } = state;
  const path = (request.url ?? '').split('?')[0];
  const from = request.socket.remoteAddress ?? 'unknown';
  if (request.method === 'GET' && path === '/healthz') {
    answer(response, state.closing ? 503 : 200, state.closing ? 'shutting down' : 'ok');
    return;
  }
  if (path !== options.path) return refuse(response, 404, 'not found');
  if (request.method !== 'POST') return refuse(response, 405, 'only POST', { allow: 'POST' });
  if (state.closing) return refuse(response, 503, 'shutting down', { 'retry-after': '10' });
  const signature = request.headers[SIGNATURE_HEADER];
  if (typeof signature !== 'string' || signature === '') {
    log(`refused an unsigned request from ${from}`);
    return refuse(response, 401, `missing ${SIGNATURE_HEADER}: configure the run task with an HMAC key`);
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
    return refuse(response, 413, `the body is larger than ${options.maxBodyBytes} bytes`);
  }
  const body = await readBody(request, response, options);
  if (body === undefined) return;
  if (!verifySignature(body, signature, options.hmacKey)) {
    log(`refused a request with a wrong signature from ${from}`);
    return refuse(response, 401, `${SIGNATURE_HEADER} does not match the body: check the HMAC key`);
  }
  const parsed = parsePayload(body);
  if (parsed.kind === 'invalid') {
    log(`refused a signed request that is not a run task payload: ${parsed.problem}`);
    return answer(response, 400, parsed.problem);
  }
  if (parsed.kind === 'verification') {
    log("answered HCP Terraform's verification request");
    return answer(response, 200, '');
  }
  const task = parsed.request;
  const insecure = insecureUrl(task, options.allowHttp);
  if (insecure !== undefined) {
    log(`refused ${describeRun(task)}: ${insecure}`);
    return answer(response, 400, insecure);
  }
  if (!queue.hasRoom()) {
    log(`busy: refused ${describeRun(task)} with 503 (HCP Terraform sends it again)`);
    return answer(response, 503, 'busy', { 'retry-after': '5' });
  }
  answer(response, 200, '');
  queue.offer(() => runJob(task, settings));
  log(`accepted ${describeRun(task)} (${task.stage}, ${task.enforcementLevel ?? 'enforcement level not given'})`);
}

/** Node's server with the deadlines and the connection limit, and answers to requests it refuses itself. */
function httpServer(
  options: ServiceOptions,
  log: (line: string) => void,
  handler: (request: http.IncomingMessage, response: http.ServerResponse) => Promise<void>,
): http.Server {
  const server = http.createServer(
    // A backstop to readBody's own deadline, for requests that never finish their headers.
    {
      requestTimeout: options.requestTimeoutMs,
      headersTimeout: options.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(1_000, options.requestTimeoutMs),
    },
    (request, response) => {
      handler(request, response).catch((error: Error) => {
        log(`internal error: ${error.stack ?? error.message}`);
        refuse(response, 500, 'internal error');
      });
    },
  );
  server.maxConnections = options.maxConnections;
  // Requests Node refuses before the handler sees them: too slow (its own request timeout),
  // headers too large, not HTTP.
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

/**
 * Stops taking requests, lets accepted run tasks finish for up to `graceMs`, then cancels what is
 * left and closes every connection.
 */
async function closeGracefully(
  server: http.Server,
  queue: JobQueue,
  shutdown: AbortController,
  log: (line: string) => void,
  graceMs: number,
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
