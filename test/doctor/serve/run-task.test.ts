/**
 * `efs-modules doctor serve` end to end over loopback, against a fake HCP Terraform
 * (fake-hcp.ts): signed and forged requests, whole runs from request to callback on committed
 * fixture plans, plans that cannot be judged, slow peers, bad bodies, and 50 runs at once.
 */
import * as fs from 'fs';
import * as http from 'http';
import * as net from 'net';
import { diagnose } from '../../../src/doctor/diagnose';
import { parsePlan } from '../../../src/doctor/plan/parse';
import { toRunTaskResult } from '../../../src/doctor/report/run-task';
import { createRunTaskService, type RunTaskService, type ServiceOptions } from '../../../src/doctor/serve/service';
import { signBody, verifySignature } from '../../../src/doctor/serve/signature';
import type { TaskResult } from '../../../src/doctor/serve/task-result';
import { planJsonPath } from '../fixtures';
import { post, postSigned } from './client';
import { FakeHcp, TOKEN_PREFIX } from './fake-hcp';

const KEY = 'run-task-hmac-key-for-tests';
const fixture = (name: string): string => fs.readFileSync(planJsonPath(name), 'utf8');

/**
 * A committed plan changed into what `terraform show -json` writes for a plan that errored
 * (a provider that could not authenticate): `errored`, not applyable, not complete, no changes.
 */
function erroredPlan(): string {
  const plan = JSON.parse(fixture('clean'));
  delete plan.resource_changes;
  return JSON.stringify({ ...plan, errored: true, applyable: false, complete: false });
}

const TEST_LIMITS: Partial<ServiceOptions> = {
  host: '127.0.0.1',
  port: 0,
  maxBodyBytes: 16 * 1024,
  requestTimeoutMs: 1_000,
  fetchTimeoutMs: 3_000,
  // Generous, so that a loaded machine never makes a run retry; the slow-callback test sets its own.
  callbackTimeoutMs: 5_000,
  attempts: 2,
  retryDelayMs: 50,
  concurrency: 4,
  queueSize: 100,
};

const hcp = new FakeHcp();
let service: RunTaskService;
let url: string;

beforeAll(async () => {
  await hcp.start();
  hcp.plans.set('nfs-path', fixture('nfs-path'));
  hcp.plans.set('clean', fixture('clean'));
  hcp.plans.set('errored', erroredPlan());
  hcp.plans.set('not-a-plan', '{"format_version":"1.0","values":{}}');
  service = createRunTaskService({ ...TEST_LIMITS, hmacKey: KEY, log: () => undefined });
  const { port } = await service.listen();
  url = `http://127.0.0.1:${port}/`;
});

afterAll(async () => {
  await service?.close(1_000);
  await hcp.stop();
});

function resultOf(taskResultId: string): TaskResult {
  const [callback] = hcp.callbacksFor(taskResultId);
  if (!callback) throw new Error(`no callback for ${taskResultId}`);
  return JSON.parse(callback.body) as TaskResult;
}

/**
 * Runs one clean plan through the service: by its callback, work started for any earlier request
 * would have reached the fake.
 */
async function sentinel(id: string): Promise<void> {
  expect((await postSigned(url, hcp.payload('clean', id), KEY)).status).toBe(200);
  await hcp.waitForCallbacks([id], 5_000);
}

describe('signatures', () => {
  it('are hex HMAC-SHA512 of the body, as `openssl dgst -sha512 -hmac` computes them', () => {
    // Computed with: printf %s '{"payload_version":1}' | openssl dgst -sha512 -hmac secret
    const openssl =
      'b5ecc85145b43a89a2343fe07c50826f277cd357be0bbafd0370449744fe7a4db7af664dbc072c539c27508a5d064a89a5932d436eec3458521ce55b0c9d6694';
    expect(signBody('{"payload_version":1}', 'secret')).toBe(openssl);
    expect(verifySignature(Buffer.from('{"payload_version":1}'), openssl.toUpperCase(), 'secret')).toBe(true);
    expect(verifySignature(Buffer.from('{"payload_version":2}'), openssl, 'secret')).toBe(false);
    expect(verifySignature(Buffer.from('{"payload_version":1}'), openssl.slice(2), 'secret')).toBe(false);
  });
});

