/**
 * Props that take a user's provider resources (a role for the grants, a function, a task
 * definition) accept those of either @cdktf/provider-aws major the package supports: 20 (the
 * repository's `@cdktf/provider-aws`) and 21 (`cdktf-provider-aws-21`, an npm alias of 21.22.1 in
 * package.json). The bindings' classes are nominal, so typing the props with one binding's class
 * would refuse the other's instances: the control compilation shows it. (@cdktn/provider-aws's
 * resources are compiled against the package's cdktn entry by test/package/pack.test.ts.)
 */
import { Compilation, compileSources, fixtureSource } from '../support/tsc';

let compiled: Record<'v20' | 'v21' | 'nominal', Compilation>;

beforeAll(async () => {
  compiled = await compileSources({
    v20: fixtureSource('provider-bindings', { BINDING: '@cdktf/provider-aws' }),
    v21: fixtureSource('provider-bindings', { BINDING: 'cdktf-provider-aws-21' }),
    nominal: [
      "import type { LambdaFunction as V20 } from '@cdktf/provider-aws/lib/lambda-function';",
      "import type { LambdaFunction as V21 } from 'cdktf-provider-aws-21/lib/lambda-function';",
      'export function take(fn: V21): V20 {',
      '  return fn;',
      '}',
    ].join('\n'),
  });
});

test('the resources of @cdktf/provider-aws 20 compile as the props, and a security group is no grantee', () => {
  // The fixture's `@ts-expect-error` fails the compilation (TS2578) if the security group compiles.
  expect(compiled.v20.output).toBe('');
});

test('the resources of @cdktf/provider-aws 21 compile as the same props', () => {
  expect(compiled.v21.output).toBe('');
});

test('control: a class of one binding does not accept the instance of the other, so class-typed props would refuse them', () => {
  expect(compiled.nominal.output).toMatch(
    /^app\.ts\(4,3\): error TS2322: Type 'import\(.*cdktf-provider-aws-21\/lib\/lambda-function\/index"\)\.LambdaFunction' is not assignable to type/m,
  );
});
