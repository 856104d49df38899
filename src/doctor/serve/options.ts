/** The run-task service's settings and their defaults (`efs-modules doctor serve --help` lists them). */
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
