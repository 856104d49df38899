/**
 * Each generated HCL module, copied alone into an empty folder, is fmt-clean, initialises,
 * validates, and passes its own `terraform test` files (mock provider, no credentials).
 * The modules are checked concurrently: each terraform process keeps one core busy.
 */
import { MODULES } from '../../generators/registry';
import { RunResult, fmtCheck, init, stage, terraform, validate } from '../support/terraform';

const ROOT = `${__dirname}/../..`;

interface Checked {
  fmt: RunResult;
  validate: RunResult;
  test: RunResult;
}
const results = new Map<string, Checked>();

beforeAll(async () => {
  await Promise.all(
    MODULES.map(async ({ spec: { name } }) => {
      // Staged alone: a module that reached outside its folder would fail to init here.
      const dir = `${stage(ROOT, [`modules/${name}`])}/modules/${name}`;
      await init(dir);
      const [fmt, valid] = await Promise.all([fmtCheck(dir), validate(dir)]);
      results.set(name, { fmt, validate: valid, test: await terraform(dir, ['test', '-no-color']) });
    }),
  );
  // efs-filesystem's validation file has one run per rule (80 rules in all): measured 1 min 53 s
  // for that file alone on a machine at load 35, beyond the default 3 minutes with the others.
}, 420_000);

describe.each(MODULES.map((d) => [d.spec.name] as const))('modules/%s', (name) => {
  test('is formatted as terraform fmt writes it', () => {
    expect(results.get(name)!.fmt.exitCode).toBe(0);
  });

  test('validates on its own', () => {
    expect(results.get(name)!.validate.stdout).toContain('The configuration is valid');
  });

  test('passes its terraform test files', () => {
    const summary = results.get(name)!.test.stdout.match(/Success! (\d+) passed, 0 failed/);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
  });
});
