/**
 * A fake HCP Terraform for the run task tests, on 127.0.0.1: an API that answers
 * `GET /api/v2/plans/:id/json-output` with a 307 to a second server (its "archivist", another
 * origin, as in HCP Terraform) holding the plan JSON, and takes `PATCH
 * /api/v2/task-results/:id/callback`. It records every request, so a test can say what the
 * service fetched and sent, and can make a plan or a callback slow.
 */
import { EventEmitter } from 'events';
import * as http from 'http';
import type { AddressInfo } from 'net';

export interface Recorded {
  /** The plan or task result ID from the path. */
  id: string;
  method: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const PLAN_PATH = /^\/api\/v2\/plans\/([^/]+)\/json-output$/;
const CALLBACK_PATH = /^\/api\/v2\/task-results\/([^/]+)\/callback$/;
const OBJECT_PATH = /^\/v1\/object\/([^/?]+)/;
/** Tokens the fake API accepts; anything else gets 401, as an expired run token would. */
export const TOKEN_PREFIX = 'run-token-';

function readAll(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

function listen(server: http.Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)),
  );
}

export class FakeHcp {
  /** Plan JSON text by plan ID; an ID not here gets 404; the ID "pending" gets 204. */
  readonly plans = new Map<string, string>();
  /** Milliseconds the archivist waits before serving a plan. */
  readonly planDelayMs = new Map<string, number>();
  /** Milliseconds the API waits before answering a callback (the arrival is recorded at once). */
  readonly callbackDelayMs = new Map<string, number>();
  readonly planRequests: Recorded[] = [];
  readonly downloads: Recorded[] = [];
  readonly callbacks: Recorded[] = [];
  apiUrl = '';
  private readonly events = new EventEmitter();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly api = http.createServer((request, response) => void this.serveApi(request, response));
  private readonly archivist = http.createServer((request, response) => void this.serveArchivist(request, response));
  private archivistUrl = '';

  async start(): Promise<void> {
    this.apiUrl = await listen(this.api);
    this.archivistUrl = await listen(this.archivist);
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearTimeout);
    for (const server of [this.api, this.archivist]) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  }

  /** A run task request body as HCP Terraform sends it at the post-plan stage. */
  payload(planId: string, taskResultId: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      payload_version: 1,
      stage: 'post_plan',
      access_token: `${TOKEN_PREFIX}${taskResultId}`,
      capabilities: { outcomes: true },
      is_speculative: false,
      organization_name: 'example-org',
      plan_json_api_url: `${this.apiUrl}/api/v2/plans/${planId}/json-output`,
      run_app_url: `${this.apiUrl}/app/example-org/workspaces/efs/runs/run-${taskResultId}`,
      run_created_at: '2026-12-07T12:00:00.000Z',
      run_created_by: 'someone',
      run_id: `run-${taskResultId}`,
      run_message: 'Triggered via UI',
      task_result_callback_url: `${this.apiUrl}/api/v2/task-results/${taskResultId}/callback`,
      task_result_enforcement_level: 'mandatory',
      task_result_id: taskResultId,
      vcs_branch: null,
      vcs_commit_url: null,
      vcs_pull_request_url: null,
      vcs_repo_url: null,
      workspace_app_url: `${this.apiUrl}/app/example-org/workspaces/efs`,
      workspace_id: 'ws-efs',
      workspace_name: 'efs',
      workspace_working_directory: '',
      ...extra,
    };
  }

  callbacksFor(taskResultId: string): Recorded[] {
    return this.callbacks.filter((c) => c.id === taskResultId);
  }

  /** Resolves when `count` callbacks have arrived for each of the task results; rejects after `timeoutMs`. */
  waitForCallbacks(taskResultIds: readonly string[], timeoutMs: number, count = 1): Promise<void> {
    const done = (): boolean => taskResultIds.every((id) => this.callbacksFor(id).length >= count);
    if (done()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.events.off('callback', check);
        const missing = taskResultIds.filter((id) => this.callbacksFor(id).length < count);
        reject(
          new Error(
            `no callback within ${timeoutMs} ms for ${missing.length} task result(s): ${missing.slice(0, 5).join(', ')}`,
          ),
        );
      }, timeoutMs);
      const check = (): void => {
        if (!done()) return;
        clearTimeout(timer);
        this.events.off('callback', check);
        resolve();
      };
      this.events.on('callback', check);
    });
  }

  private later(ms: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      then();
    }, ms);
    this.timers.add(timer);
  }

  private async serveApi(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readAll(request);
    const path = request.url ?? '';
    const authorized = (request.headers.authorization ?? '').startsWith(`Bearer ${TOKEN_PREFIX}`);
    const plan = PLAN_PATH.exec(path);
    if (request.method === 'GET' && plan) {
      const id = plan[1];
      this.planRequests.push({ id, method: 'GET', headers: request.headers, body });
      if (!authorized) return void response.writeHead(401).end();
      if (id === 'pending') return void response.writeHead(204).end();
      if (!this.plans.has(id))
        return void response.writeHead(404).end('{"errors":[{"status":"404","title":"not found"}]}');
      // A signed, short-lived URL on another origin, as HCP Terraform's archivist gives.
      return void response.writeHead(307, { location: `${this.archivistUrl}/v1/object/${id}?signature=s1gn3d` }).end();
    }
    const callback = CALLBACK_PATH.exec(path);
    if (request.method === 'PATCH' && callback) {
      const id = callback[1];
      this.callbacks.push({ id, method: 'PATCH', headers: request.headers, body });
      this.events.emit('callback');
      const reply = (): void => void (authorized ? response.writeHead(200).end() : response.writeHead(401).end());
      const delay = this.callbackDelayMs.get(id);
      if (delay === undefined) reply();
      else this.later(delay, reply);
      return;
    }
    response.writeHead(404).end();
  }

  private async serveArchivist(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const body = await readAll(request);
    const match = OBJECT_PATH.exec(request.url ?? '');
    const id = match?.[1] ?? '';
    this.downloads.push({ id, method: request.method ?? '', headers: request.headers, body });
    const plan = this.plans.get(id);
    if (plan === undefined || !(request.url ?? '').includes('signature=s1gn3d'))
      return void response.writeHead(403).end();
    const serve = (): void => void response.writeHead(200, { 'content-type': 'application/json' }).end(plan);
    const delay = this.planDelayMs.get(id);
    if (delay === undefined) serve();
    else this.later(delay, serve);
  }
}