describe('a whole run', () => {
  it('answers 200 at once, fetches the plan with the run token, and sends the verdict with one outcome per finding', async () => {
    const answer = await postSigned(url, hcp.payload('nfs-path', 'whole-run'), KEY);
    expect(answer.status).toBe(200);
    // The 200 comes before the work: the callback cannot be in yet.
    expect(hcp.callbacksFor('whole-run')).toHaveLength(0);
    await hcp.waitForCallbacks(['whole-run'], 5_000);

    const [planRequest] = hcp.planRequests.filter((r) => r.id === 'nfs-path');
    expect(planRequest?.headers.authorization).toBe(`Bearer ${TOKEN_PREFIX}whole-run`);
    // The redirect goes to another origin: the token stays behind.
    const [download] = hcp.downloads.filter((r) => r.id === 'nfs-path');
    expect(download?.headers.authorization).toBeUndefined();

    const [callback] = hcp.callbacksFor('whole-run');
    expect(callback?.headers['content-type']).toBe('application/vnd.api+json');
    expect(callback?.headers.authorization).toBe(`Bearer ${TOKEN_PREFIX}whole-run`);
    const result = resultOf('whole-run');
    const findings = diagnose(parsePlan(fixture('nfs-path')));
    // Both severities, so both tags are seen; status and message are the run-task formatter's.
    expect(new Set(findings.map((f) => f.severity))).toEqual(new Set(['error', 'warning']));
    expect(result.data.type).toBe('task-results');
    expect(result.data.attributes).toEqual(toRunTaskResult(findings, false).data.attributes);
    expect(result.data.attributes.status).toBe('failed');
    const outcomes = result.data.relationships?.outcomes.data ?? [];
    expect(outcomes.map((o) => o.attributes['outcome-id'])).toEqual(findings.map((f) => `${f.check}:${f.address}`));
    outcomes.forEach((outcome, index) => {
      const finding = findings[index];
      expect(outcome.type).toBe('task-result-outcomes');
      expect(outcome.attributes.description.startsWith(`${finding.address}: `)).toBe(true);
      expect(outcome.attributes.description).not.toContain('\n');
      expect(outcome.attributes.tags.Severity).toEqual([
        finding.severity === 'error' ? { label: 'Error', level: 'error' } : { label: 'Warning', level: 'warning' },
      ]);
      expect(outcome.attributes.tags.Check).toEqual([{ label: finding.check }]);
      expect(outcome.attributes.body).toContain(finding.message.split(' Fix: ')[0]);
      expect(outcome.attributes.body).toContain(`**Fix:** ${finding.message.split(' Fix: ')[1]}`);
    });
  });

  it('passes a clean plan, and sends no outcomes to a caller that did not announce capabilities.outcomes', async () => {
    const payload = hcp.payload('clean', 'clean-run');
    delete payload.capabilities;
    expect((await postSigned(url, payload, KEY)).status).toBe(200);
    await hcp.waitForCallbacks(['clean-run'], 5_000);
    const result = resultOf('clean-run');
    expect(result.data.attributes).toEqual(toRunTaskResult([], false).data.attributes);
    expect(result.data.attributes.status).toBe('passed');
    expect(result.data.relationships).toBeUndefined();
  });
});

describe('requests that are not from HCP Terraform', () => {
  it('a forged signature gets 401, and nothing is fetched or sent', async () => {
    const payload = hcp.payload('nfs-path', 'forged');
    const body = JSON.stringify(payload);
    const wrongKey = await post(url, body, { 'x-tfc-task-signature': signBody(body, 'not-the-key') });
    const otherBody = await post(url, body, {
      'x-tfc-task-signature': signBody(JSON.stringify({ ...payload, run_id: 'x' }), KEY),
    });
    const notHex = await post(url, body, { 'x-tfc-task-signature': 'z'.repeat(128) });
    expect([wrongKey.status, otherBody.status, notHex.status]).toEqual([401, 401, 401]);
    expect(service.load()).toEqual({ running: 0, waiting: 0 });
    await sentinel('after-forged');
    expect(hcp.planRequests.filter((r) => r.headers.authorization === `Bearer ${TOKEN_PREFIX}forged`)).toHaveLength(0);
    expect(hcp.callbacksFor('forged')).toHaveLength(0);
  });

  it('an unsigned request gets 401', async () => {
    const body = JSON.stringify(hcp.payload('nfs-path', 'unsigned'));
    const none = await post(url, body);
    const empty = await post(url, body, { 'x-tfc-task-signature': '' });
    expect([none.status, empty.status]).toEqual([401, 401]);
    expect(none.text).toMatch(/missing x-tfc-task-signature/);
    expect(service.load()).toEqual({ running: 0, waiting: 0 });
  });
});

