/** A declared value: one definition, read as its local where the build declares it, inlined where locals cannot be read. */
import { declared, evaluate, inputReader, not, or, toHcl } from '../../src/core/expr';

const input = inputReader<'attach_role_policy' | 'role_name'>();

const attaches = declared('attaches_role_policy', input('attach_role_policy'));
const needsRole = or(not(attaches), input('role_name'));

test('a precondition reads the local the build declares', () => {
  expect(toHcl(needsRole, { resolve: (n) => `var.${n}`, spelling: 'hcl', local: (n) => `local.${n}` })).toBe(
    '!local.attaches_role_policy || var.role_name',
  );
});

test('a validation block, which cannot read locals, gets the definition inline', () => {
  expect(toHcl(needsRole, { resolve: (n) => `var.${n}`, spelling: 'hcl' })).toBe('!var.attach_role_policy || var.role_name');
});

test('synth time evaluates the definition', () => {
  expect(evaluate(attaches, { attach_role_policy: false }, 'ts')).toBe(false);
  expect(evaluate(needsRole, { attach_role_policy: false, role_name: null }, 'ts')).toBe(true);
});
