/**
 * What the compiler accepts and refuses of the package's types, proved with the real compiler.
 * The three groups below were three files; their sources now compile in one batch
 * (compileSources, test/support/tsc.ts): src/ and cdktf's typings are loaded once, not three
 * times (a batch costs about 3 s of CPU, most of it that loading). Each source's result holds
 * its own diagnostics only (test/support/tsc.test.ts).
 */
import { efsFilesystemSpec } from '../../src/modules/efs-filesystem/spec';
import { closedSets } from '../../src/core/types';
import { Compilation, compileSources, fixtureSource } from '../support/tsc';

/**
 * Input names are typed: a module declares its inputs once (`defineInputs`, src/core/spec.ts) and
 * the union of their names types its build (`BuildContext<N, V>`, whose `V` also types the fields
 * of what each input holds), its rules (`Rule<N>`,
 * `inputReader<N>()`) and its bad-input cases (`BadInput<N>`, `ModuleCases<N>`). Proved with the
 * real compiler on fixtures written the way module code is: each is compiled once with a declared
 * name and once with a misspelling of it (the `INPUT_NAME` placeholder), which must fail with
 * errors naming the misspelling, on the lines that use it, and nothing else. All variants are
 * compiled in one batch (compileSources, test/support/tsc.ts), each read back on its own.
 */
const PLACEHOLDER = 'INPUT_NAME';

/** The 1-based lines of a fixture that use the placeholder: where each error must be reported. */
function placeholderLines(fixture: string): number[] {
  return fixtureSource(fixture)
    .split('\n')
    .flatMap((line, i) => (line.includes(PLACEHOLDER) && !line.startsWith('//') ? [i + 1] : []));
}

/** A fixture that must compile with the declared name in place of the placeholder and fail with the misspelt one. */
interface NameCase {
  readonly behaviour: string;
  readonly fixture: string;
  readonly declared: string;
  readonly misspelt: string;
}

const NAME_CASES: readonly NameCase[] = [
  {
    behaviour: 'a build that reads an undeclared input with ctx.input fails to compile, naming it',
    fixture: 'build-reads-input',
    declared: 'throughput_mode',
    misspelt: 'throughput_mod',
  },
  {
    behaviour:
      "a build that reads a field an entry's type does not declare (through each.value) fails to compile, naming it",
    fixture: 'build-reads-nested-field',
    declared: 'secondary_gids',
    misspelt: 'secondary_gid',
  },
  {
    behaviour:
      "a mount's build that reads a field the file system reference does not declare fails to compile, naming it",
    fixture: 'mount-reads-field',
    declared: 'mount_target_ids',
    misspelt: 'mount_target_id',
  },
  {
    behaviour: 'a build that spells an undeclared input with ctx.spell fails to compile, naming it',
    fixture: 'build-spells-input',
    declared: 'throughput_mode',
    misspelt: 'throughput_mod',
  },
  {
    behaviour: 'a rule that reads an undeclared input fails to compile, naming it',
    fixture: 'rule-reads-input',
    declared: 'throughput_mode',
    misspelt: 'throughput_mod',
  },
  {
    behaviour: 'a rule that lists an undeclared input among the inputs it reads fails to compile, naming it',
    fixture: 'rule-lists-input',
    declared: 'throughput_mode',
    misspelt: 'throughput_mod',
  },
  {
    behaviour: 'a bad-input case that gives an undeclared input fails to compile, naming it',
    fixture: 'case-sets-input',
    declared: 'throughput_mode',
    misspelt: 'throughput_mod',
  },
  {
    behaviour: "a mount module's role input, named in its MountNames, is one of its input names",
    fixture: 'mount-case-sets-role',
    declared: 'role_name',
    misspelt: 'role_nam',
  },
  {
    behaviour: 'a new module declares its inputs once: its build, rule and case each fail on a misspelt name',
    fixture: 'own-module',
    declared: 'creation_token',
    misspelt: 'creation_tokn',
  },
];

// Every variant compiles in one compiler run: src/ is loaded and checked once, not once per variant.
let inputNames: Record<string, Compilation>;

const INPUT_NAME_SOURCES = {
  ...Object.fromEntries(
    NAME_CASES.flatMap(({ fixture, declared, misspelt }) => [
      [`${fixture}-declared`, fixtureSource(fixture, { [PLACEHOLDER]: declared })],
      [`${fixture}-misspelt`, fixtureSource(fixture, { [PLACEHOLDER]: misspelt })],
    ]),
  ),
  'paired-own': fixtureSource('paired-cases', { CASES: 'efsMountLambdaCases' }),
  'paired-other': fixtureSource('paired-cases', { CASES: 'efsMountEcsCases' }),
  'spec-property-declared': fixtureSource('spec-property', { [PLACEHOLDER]: 'onChange' }),
  'spec-property-misspelt': fixtureSource('spec-property', { [PLACEHOLDER]: 'onChnage' }),
};

/** The fixture compiles with the declared name and fails with the misspelt one, naming it. */
function expectOnlyDeclaredNamesCompile({ fixture, misspelt }: NameCase): void {
  const good = inputNames[`${fixture}-declared`];
  expect(good.output).toBe('');
  expect(good.hasErrors).toBe(false);

  const bad = inputNames[`${fixture}-misspelt`];
  expect(bad.hasErrors).toBe(true);
  const errors = bad.output.trim().split('\n');
  // One error per use of the name, each on its line and naming the misspelling.
  expect(errors.map((e) => Number(/^app\.ts\((\d+),\d+\): error TS\d+:/.exec(e)?.[1]))).toEqual(
    placeholderLines(fixture),
  );
  for (const error of errors) expect(error).toMatch(new RegExp(`'"?${misspelt}"?'`));
}

