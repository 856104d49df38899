/**
 * The closed sets of the specs (throughput modes, lifecycle ages, …) are TypeScript unions, so a
 * misspelled literal fails to compile. Proved with the real compiler: each fixture is copied into
 * a project of its own that imports `efs-modules` (mapped to src/ as a user's tsconfig paths
 * would) and is compiled by `tsc --noEmit`.
 */
import { efsFilesystemSpec } from '../../src/modules/efs-filesystem/spec';
import { closedSets } from '../../src/core/types';
import { compileFixture as compile } from '../support/tsc';

test('every value of each closed set compiles, and each misspelled literal is a type error', async () => {
  const { exitCode, output } = await compile('refused-literals');
  // An `@ts-expect-error` that meets no error is itself an error (TS2578), so exit 0 proves both.
  expect(output).toBe('');
  expect(exitCode).toBe(0);
});

test('a misspelled throughput mode fails to compile, and the diagnostic names the union and the likely value', async () => {
  const { exitCode, output } = await compile('misspelled-throughput-mode');
  expect(exitCode).not.toBe(0);
  expect(output).toMatch(
    /^app\.ts\(9,\d+\): error TS\d+: Type '"provisoned"' is not assignable to type 'ThroughputMode \| undefined'\. Did you mean '"provisioned"'\?$/m,
  );
  expect(output.trim().split('\n')).toHaveLength(1);
});

test('the union types are the closed sets the rules check, one declaration each', () => {
  const sets = new Map();
  efsFilesystemSpec.inputs.forEach((i) => closedSets(i.type, sets));
  expect([...sets.keys()].sort()).toEqual(['PerformanceMode', 'PolicyEffect', 'PrimaryStorageTransition', 'ReplicationOverwriteProtection', 'ThroughputMode', 'TransitionAge']);
  // Each set typed on an input is also checked by a rule whose HCL condition lists exactly its values.
  for (const set of sets.values()) {
    const listed = JSON.stringify(set.values);
    const checked = efsFilesystemSpec.rules.some((r) => JSON.stringify(r.condition).includes(`"value":${listed}`));
    expect({ set: set.tsName, checked }).toEqual({ set: set.tsName, checked: true });
  }
});
