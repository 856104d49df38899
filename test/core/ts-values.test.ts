/**
 * How TypeScript messages show values (`show` in src/core/expr.ts): as props are written, with
 * the fields of object types in camelCase, map keys as the user chose them and `undefined` for
 * null, at synth time (`tsValue`) and, for values given as tokens, at plan time, where Terraform
 * prints the value with the HCL expression `show` renders for TypeScript. HCL messages keep
 * `jsonencode`.
 */
import { evaluate, inputReader, show, template, toHcl, tsValue } from '../../src/core/expr';
import { hclLiteral } from '../../src/core/hcl-values';
import { TfType, optional, t } from '../../src/core/types';
import { hclType } from '../../generators/hcl/types';
import { readBack } from '../support/terraform';

const POSIX_USER = t.object({ uid: t.number(), gid: t.number(), secondary_gids: optional(t.list(t.number()), []) });
const CREATION_INFO = t.object({ owner_uid: t.number(), owner_gid: t.number(), permissions: t.string() });
const ACCESS_POINTS = t.map(
  t.object({ path: t.string(), posix_user: optional(POSIX_USER), creation_info: optional(CREATION_INFO) }),
);
const GROUPS = t.map(t.string());

describe('at synth time', () => {
  test('the fields of an object type are camelCased, in the order jsonencode gives them', () => {
    expect(tsValue({ uid: -1, gid: 1, secondary_gids: [] }, POSIX_USER)).toBe('{ gid: 1, secondaryGids: [], uid: -1 }');
  });

  test('map keys stay as the user wrote them, quoted only where TypeScript needs it', () => {
    expect(tsValue({ posix_example: 'sg-1', 'my-app': 'sg-2' }, GROUPS)).toBe(
      '{ "my-app": "sg-2", posix_example: "sg-1" }',
    );
  });

  test('an absent value reads undefined, and a field left null is left out, as users leave it out', () => {
    expect(tsValue(null, POSIX_USER)).toBe('undefined');
    expect(tsValue({ data: { path: '/data', posix_user: null, creation_info: null } }, ACCESS_POINTS)).toBe(
      '{ data: { path: "/data" } }',
    );
  });

  test("entries of a map of objects camelCase their fields under the user's keys", () => {
    const value = {
      posix_example: { path: '/x', posix_user: { uid: 1, gid: 2, secondary_gids: [3] }, creation_info: null },
    };
    expect(tsValue(value, ACCESS_POINTS)).toBe(
      '{ posix_example: { path: "/x", posixUser: { gid: 2, secondaryGids: [3], uid: 1 } } }',
    );
  });

  test('without a declared type, keys are shown as they are', () => {
    expect(tsValue({ secondary_gids: [1, 2] })).toBe('{ secondary_gids: [1, 2] }');
  });
});

describe('in messages', () => {
  type Input = 'posix_user' | 'access_points';
  const v = inputReader<Input>();
  const types = { posix_user: POSIX_USER, access_points: ACCESS_POINTS };
  const message = template`got ${show(v('posix_user'))} and ${show(v('access_points'))}`;
  const inputs = {
    posix_user: { uid: -1, gid: 1, secondary_gids: [] },
    access_points: { my_app: { path: '/a', posix_user: null, creation_info: null } },
  };

  test("a TypeScript message shows values as props, by the inputs' declared types", () => {
    expect(evaluate(message, inputs, 'ts', {}, types)).toBe(
      'got { gid: 1, secondaryGids: [], uid: -1 } and { my_app: { path: "/a" } }',
    );
  });

  test('an HCL message shows them as jsonencode does', () => {
    expect(evaluate(message, inputs, 'hcl', {}, types)).toBe(
      'got {"gid":1,"secondary_gids":[],"uid":-1} and {"my_app":{"creation_info":null,"path":"/a","posix_user":null}}',
    );
  });
});

describe('at plan time', () => {
  /** Values of each type, each read back through the HCL that `show` renders for TypeScript. */
  const CASES: readonly { name: string; type: TfType; value: unknown }[] = [
    { name: 'posix_user', type: POSIX_USER, value: { uid: -1, gid: 1, secondary_gids: [] } },
    { name: 'no_user', type: POSIX_USER, value: null },
    {
      name: 'access_points',
      type: ACCESS_POINTS,
      value: {
        posix_example: { path: '/x', posix_user: { uid: 1, gid: 2, secondary_gids: [3, 4] }, creation_info: null },
      },
    },
    { name: 'groups', type: GROUPS, value: { 'my-app': 'sg-2', posix_example: 'sg-1' } },
    { name: 'no_groups', type: GROUPS, value: {} },
    { name: 'empty_entry', type: t.map(t.object({ a: optional(t.string()) })), value: { x: { a: null } } },
    { name: 'subnets', type: t.list(t.string()), value: ['subnet-1', 'subnet-1'] },
    { name: 'mode', type: t.string(), value: 'provisioned' },
    { name: 'mibps', type: t.number(), value: null },
  ];

  test('Terraform prints each value as the synth-time message does', async () => {
    const types = Object.fromEntries(CASES.map((c) => [c.name, c.type]));
    const hcl = CASES.map(({ name, type, value }) => {
      const shown = toHcl(show(inputReader<string>()(name)), { resolve: (n) => `var.${n}`, spelling: 'ts', types });
      return `variable "${name}" {\n  type    = ${hclType(type)}\n  default = ${hclLiteral(value, true)}\n}\noutput "${name}" {\n  value = ${shown}\n}\n`;
    });
    const out = await readBack(hcl.join('\n'), 'ts-values-');
    const planTime = Object.fromEntries(CASES.map((c) => [c.name, out[c.name]]));
    const synthTime = Object.fromEntries(CASES.map((c) => [c.name, tsValue(c.value, c.type)]));
    expect(planTime).toEqual(synthTime);
  });

  test('HCL messages keep jsonencode', () => {
    const rendered = toHcl(show(inputReader<string>()('posix_user')), {
      resolve: (n) => `var.${n}`,
      spelling: 'hcl',
      types: { posix_user: POSIX_USER },
    });
    expect(rendered).toBe('jsonencode(var.posix_user)');
  });
});
