/**
 * Each generated HCL module, copied alone into an empty folder, is fmt-clean, initialises,
 * validates, and passes its own `terraform test` files (mock provider, no credentials).
 */
import { MODULES } from '../../generators/registry';
import { fmtCheck, init, stage, terraform, validate } from '../support/terraform';

const ROOT = `${__dirname}/../..`;

describe.each(MODULES.map((d) => [d.spec.name] as const))('modules/%s', (name) => {
  let dir = '';

  beforeAll(async () => {
    // Staged alone: a module that reached outside its folder would fail to init here.
    dir = `${stage(ROOT, [`modules/${name}`])}/modules/${name}`;
    await init(dir);
  });

  test('is formatted as terraform fmt writes it', async () => {
    await expect(fmtCheck(dir)).resolves.toMatchObject({ exitCode: 0 });
  });

  test('validates on its own', async () => {
    const result = await validate(dir);
    expect(result.stdout).toContain('The configuration is valid');
  });

  test('passes its terraform test files', async () => {
    const result = await terraform(dir, ['test', '-no-color']);
    const summary = result.stdout.match(/Success! (\d+) passed, 0 failed/);
    expect(summary).not.toBeNull();
    expect(Number(summary![1])).toBeGreaterThan(0);
  });
});