it('answers HCP Terraform\'s verification request (access_token "test-token") with 200 and does nothing else', async () => {
  const before = hcp.planRequests.length + hcp.callbacks.length;
  const answer = await postSigned(url, { ...hcp.payload('clean', 'verification'), access_token: 'test-token' }, KEY);
  expect(answer.status).toBe(200);
  expect(service.load()).toEqual({ running: 0, waiting: 0 });
  expect(hcp.planRequests.length + hcp.callbacks.length).toBe(before);
});

describe('plans the doctor cannot judge get a failed result that says nothing was checked', () => {
  it('an errored plan', async () => {
    expect((await postSigned(url, hcp.payload('errored', 'errored-run'), KEY)).status).toBe(200);
    await hcp.waitForCallbacks(['errored-run'], 5_000);
    const result = resultOf('errored-run');
    expect(result.data.attributes.status).toBe('failed');
    // Refused here or by parsePlan (whichever the doctor does first), the run is told why.
    expect(result.data.attributes.message).toMatch(/^efs-modules doctor: nothing was checked: .*errored/);
    expect(result.data.relationships).toBeUndefined();
  });

  it('a plan JSON the API does not have (404), or not yet (204)', async () => {
    expect((await postSigned(url, hcp.payload('missing', 'missing-run'), KEY)).status).toBe(200);
    expect((await postSigned(url, hcp.payload('pending', 'pending-run'), KEY)).status).toBe(200);
    await hcp.waitForCallbacks(['missing-run', 'pending-run'], 5_000);
    expect(resultOf('missing-run').data.attributes).toMatchObject({ status: 'failed' });
    expect(resultOf('missing-run').data.attributes.message).toMatch(
      /nothing was checked: the plan JSON could not be fetched: .*answered 404/,
    );
    expect(resultOf('pending-run').data.attributes.message).toMatch(/answered 204: the plan has not finished/);
  });

  it('a document that is not a plan', async () => {
    expect((await postSigned(url, hcp.payload('not-a-plan', 'state-run'), KEY)).status).toBe(200);
    await hcp.waitForCallbacks(['state-run'], 5_000);
    expect(resultOf('state-run').data.attributes.message).toMatch(
      /nothing was checked: the plan JSON could not be read: this is the JSON of a state/,
    );
  });

  it('a run task attached at the pre-plan stage, which has no plan', async () => {
    const payload = hcp.payload('clean', 'pre-plan-run', { stage: 'pre_plan' });
    delete payload.plan_json_api_url;
    expect((await postSigned(url, payload, KEY)).status).toBe(200);
    await hcp.waitForCallbacks(['pre-plan-run'], 5_000);
    expect(resultOf('pre-plan-run').data.attributes.message).toMatch(
      /pre_plan stage, which has no plan JSON; attach it .* post-plan stage/,
    );
  });
});