for (const nameCase of NAME_CASES) {
  test(nameCase.behaviour, () => expectOnlyDeclaredNamesCompile(nameCase));
}

test("a definition paired with another module's cases fails to compile, naming an input the other module lacks", () => {
  const own = inputNames['paired-own'];
  expect(own.output).toBe('');
  const other = inputNames['paired-other'];
  expect(other.hasErrors).toBe(true);
  // efs-mount-ecs names its role input task_role_name; efs-mount-lambda has no such input.
  expect(other.output).toMatch(/^app\.ts\(8,\d+\): error TS\d+: .*"task_role_name"/m);
});

test('an input declaration with a property InputSpec does not declare fails to compile, naming it', () => {
  expect(inputNames['spec-property-declared'].output).toBe('');
  const bad = inputNames['spec-property-misspelt'];
  expect(bad.hasErrors).toBe(true);
  // One error, on the declaration's line, whose detail names the property.
  const [error, ...detail] = bad.output.trim().split('\n');
  expect(error).toMatch(/^app\.ts\(6,\d+\): error TS\d+: .*'an InputSpec has no property': "onChnage"/);
  expect(detail.every((line) => line.startsWith('  '))).toBe(true);
});

/**
 * The closed sets of the specs (throughput modes, lifecycle ages, …) are TypeScript unions, so a
 * misspelled literal fails to compile. Proved with the real compiler: the fixtures import
 * `efs-modules` (mapped to src/ as a user's tsconfig paths would) and are type-checked in one
 * batch (compileSources, test/support/tsc.ts), each result holding that fixture's diagnostics.
 */
let closedSetsCompiled: Record<'refused' | 'misspelled', Compilation>;

const CLOSED_SET_SOURCES = {
  refused: fixtureSource('refused-literals'),
  misspelled: fixtureSource('misspelled-throughput-mode'),
};

test('every value of each closed set compiles, and each misspelled literal is a type error', () => {
  const { hasErrors, output } = closedSetsCompiled.refused;
  // An `@ts-expect-error` that meets no error is itself an error (TS2578), so no error proves both.
  expect(output).toBe('');
  expect(hasErrors).toBe(false);
});

test('a misspelled throughput mode fails to compile, and the diagnostic names the union and the likely value', () => {
  const { hasErrors, output } = closedSetsCompiled.misspelled;
  expect(hasErrors).toBe(true);
  expect(output).toMatch(
    /^app\.ts\(9,\d+\): error TS\d+: Type '"provisoned"' is not assignable to type 'ThroughputMode \| undefined'\. Did you mean '"provisioned"'\?$/m,
  );
  expect(output.trim().split('\n')).toHaveLength(1);
});

test('the union types are the closed sets the rules check, one declaration each', () => {
  const sets = new Map();
  efsFilesystemSpec.inputs.forEach((i) => closedSets(i.type, sets));
  expect([...sets.keys()].sort()).toEqual([
    'PerformanceMode',
    'PolicyEffect',
    'PrimaryStorageTransition',
    'ReplicationOverwriteProtection',
    'ThroughputMode',
    'TransitionAge',
  ]);
  // Each set typed on an input is also checked by a rule whose HCL condition lists exactly its values.
  for (const set of sets.values()) {
    const listed = JSON.stringify(set.values);
    const checked = efsFilesystemSpec.rules.some((r) => JSON.stringify(r.condition).includes(`"value":${listed}`));
    expect({ set: set.tsName, checked }).toEqual({ set: set.tsName, checked: true });
  }
});

/**
 * Props that take a user's provider resources (a role for the grants, a function, a task
 * definition) accept those of either @cdktf/provider-aws major the package supports: 20 (the
 * repository's `@cdktf/provider-aws`) and 21 (`cdktf-provider-aws-21`, an npm alias of 21.22.1 in
 * package.json). The bindings' classes are nominal, so typing the props with one binding's class
 * would refuse the other's instances: the control compilation shows it. (@cdktn/provider-aws's
 * resources are compiled against the package's cdktn entry by test/package/pack.test.ts.)
 */
let bindings: Record<'v20' | 'v21' | 'nominal', Compilation>;

const BINDING_SOURCES = {
  v20: fixtureSource('provider-bindings', { BINDING: '@cdktf/provider-aws' }),
  v21: fixtureSource('provider-bindings', { BINDING: 'cdktf-provider-aws-21' }),
  nominal: [
    "import type { LambdaFunction as V20 } from '@cdktf/provider-aws/lib/lambda-function';",
    "import type { LambdaFunction as V21 } from 'cdktf-provider-aws-21/lib/lambda-function';",
    'export function take(fn: V21): V20 {',
    '  return fn;',
    '}',
  ].join('\n'),
};

test('the resources of @cdktf/provider-aws 20 compile as the props, and a security group is no grantee', () => {
  // The fixture's `@ts-expect-error` fails the compilation (TS2578) if the security group compiles.
  expect(bindings.v20.output).toBe('');
});

test('the resources of @cdktf/provider-aws 21 compile as the same props', () => {
  expect(bindings.v21.output).toBe('');
});

test('control: a class of one binding does not accept the instance of the other, so class-typed props would refuse them', () => {
  expect(bindings.nominal.output).toMatch(
    /^app\.ts\(4,3\): error TS2322: Type 'import\(.*cdktf-provider-aws-21\/lib\/lambda-function\/index"\)\.LambdaFunction' is not assignable to type/m,
  );
});

beforeAll(async () => {
  const all = await compileSources({ ...INPUT_NAME_SOURCES, ...CLOSED_SET_SOURCES, ...BINDING_SOURCES });
  inputNames = all;
  closedSetsCompiled = all;
  bindings = all;
});
