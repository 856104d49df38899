import { main, type Io } from '../../src/cli';
import type { Finding } from '../../src/doctor/finding';
import { formatHuman } from '../../src/doctor/report/human';
import { toJsonReport } from '../../src/doctor/report/json';
import { toRunTaskResult } from '../../src/doctor/report/run-task';
import { planJsonPath } from './fixtures';
import * as fs from 'fs';

const error: Finding = {
  check: 'lambda-vpc',
  severity: 'error',
  address: 'aws_lambda_function.a',
  message: 'no VPC. Fix: add one.',
};
const warning: Finding = {
  check: 'lambda-mount-order',
  severity: 'warning',
  address: 'aws_lambda_function.b',
  message: 'cannot decide. Fix: check.',
};

function runMain(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: (text) => void (stdout += text),
    stderr: (text) => void (stderr += text),
    read: (file) => {
      if (file in files) return files[file];
      throw new Error(`ENOENT: ${file}`);
    },
  };
  const code = main(argv, io);
  return { code, stdout, stderr };
}

describe('reports', () => {
  it('human: one line per finding with severity, address, check and message, then a summary', () => {
    expect(formatHuman([error, warning], false)).toBe(
      [
        'ERROR   aws_lambda_function.a [lambda-vpc] no VPC. Fix: add one.',
        'WARNING aws_lambda_function.b [lambda-mount-order] cannot decide. Fix: check.',
        'efs-modules doctor: FAILED: 1 error, 1 warning.',
        '',
      ].join('\n'),
    );
    expect(formatHuman([warning], false)).toMatch(
      /OK: 0 errors, 1 warning \(warnings do not fail the run without --strict\)\.\n$/,
    );
    expect(formatHuman([], false)).toBe('efs-modules doctor: OK: 0 errors, 0 warnings.\n');
  });

  it('json: exactly { ok, findings: [{ check, severity, address, message }] }, ok matching the exit code', () => {
    expect(toJsonReport([error, warning], false)).toEqual({ ok: false, findings: [error, warning] });
    expect(toJsonReport([warning], false).ok).toBe(true);
    expect(toJsonReport([warning], true).ok).toBe(false);
  });

  it('run-task: a task-results callback body, failed exactly when the run fails', () => {
    const result = toRunTaskResult([error, warning], false);
    expect(result.data.type).toBe('task-results');
    expect(result.data.attributes.status).toBe('failed');
    expect(result.data.attributes.message).toBe(
      'efs-modules doctor: 1 error(s), 1 warning(s). error aws_lambda_function.a: no VPC. warning aws_lambda_function.b: cannot decide.',
    );
    expect(toRunTaskResult([warning], false).data.attributes.status).toBe('passed');
  });
});

describe('main (in process)', () => {
  const plan = fs.readFileSync(planJsonPath('lambda-mount-order'), 'utf8');

  it('exits 1 on errors and prints the chosen format', () => {
    const human = runMain(['doctor', 'plan.json'], { 'plan.json': plan });
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/^ERROR {3}aws_lambda_function\.unordered \[lambda-mount-order\]/);
    const runTask = runMain(['doctor', '--format', 'run-task', 'plan.json'], { 'plan.json': plan });
    expect(JSON.parse(runTask.stdout).data.attributes.status).toBe('failed');
  });

  it('exits 0 on help and 2 on usage or input errors, on stderr', () => {
    expect(runMain(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Exit codes: 0') });
    expect(runMain([])).toMatchObject({ code: 2, stderr: expect.stringContaining('give a command: doctor') });
    expect(runMain(['doctor'])).toMatchObject({ code: 2, stderr: expect.stringContaining('give the plan JSON file') });
    expect(runMain(['doctor', 'a.json', 'b.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('one plan JSON file'),
    });
    expect(runMain(['doctor', '--format', 'xml', 'a.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--format must be one of'),
    });
    expect(runMain(['doctor', '--json', '--format', 'human', 'a.json'])).toMatchObject({ code: 2 });
    expect(runMain(['doctor', '--sarif-file', 'main.tf', 'a.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('--sarif-file goes with --format sarif'),
    });
    expect(runMain(['doctor', '--verbose', 'a.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining("Unknown option '--verbose'"),
    });
    expect(runMain(['lint', 'a.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command "lint"'),
    });
    expect(runMain(['doctor', 'missing.json'])).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read missing.json'),
    });
    expect(runMain(['doctor', 'state.json'], { 'state.json': '{"format_version":"1.0","values":{}}' })).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('JSON of a state'),
    });
  });
});
