/**
 * `efs-modules doctor serve` as users start it: the launcher as a child process, its key from
 * the environment, stopped by SIGTERM once its accepted run tasks are done; and its options.
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { diagnose } from '../../../src/doctor/diagnose';
import { parsePlan } from '../../../src/doctor/plan/parse';
import { serveMain } from '../../../src/doctor/serve/main';
import { parseServeArgs } from '../../../src/doctor/serve/serve-args';
import type { TaskResult } from '../../../src/doctor/serve/task-result';
import { planJsonPath, REPO_ROOT } from '../fixtures';
import { post, postSigned } from './client';
import { FakeHcp } from './fake-hcp';

const KEY = 'cli-hmac-key';

describe('the process', () => {
  const hcp = new FakeHcp();
  beforeAll(() => hcp.start());
  afterAll(() => hcp.stop());

  it('takes its key from the environment, and on SIGTERM finishes the accepted run task, then exits 0', async () => {
    const plan = fs.readFileSync(planJsonPath('lambda-vpc'), 'utf8');
    const findings = diagnose(parsePlan(plan)).length;
    hcp.plans.set('slow', plan);
    hcp.planDelayMs.set('slow', 500);
    const child = spawn(
      process.execPath,
      [path.join(REPO_ROOT, 'bin', 'efs-modules.js'), 'doctor', 'serve', '--port', '0', '--shutdown-grace', '5'],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, EFS_DOCTOR_HMAC_KEY: KEY },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    const killer = setTimeout(() => child.kill('SIGKILL'), 15_000); // the test stops by itself, whatever happens
    try {
      let stderr = '';
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      const port = await new Promise<string>((resolve, reject) => {
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString('utf8');
          const match = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(stderr);
          if (match) resolve(match[1]);
        });
        child.on('exit', () => reject(new Error(`the service exited before listening:\n${stderr}`)));
      });
      const url = `http://127.0.0.1:${port}/`;
      expect((await postSigned(url, hcp.payload('slow', 'cli-run'), KEY)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The run accepted before the signal was finished and reported before the exit.
      const [callback] = hcp.callbacksFor('cli-run');
      expect((JSON.parse(callback?.body ?? '{}') as TaskResult).data.attributes.status).toBe('failed');
      expect(stderr).toMatch(
        new RegExp(
          `SIGTERM: finishing accepted run tasks[^]*run-cli-run: sent failed with ${findings} outcome\\(s\\)[^]*stopped\n$`,
        ),
      );
      await expect(post(url, '{}')).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      clearTimeout(killer);
      child.kill('SIGKILL');
    }
  });

  it('refuses to start without the key, naming the variable', async () => {
    let stderr = '';
    const code = await serveMain(
      ['--hmac-key-env', 'MY_RUN_TASK_KEY'],
      { stdout: () => undefined, stderr: (text) => (stderr += text) },
      {},
    );
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^efs-modules doctor serve: set the run task's HMAC key in the environment variable MY_RUN_TASK_KEY/,
    );
  });
});

describe('options', () => {
  const env = { EFS_DOCTOR_HMAC_KEY: KEY };

  it('has defaults for a process behind TLS termination on the same host', () => {
    const command = parseServeArgs([], env);
    expect(command).toMatchObject({ kind: 'serve', keyVariable: 'EFS_DOCTOR_HMAC_KEY', graceMs: 30_000 });
    expect(command.kind === 'serve' && command.options).toMatchObject({
      hmacKey: KEY,
      host: '127.0.0.1',
      port: 8080,
      path: '/',
      maxBodyBytes: 65536,
      strict: false,
    });
  });

  it('reads sizes, seconds and counts', () => {
    const command = parseServeArgs(
      [
        '--host',
        '0.0.0.0',
        '--port',
        '9000',
        '--max-body',
        '32k',
        '--max-plan',
        '10m',
        '--callback-timeout',
        '2.5',
        '--attempts',
        '5',
        '--queue',
        '0',
        '--strict',
      ],
      env,
    );
    expect(command.kind === 'serve' && command.options).toMatchObject({
      host: '0.0.0.0',
      port: 9000,
      maxBodyBytes: 32 * 1024,
      maxPlanBytes: 10 * 1024 * 1024,
      callbackTimeoutMs: 2_500,
      attempts: 5,
      queueSize: 0,
      strict: true,
    });
  });

  it('does not take the key as an argument', () => {
    expect(parseServeArgs(['--hmac-key', 'secret'], env)).toMatchObject({
      kind: 'usage-error',
      message: expect.stringMatching(/Unknown option '--hmac-key'/),
    });
  });

  it('refuses values it cannot use, naming the option', () => {
    expect(parseServeArgs(['--port', '70000'], env)).toEqual({
      kind: 'usage-error',
      message: '--port must be at most 65535 (got 70000)',
    });
    expect(parseServeArgs(['--attempts', '0'], env)).toEqual({
      kind: 'usage-error',
      message: '--attempts must be a whole number of at least 1 (got "0")',
    });
    expect(parseServeArgs(['--max-body', '1g'], env)).toMatchObject({
      kind: 'usage-error',
      message: expect.stringMatching(/^--max-body must be a size in bytes/),
    });
    expect(parseServeArgs(['--path', 'run-task'], env)).toEqual({
      kind: 'usage-error',
      message: '--path must start with / (got "run-task")',
    });
  });
});
