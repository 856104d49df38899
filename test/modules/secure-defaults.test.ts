/**
 * The README's "Secure by default" promises, each pinned to the module specs and to the
 * variables.tf HCL users get. Plans that show these defaults in effect: the basic example
 * (test/efs-filesystem/examples.test.ts) and tests/behaviour.tftest.hcl.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MODULES } from '../../generators/registry';
import { inputNamed } from '../../src/core/spec';

const spec = (name: string) => MODULES.find((m) => m.spec.name === name)!.spec;
const variablesTf = (name: string) =>
  readFileSync(join(__dirname, '..', '..', 'modules', name, 'variables.tf'), 'utf8');

/** The literal default of a variable in a generated variables.tf. */
function hclDefault(module: string, variable: string): string {
  const block = variablesTf(module)
    .split(/^variable /m)
    .find((b) => b.startsWith(`"${variable}"`));
  return block?.match(/^ {2}default\s+= (.+)$/m)?.[1] ?? 'none';
}

test.each([
  ['efs-filesystem', 'encrypted', true, 'true'],
  ['efs-filesystem', 'enforce_tls', true, 'true'],
  ['efs-filesystem', 'backup_enabled', true, 'true'],
  ['efs-filesystem', 'allowed_cidrs', {}, '{}'],
  ['efs-filesystem', 'allow_file_system_replacement', false, 'false'],
  ['efs-mount-lambda', 'read_only', false, 'false'],
  ['efs-mount-ecs', 'iam_authorization', true, 'true'],
])('%s: %s defaults to %j', (module, input, value, hcl) => {
  expect(inputNamed(spec(module), input).default).toEqual(value);
  expect(hclDefault(module, input)).toBe(hcl);
});

test.each(['efs-mount-lambda', 'efs-mount-ecs'])('%s mounts as a non-root POSIX user by default', (module) => {
  const posixUser = inputNamed(spec(module), 'posix_user').default as { uid: number; gid: number };
  expect(posixUser.uid).toBeGreaterThan(0);
  expect(posixUser.gid).toBeGreaterThan(0);
});

test('an open CIDR block is refused, not just discouraged', () => {
  expect(spec('efs-filesystem').rules.map((r) => r.id)).toContain('allowed-cidr-not-open');
});
