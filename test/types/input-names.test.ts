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
import { Compilation, compileSources, fixtureSource } from '../support/tsc';

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
let compiled: Record<string, Compilation>;

beforeAll(async () => {
  compiled = await compileSources({
    ...Object.fromEntries(
      NAME_CASES.flatMap(({ fixture, declared, misspelt }) => [
        [`${fixture}-declared`, fixtureSource(fixture, { [PLACEHOLDER]: declared })],
        [`${fixture}-misspelt`, fixtureSource(fixture, { [PLACEHOLDER]: misspelt })],
      ]),
    ),
    'paired-own': fixtureSource('paired-cases', { CASES: 'efsMountLambdaCases' }),
    'spec-property-declared': fixtureSource('spec-property', { [PLACEHOLDER]: 'onChange' }),
    'spec-property-misspelt': fixtureSource('spec-property', { [PLACEHOLDER]: 'onChnage' }),
    'paired-other': fixtureSource('paired-cases', { CASES: 'efsMountEcsCases' }),
  });
});

/** The fixture compiles with the declared name and fails with the misspelt one, naming it. */
function expectOnlyDeclaredNamesCompile({ fixture, misspelt }: NameCase): void {
  const good = compiled[`${fixture}-declared`];
  expect(good.output).toBe('');
  expect(good.hasErrors).toBe(false);

  const bad = compiled[`${fixture}-misspelt`];
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
  const own = compiled['paired-own'];
  expect(own.output).toBe('');
  const other = compiled['paired-other'];
  expect(other.hasErrors).toBe(true);
  // efs-mount-ecs names its role input task_role_name; efs-mount-lambda has no such input.
  expect(other.output).toMatch(/^app\.ts\(8,\d+\): error TS\d+: .*"task_role_name"/m);
});

test('an input declaration with a property InputSpec does not declare fails to compile, naming it', () => {
  expect(compiled['spec-property-declared'].output).toBe('');
  const bad = compiled['spec-property-misspelt'];
  expect(bad.hasErrors).toBe(true);
  // One error, on the declaration's line, whose detail names the property.
  const [error, ...detail] = bad.output.trim().split('\n');
  expect(error).toMatch(/^app\.ts\(6,\d+\): error TS\d+: .*'an InputSpec has no property': "onChnage"/);
  expect(detail.every((line) => line.startsWith('  '))).toBe(true);
});
