/**
 * A ValidationError is read once: its message list, once, without Node's dump of the throw site,
 * stack frames or the error's properties. Proved by running a user's app (test/errors/apps/) in a
 * real Node process, as `node` and as `cdktf synth` run it (through scripts/run-ts.js, as
 * cdktf.json does). The packed package is checked the same way in test/package/pack.test.ts.
 */
import * as fs from 'fs';
import * as path from 'path';
import execa from 'execa';
import { makeTempDir } from '../support/terraform';

const ROOT = path.resolve(__dirname, '../..');
const APP = path.join(__dirname, 'apps/bad-throughput-mode.ts');
const MESSAGE =
  'EfsFilesystem "app/efs" has invalid props:\n' +
  '  - throughputMode must be "elastic", "provisioned" or "bursting" (got "provisoned").';

function runApp(env: Record<string, string> = {}) {
  return execa(process.execPath, [path.join(ROOT, 'scripts/run-ts.js'), APP], {
    cwd: ROOT,
    env: { ...env, OUTDIR: makeTempDir('efs-modules-app-') },
    reject: false,
  });
}

test("uncaught in a plain node app, stderr is the message list and Node's version line, nothing else", async () => {
  const result = await runApp();
  expect(result.exitCode).toBe(1);
  // Node wraps an error without stack frames in brackets and names its own version after it.
  expect(result.stderr).toBe(`[ValidationError: ${MESSAGE}]\n\nNode.js ${process.version}`);
});

test('caught and logged with console.error, it prints as its message list alone', async () => {
  const result = await runApp({ CATCH: '1' });
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toBe(`ValidationError: ${MESSAGE}`);
});

test("under cdktf synth, the app's error shows as the message list, without a throw site, frames or properties", async () => {
  const project = makeTempDir('efs-modules-synth-');
  const app = `node ${path.join(ROOT, 'scripts/run-ts.js')} ${APP}`;
  fs.writeFileSync(
    path.join(project, 'cdktf.json'),
    JSON.stringify({ language: 'typescript', app, sendCrashReports: 'false' }),
  );
  const result = await execa(path.join(ROOT, 'node_modules/.bin/cdktf'), ['synth'], {
    cwd: project,
    env: { CHECKPOINT_DISABLE: '1', DISABLE_VERSION_CHECK: 'true', CI: '1', FORCE_COLOR: '0' },
    reject: false,
  });
  expect(result.exitCode).not.toBe(0);
  // cdktf quotes the app's stderr, indented, under "Command output on stderr".
  const quoted = result.stderr.slice(result.stderr.indexOf('Command output on stderr:'));
  const lines = quoted.split('\n').map((l) => l.trim());
  expect(lines).toContain('[ValidationError: EfsFilesystem "app/efs" has invalid props:');
  expect(lines.filter((l) => l.startsWith('- throughputMode must be'))).toHaveLength(1);
  expect(quoted).not.toMatch(/^\s+at /m);
  expect(quoted).not.toMatch(/problems|construct:|module\.(ts|js)|\^/);
});
