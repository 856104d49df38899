/**
 * Input names are typed: a module declares its inputs once (`defineInputs`, src/core/spec.ts) and
 * the union of their names types its build (`BuildContext<N>`), its rules (`Rule<N>`,
 * `inputReader<N>()`) and its bad-input cases (`BadInput<N>`, `ModuleCases<N>`). Proved with the
 * real compiler on fixtures written the way module code is: each is compiled once with a declared
 * name and once with a misspelling of it (the `INPUT_NAME` placeholder), which must fail with
 * errors naming the misspelling, on the lines that use it, and nothing else.
 */
import * as fs from 'fs';
import * as path from 'path';
import { compileFixture } from '../support/tsc';

const PLACEHOLDER = 'INPUT_NAME';

/** The 1-based lines of a fixture that use the placeholder: where each error must be reported. */
function placeholderLines(fixture: string): number[] {
  const source = fs.readFileSync(path.join(__dirname, 'fixtures', `${fixture}.ts.fixture`), 'utf8');
  return source.split('\n').flatMap((line, i) => (line.includes(PLACEHOLDER) && !line.startsWith('//') ? [i + 1] : []));
}

/** Compiles the fixture with the declared name (must compile) and the misspelt one (must fail, naming it). */
async function expectOnlyDeclaredNamesCompile(fixture: string, declared: string, misspelt: string): Promise<void> {
  const good = await compileFixture(fixture, { [PLACEHOLDER]: declared });
  expect(good.output).toBe('');
  expect(good.exitCode).toBe(0);

  const bad = await compileFixture(fixture, { [PLACEHOLDER]: misspelt });
  expect(bad.exitCode).not.toBe(0);
  const errors = bad.output.trim().split('\n');
  // One error per use of the name, each on its line and naming the misspelling.
  expect(errors.map((e) => Number(/^app\.ts\((\d+),\d+\): error TS\d+:/.exec(e)?.[1]))).toEqual(placeholderLines(fixture));
  for (const error of errors) expect(error).toMatch(new RegExp(`'"?${misspelt}"?'`));
}

test('a build that reads an undeclared input with ctx.in fails to compile, naming it', async () => {
  await expectOnlyDeclaredNamesCompile('build-reads-input', 'throughput_mode', 'throughput_mod');
});

test('a build that spells an undeclared input with ctx.spell fails to compile, naming it', async () => {
  await expectOnlyDeclaredNamesCompile('build-spells-input', 'throughput_mode', 'throughput_mod');
});

test('a rule that reads an undeclared input fails to compile, naming it', async () => {
  await expectOnlyDeclaredNamesCompile('rule-reads-input', 'throughput_mode', 'throughput_mod');
});

test('a rule that lists an undeclared input among the inputs it reads fails to compile, naming it', async () => {
  await expectOnlyDeclaredNamesCompile('rule-lists-input', 'throughput_mode', 'throughput_mod');
});

test('a bad-input case that gives an undeclared input fails to compile, naming it', async () => {
  await expectOnlyDeclaredNamesCompile('case-sets-input', 'throughput_mode', 'throughput_mod');
});

test("a mount module's role input, named in its MountNames, is one of its input names", async () => {
  await expectOnlyDeclaredNamesCompile('mount-case-sets-role', 'role_name', 'role_nam');
});

test('a new module declares its inputs once: its build, rule and case each fail on a misspelt name', async () => {
  await expectOnlyDeclaredNamesCompile('own-module', 'creation_token', 'creation_tokn');
});

test("a definition paired with another module's cases fails to compile, naming an input the other module lacks", async () => {
  const own = await compileFixture('paired-cases', { CASES: 'efsMountLambdaCases' });
  expect(own.output).toBe('');
  const other = await compileFixture('paired-cases', { CASES: 'efsMountEcsCases' });
  expect(other.exitCode).not.toBe(0);
  // efs-mount-ecs names its role input task_role_name; efs-mount-lambda has no such input.
  expect(other.output).toMatch(/^app\.ts\(8,\d+\): error TS\d+: .*"task_role_name"/m);
});
