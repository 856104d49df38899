/**
 * One request to the run task service, judged in this order and refused at the first failure:
 * route and method; a signature header present (401, before the body is read); body size (413)
 * and time (408); the HMAC-SHA512 signature of the body (401); the payload (400); room in the
 * queue (503). Only then is it answered 200, and the work done after the answer.
 */
import type * as http from 'http';
import { answer, readBody, refuse } from './answer';
import { describeRun, runJob, type JobSettings } from './job';
import { parsePayload, type RunTaskRequest } from './payload';
import type { JobQueue } from './queue';
import type { ServiceOptions } from './options';
import { SIGNATURE_HEADER, verifySignature } from './signature';

/** What the handler shares with the service around it. */
export interface HandlerContext {
  readonly options: ServiceOptions;
  readonly log: (line: string) => void;
  readonly queue: JobQueue;
  readonly settings: JobSettings;
  /** Whether the service is shutting down. */
  readonly closing: () => boolean;
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

/** Route, method, shutdown, signature header and declared size: the signature, or undefined once refused. */
function admit(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  from: string,
  context: HandlerContext,
): string | undefined {
  const { options, log } = context;
  const path = (request.url ?? '').split('?')[0];
  if (path !== options.path) {
    refuse(response, 404, 'not found');
    return undefined;
  }
  if (request.method !== 'POST') {
    refuse(response, 405, 'only POST', { allow: 'POST' });
    return undefined;
  }
  if (context.closing()) {
    refuse(response, 503, 'shutting down', { 'retry-after': '10' });
    return undefined;
  }
  const signature = request.headers[SIGNATURE_HEADER];
  if (typeof signature !== 'string' || signature === '') {
    log(`refused an unsigned request from ${from}`);
    refuse(response, 401, `missing ${SIGNATURE_HEADER}: configure the run task with an HMAC key`);
    return undefined;
  }
  const declared = Number(request.headers['content-length']);
  if (Number.isFinite(declared) && declared > options.maxBodyBytes) {
    refuse(response, 413, `the body is larger than ${options.maxBodyBytes} bytes`);
    return undefined;
  }
  return signature;
}

/** The body's signature, payload and URLs checked: the run task, or undefined once answered. */
function runTaskOf(
  body: Buffer,
  signature: string,
  from: string,
  response: http.ServerResponse,
  context: HandlerContext,
): RunTaskRequest | undefined {
  const { options, log } = context;
  if (!verifySignature(body, signature, options.hmacKey)) {
    log(`refused a request with a wrong signature from ${from}`);
    refuse(response, 401, `${SIGNATURE_HEADER} does not match the body: check the HMAC key`);
    return undefined;
  }
  const parsed = parsePayload(body);
  if (parsed.kind === 'invalid') {
    log(`refused a signed request that is not a run task payload: ${parsed.problem}`);
    answer(response, 400, parsed.problem);
    return undefined;
  }
  if (parsed.kind === 'verification') {
    log("answered HCP Terraform's verification request");
    answer(response, 200, '');
    return undefined;
  }
  const task = parsed.request;
  const insecure = insecureUrl(task, options.allowHttp);
  if (insecure !== undefined) {
    log(`refused ${describeRun(task)}: ${insecure}`);
    answer(response, 400, insecure);
    return undefined;
  }
  return task;
}

/** Queues the run task and answers 200, or 503 when the queue is full. */
function enqueue(task: RunTaskRequest, response: http.ServerResponse, context: HandlerContext): void {
  const { queue, log } = context;
  if (!queue.hasRoom()) {
    log(`busy: refused ${describeRun(task)} with 503 (HCP Terraform sends it again)`);
    return answer(response, 503, 'busy', { 'retry-after': '5' });
  }
  answer(response, 200, '');
  queue.offer(() => runJob(task, context.settings));
  log(`accepted ${describeRun(task)} (${task.stage}, ${task.enforcementLevel ?? 'enforcement level not given'})`);
}

/** Handles one request: the health check, or a run task. */
export async function handleRequest(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  context: HandlerContext,
): Promise<void> {
  const from = request.socket.remoteAddress ?? 'unknown';
  if (request.method === 'GET' && (request.url ?? '').split('?')[0] === '/healthz') {
    const closing = context.closing();
    answer(response, closing ? 503 : 200, closing ? 'shutting down' : 'ok');
    return;
  }
  const signature = admit(request, response, from, context);
  if (signature === undefined) return;
  const body = await readBody(request, response, context.options);
  if (body === undefined) return;
  const task = runTaskOf(body, signature, from, response, context);
  if (task === undefined) return;
  enqueue(task, response, context);
}
