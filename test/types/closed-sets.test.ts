/**
 * The closed sets of the specs (throughput modes, lifecycle ages, …) are TypeScript unions, so a
 * misspelled literal fails to compile. Proved with the real compiler: the fixtures import
 * `efs-modules` (mapped to src/ as a user's tsconfig paths would) and are type-checked in one
 * batch (compileSources, test/support/tsc.ts), each result holding that fixture's diagnostics.
 */
import { efsFilesystemSpec } from '../../src/modules/efs-filesystem/spec';
import { closedSets } from '../../src/core/types';
import { Compilation, compileSources, fixtureSource } from '../support/tsc';

let compiled: Record<'refused' | 'misspelled', Compilation>;

beforeAll(async () => {
  compiled = await compileSources({
    refused: fixtureSource('refused-literals'),
    misspelled: fixtureSource('misspelled-throughput-mode'),
  });
});

test('every value of each closed set compiles, and each misspelled literal is a type error', () => {
  const { hasErrors, output } = compiled.refused;
  // An `@ts-expect-error` that meets no error is itself an error (TS2578), so no error proves both.
  expect(output).toBe('');
  expect(hasErrors).toBe(false);
});

test('a misspelled throughput mode fails to compile, and the diagnostic names the union and the likely value', () => {
  const { hasErrors, output } = compiled.misspelled;
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
