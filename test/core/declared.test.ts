/**
 * A declared value: one definition, read as its local where the build declares it, inlined where
 * locals cannot be read.
 */
import { and, declared, evaluate, inputReader, not, notNull, or, toHcl } from '../../src/core/expr';

const input = inputReader<'attach_role_policy' | 'role_name'>();

const attaches = declared('attaches_role_policy', input('attach_role_policy'));
const needsRole = or(not(attaches), input('role_name'));
// A derived value, more than one input read: it gets a local.
const attachesNamed = declared('attaches_named_role', and(input('attach_role_policy'), notNull(input('role_name'))));

test('a precondition reads the local the build declares', () => {
  expect(toHcl(not(attachesNamed), { resolve: (n) => `var.${n}`, spelling: 'hcl', local: (n) => `local.${n}` })).toBe(
    '!local.attaches_named_role',
  );
});

test('a validation block, which cannot read locals, gets the definition inline', () => {
  expect(toHcl(not(attachesNamed), { resolve: (n) => `var.${n}`, spelling: 'hcl' })).toBe(
    '!(var.attach_role_policy && var.role_name != null)',
  );
});

test('a value that is one input is read as that input, never through an alias local', () => {
  expect(toHcl(needsRole, { resolve: (n) => `var.${n}`, spelling: 'hcl', local: (n) => `local.${n}` })).toBe(
    '!var.attach_role_policy || var.role_name',
  );
});

test('synth time evaluates the definition', () => {
  expect(evaluate(attaches, { attach_role_policy: false }, 'ts')).toBe(false);
  expect(evaluate(needsRole, { attach_role_policy: false, role_name: null }, 'ts')).toBe(true);
});