it('tries a callback that does not answer in time a bounded number of times, then gives up', async () => {
  const quickLogs: string[] = [];
  const quick = createRunTaskService({
    ...TEST_LIMITS,
    callbackTimeoutMs: 300,
    hmacKey: KEY,
    log: (line) => quickLogs.push(line),
  });
  const { port } = await quick.listen();
  hcp.callbackDelayMs.set('slow-callback', 5_000);
  try {
    const started = Date.now();
    expect((await postSigned(`http://127.0.0.1:${port}/`, hcp.payload('clean', 'slow-callback'), KEY)).status).toBe(
      200,
    );
    await hcp.waitForCallbacks(['slow-callback'], 5_000, TEST_LIMITS.attempts);
    // Each attempt is cut at 300 ms; after the last the job ends and the queue is empty.
    const deadline = Date.now() + 3_000;
    while (quick.load().running > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(quick.load()).toEqual({ running: 0, waiting: 0 });
    // Two attempts of 300 ms and a pause of 50 ms; one callback answer alone would take 5 s.
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(hcp.callbacksFor('slow-callback')).toHaveLength(TEST_LIMITS.attempts as number);
    expect(quickLogs.join('\n')).toMatch(
      /run-slow-callback: could not send the passed result: PATCH .* took longer than 300 ms/,
    );
  } finally {
    await quick.close(1_000);
  }
});

describe('bad requests', () => {
  it('a signed body that is not a run task payload gets 400, and the service keeps serving', async () => {
    const answers = await Promise.all(
      ['{"payload_version": 1, "stage": ', '[]', '{"payload_version":1,"stage":"post_plan"}'].map((body) =>
        postSigned(url, body, KEY),
      ),
    );
    expect(answers.map((a) => a.status)).toEqual([400, 400, 400]);
    expect(answers[0]?.text).toMatch(/^the body is not JSON/);
    expect(answers[2]?.text).toBe('access_token is missing\n');
    const wrongVersion = await postSigned(url, { ...hcp.payload('clean', 'v2'), payload_version: 2 }, KEY);
    expect(wrongVersion.text).toBe('payload_version 2 is not supported (this service reads 1)\n');
    await sentinel('after-malformed');
  });

  it('a body over the size limit gets 413, whether its length is declared or not', async () => {
    const big = Buffer.alloc(20 * 1024, 'x');
    const declared = await post(url, big, { 'x-tfc-task-signature': signBody(big, KEY) });
    const chunked = await post(url, big, {
      'x-tfc-task-signature': signBody(big, KEY),
      'transfer-encoding': 'chunked',
    });
    expect([declared.status, chunked.status]).toEqual([413, 413]);
  });

  it('a request slower than the request timeout gets 408', async () => {
    const quick = createRunTaskService({ ...TEST_LIMITS, requestTimeoutMs: 300, hmacKey: KEY, log: () => undefined });
    const { port } = await quick.listen();
    try {
      const started = Date.now();
      const answer = await new Promise<number>((resolve, reject) => {
        const headers = { 'x-tfc-task-signature': 'a'.repeat(128), 'content-length': '100' };
        const request = http.request(
          `http://127.0.0.1:${port}/`,
          { method: 'POST', agent: false, headers },
          (response) => {
            response.resume();
            resolve(response.statusCode ?? 0);
          },
        );
        request.on('error', reject);
        request.write('{"payload_version":'); // and never the rest
      });
      expect(answer).toBe(408);
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await quick.close(1_000);
    }
  });

  it('a callback or plan URL over plain http to another host gets 400 (the token would travel in clear)', async () => {
    const answer = await postSigned(
      url,
      hcp.payload('clean', 'plain-http', {
        task_result_callback_url: 'http://tfe.example.com/api/v2/task-results/x/callback',
      }),
      KEY,
    );
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/^task_result_callback_url is plain http to tfe.example.com/);
  });
});

it('answers 50 requests at once, and every run gets its own callback', async () => {
  const ids = Array.from({ length: 50 }, (_, index) => `burst-${index}`);
  const answers = await Promise.all(
    ids.map((id, index) => postSigned(url, hcp.payload(index % 2 ? 'nfs-path' : 'clean', id), KEY)),
  );
  expect(answers.every((a) => a.status === 200)).toBe(true);
  await hcp.waitForCallbacks(ids, 20_000);
  ids.forEach((id, index) => {
    const callbacks = hcp.callbacksFor(id);
    expect(callbacks).toHaveLength(1);
    expect(callbacks[0]?.headers.authorization).toBe(`Bearer ${TOKEN_PREFIX}${id}`);
    expect(resultOf(id).data.attributes.status).toBe(index % 2 ? 'failed' : 'passed');
  });
});

it('closes connections beyond --max-connections as they arrive', async () => {
  const small = createRunTaskService({ ...TEST_LIMITS, maxConnections: 1, hmacKey: KEY, log: () => undefined });
  const { port } = await small.listen();
  const held = net.connect(port, '127.0.0.1');
  try {
    await new Promise((resolve) => held.once('connect', resolve));
    held.write('POST / HTTP/1.1\r\nhost: x\r\n'); // an unfinished request keeps its connection open
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(post(`http://127.0.0.1:${port}/`, '{}')).rejects.toThrow(/ECONNRESET|socket hang up/);
  } finally {
    held.destroy();
    await small.close(1_000);
  }
});

it('answers 503 when the queue is full, so HCP Terraform sends the request again later', async () => {
  const small = createRunTaskService({
    ...TEST_LIMITS,
    concurrency: 1,
    queueSize: 0,
    hmacKey: KEY,
    log: () => undefined,
  });
  const { port } = await small.listen();
  hcp.plans.set('slow-plan', fixture('clean'));
  hcp.planDelayMs.set('slow-plan', 300);
  try {
    const first = await postSigned(`http://127.0.0.1:${port}/`, hcp.payload('slow-plan', 'queue-first'), KEY);
    const second = await postSigned(`http://127.0.0.1:${port}/`, hcp.payload('slow-plan', 'queue-second'), KEY);
    expect([first.status, second.status]).toEqual([200, 503]);
    expect(second.headers['retry-after']).toBe('5');
    await hcp.waitForCallbacks(['queue-first'], 5_000);
  } finally {
    await small.close(1_000);
  }
});
