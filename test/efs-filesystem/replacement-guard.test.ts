/**
 * The replacement guard across histories of applies, with the real AWS provider: each case is a
 * module instance that goes through its own sequence of applies (simulated: the state each plan
 * would leave, test/support/state.ts), an optional edit of the state (migration, import,
 * `terraform state rm`), then a final plan, sometimes with `-replace=`. Cases whose final plan
 * must be refused share one root (the plan fails and names each refused instance); cases whose
 * final plan must pass share another.
 */
import { cpSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { CREATED_TAG } from '../../src/modules/efs-filesystem/build';
import { attr, blank, renderBlock } from '../../src/core/hcl-writer';
import { ROOT } from '../support/examples';
import { OFFLINE_PLAN_ARGS } from '../support/prepared-root';
import { awsSchema, stateAfterPlan, stateFromPlan, withoutResources } from '../support/state';
import {
  PlanJson,
  ResourceChange,
  init,
  makeTempDir,
  plan,
  providerOverride,
  stage,
  stripAnsi,
  terraform,
} from '../support/terraform';
import { hclKey, hclLiteral } from '../../src/core/hcl-values';

type Inputs = Record<string, unknown>;
type State = any;

interface Case {
  /** Inputs of each apply, in order, on top of BASE; the first apply creates the module. */
  applied: Inputs[];
  /** What happened to the state after the applies (migration, import, state rm). */
  edit?: (state: State, module: string) => State;
  /** Inputs of the final plan; null: the module block is removed. */
  planned: Inputs | null;
  /** Resources of the instance passed as -replace= to the final plan. */
  replace?: string[];
}

const BASE: Inputs = {
  name: 'guarded',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { a: { subnet_id: 'subnet-0123456789abcdef0' } },
  tags: { env: 'test' },
};
const KMS_KEY = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const ALLOW = { allow_file_system_replacement: true };
const MAX_IO = { performance_mode: 'maxIO', throughput_mode: 'bursting' };
const IMMUTABLE: Record<string, Inputs> = {
  encrypted: { encrypted: false },
  kms_key_arn: { kms_key_arn: KMS_KEY },
  performance_mode: MAX_IO,
  availability_zone_name: { availability_zone_name: 'us-east-1a' },
  creation_token: { creation_token: 'second-token' },
};
const ANCHOR = 'terraform_data.module_created';
const FILE_SYSTEM = 'aws_efs_file_system.this';
/**
 * How Terraform replaces the file system: create the new one, then delete the old. The access
 * points are create-before-destroy (so a client is repointed before its old one goes), and
 * Terraform makes what they depend on create-before-destroy too.
 */
const REPLACED = 'create+delete';
const SECURITY_GROUP = 'aws_security_group.this[0]';
/** Groups of the user's instead of the module's own: terraform_data.module_created is then the only witness. */
const OWN_GROUPS: Inputs = { create_security_group: false, mount_target_security_group_ids: ['sg-0bbbbbbbbbbbbbbb2'] };

const inModule = (module: string) => (r: { module?: string }) => r.module === module;
/** The module's resources as a migration with `moved` blocks leaves them: no guard, no birth tags. */
function migrated(state: State, module: string): State {
  const moved = withoutResources(state, (r) => inModule(module)(r) && r.type === 'terraform_data') as State;
  for (const r of moved.resources.filter(inModule(module))) {
    for (const i of r.instances) {
      for (const attribute of ['tags', 'tags_all']) {
        if (i.attributes[attribute]) delete i.attributes[attribute][CREATED_TAG];
      }
    }
  }
  return moved;
}
/** The file system alone, as `terraform import` into a module that was never applied leaves it. */
const importedAlone = (state: State, module: string): State =>
  withoutResources(state, (r) => inModule(module)(r) && r.type !== 'aws_efs_file_system');

const REFUSED: Record<string, Case> = {
  ...Object.fromEntries(
    Object.entries(IMMUTABLE).map(([input, change]) => [
      `flag_back_with_${input}`,
      { applied: [{}, ALLOW], planned: change },
    ]),
  ),
  replaced_then_flag_back_with_encrypted: {
    applied: [{}, { ...ALLOW, ...MAX_IO }],
    planned: { ...MAX_IO, encrypted: false },
  },
  guard_removed_from_state: {
    applied: [{}],
    edit: (s, m) => withoutResources(s, (r) => inModule(m)(r) && r.type === 'terraform_data'),
    planned: MAX_IO,
  },
  migrated_with_performance_mode: { applied: [{}], edit: migrated, planned: MAX_IO },
  replace_guard_with_performance_mode: { applied: [{}], planned: MAX_IO, replace: [ANCHOR] },
  replace_security_group_with_performance_mode: { applied: [{}], planned: MAX_IO, replace: [SECURITY_GROUP] },
  replace_file_system: { applied: [{}], planned: {}, replace: [FILE_SYSTEM] },
  creation_token_changed: { applied: [{ creation_token: 'first-token' }], planned: { creation_token: 'second-token' } },
  // After `terraform state rm` the old file system still exists: a new, empty one is not what the user wants.
  file_system_removed_from_state: {
    applied: [{}],
    edit: (s, m) => withoutResources(s, (r) => inModule(m)(r) && r.type === 'aws_efs_file_system'),
    planned: {},
  },
  // Without a security group of the module's own: the witness terraform_data.module_created alone.
  own_groups_with_performance_mode: { applied: [OWN_GROUPS], planned: { ...OWN_GROUPS, ...MAX_IO } },
  own_groups_flag_back_with_encrypted: {
    applied: [OWN_GROUPS, { ...OWN_GROUPS, ...ALLOW }],
    planned: { ...OWN_GROUPS, encrypted: false },
  },
  own_groups_replace_file_system: { applied: [OWN_GROUPS], planned: OWN_GROUPS, replace: [FILE_SYSTEM] },
  own_groups_file_system_removed_from_state: {
    applied: [OWN_GROUPS],
    edit: (s, m) => withoutResources(s, (r) => inModule(m)(r) && r.type === 'aws_efs_file_system'),
    planned: OWN_GROUPS,
  },
  // The group dropped in the same plan: its birth tag is still in the state, and the guard reads the plan.
  group_dropped_with_performance_mode: { applied: [{}], planned: { ...OWN_GROUPS, ...MAX_IO } },
};

const PASSING: Record<string, Case> = {
  unchanged: { applied: [{}], planned: {} },
  created_now: { applied: [{}], edit: (s, m) => withoutResources(s, inModule(m)), planned: {} },
  kms_key_arn_removed: { applied: [IMMUTABLE.kms_key_arn], planned: {} },
  availability_zone_name_removed: { applied: [IMMUTABLE.availability_zone_name], planned: {} },
  creation_token_removed: { applied: [{ creation_token: 'first-token' }], planned: {} },
  allowed_creation_token: {
    applied: [{ creation_token: 'first-token' }],
    planned: { ...ALLOW, creation_token: 'second-token' },
  },
  allowed_replacement: { applied: [{}], planned: { ...ALLOW, ...MAX_IO } },
  allowed_then_flag_back: { applied: [{}, { ...ALLOW, ...MAX_IO }], planned: MAX_IO },
  migrated_with_throughput_mode: { applied: [{}], edit: migrated, planned: { throughput_mode: 'bursting' } },
  // The limits of what HCL can refuse at plan time; efs-modules doctor flags each of them.
  imported_alone_with_performance_mode: { applied: [{}], edit: importedAlone, planned: MAX_IO },
  replace_both_witnesses_with_performance_mode: { applied: [{}], planned: MAX_IO, replace: [ANCHOR, SECURITY_GROUP] },
  module_removed: { applied: [{}], planned: null },
  own_groups_created_now: {
    applied: [OWN_GROUPS],
    edit: (s, m) => withoutResources(s, inModule(m)),
    planned: OWN_GROUPS,
  },
  own_groups_unchanged: { applied: [OWN_GROUPS], planned: OWN_GROUPS },
  // With only one witness, -replace of it is the limit (as -replace of both is with the module's group).
  own_groups_replace_guard_with_performance_mode: {
    applied: [OWN_GROUPS],
    planned: { ...OWN_GROUPS, ...MAX_IO },
    replace: [ANCHOR],
  },
};

const ALL = { ...REFUSED, ...PASSING };

function rootHcl(cases: Record<string, Case>, inputs: (name: string) => Inputs | null): string {
  return Object.keys(cases)
    .flatMap((name) => {
      const values = inputs(name);
      if (values === null) return [];
      return [
        renderBlock(`module ${JSON.stringify(name)}`, [
          attr('source', '"../modules/efs-filesystem"'),
          blank,
          ...Object.entries({ ...BASE, name, ...values }).map(([k, v]) => attr(hclKey(k), hclLiteral(v))),
        ]),
      ];
    })
    .join('\n\n');
}

/** Resources of the state that belong to none of the `chosen` cases' module instances. */
const notIn =
  (chosen: Record<string, Case>) =>
  (r: { module?: string }): boolean =>
    !((r.module ?? '').replace(/^module\./, '') in chosen);

// Six plans in a row, of up to 33 module instances; on a loaded machine this takes minutes.
jest.setTimeout(900_000);

/**
 * Runs every case's applies in one root (shorter histories repeat their last apply; one more
 * apply of the last inputs records what the previous one computed at apply time, such as the
 * policy of a new file system), edits the state, writes the final configuration.
 */
async function prepare(
  cases: Record<string, Case>,
): Promise<{ dir: string; created: PlanJson; applies: PlanJson[]; state: object }> {
  const top = stage(ROOT, ['modules/efs-filesystem'], { 'root/provider.tf': providerOverride() });
  const dir = join(top, 'root');
  const steps = Math.max(...Object.values(cases).map((c) => c.applied.length)) + 1;
  const inputsAt = (step: number) => (name: string) =>
    cases[name].applied[Math.min(step, cases[name].applied.length - 1)];
  writeFileSync(join(dir, 'main.tf'), rootHcl(cases, inputsAt(0)));
  await init(dir);
  const schema = await awsSchema(dir);
  const created = await plan(dir);
  let state = stateFromPlan(created, schema);
  const applies: PlanJson[] = [];
  for (let step = 1; step < steps; step++) {
    // A case whose history is shorter than this step was settled by the step before: a plan of it
    // now would change nothing, so this step's root holds (and its state shows) the others alone.
    const active = Object.fromEntries(Object.entries(cases).filter(([, c]) => c.applied.length >= step));
    writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(withoutResources(state, notIn(active))));
    writeFileSync(join(dir, 'main.tf'), rootHcl(active, inputsAt(step)));
    const applied = await plan(dir, { extraArgs: OFFLINE_PLAN_ARGS });
    applies.push(applied);
    // On top of the whole state: the plan names the active cases' instances only, and new ids
    // follow every case's.
    state = stateAfterPlan(state, applied, schema);
  }
  for (const [name, c] of Object.entries(cases)) if (c.edit) state = c.edit(state, `module.${name}`);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state));
  return { dir, created, applies, state };
}

/** A copy of the prepared root (same init) holding only the `chosen` cases, in its configuration and its state. */
function finalRoot(dir: string, name: string, chosen: Record<string, Case>, state: object): string {
  const copy = join(dir, '..', name);
  cpSync(dir, copy, { recursive: true, verbatimSymlinks: true });
  writeFileSync(join(copy, 'terraform.tfstate'), JSON.stringify(withoutResources(state, notIn(chosen))));
  writeFileSync(
    join(copy, 'main.tf'),
    rootHcl(chosen, (n) => chosen[n].planned),
  );
  return copy;
}

const replaceArgs = (cases: Record<string, Case>) =>
  Object.entries(cases).flatMap(([name, c]) => (c.replace ?? []).map((r) => `-replace=module.${name}.${r}`));

const changesOf = (p: PlanJson, name: string): ResourceChange[] =>
  (p.resource_changes ?? []).filter((c) => c.module_address === `module.${name}` && c.mode === 'managed');
const actionOf = (p: PlanJson, name: string, address: string) =>
  changesOf(p, name)
    .find((c) => c.address === `module.${name}.${address}`)
    ?.change.actions.join('+');
const touched = (p: PlanJson, name: string) =>
  changesOf(p, name)
    .filter((c) => c.change.actions.join() !== 'no-op')
    .map((c) => `${c.change.actions.join('+')} ${c.address.replace(`module.${name}.`, '')}`);

/**
 * Errors of a plan, by case. Terraform does not print the module address of a failed
 * postcondition; the message names the file system (each case's name is the case's name).
 */
function refusalsOf(stderr: string): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const block of stripAnsi(stderr)
    .replace(/^│ ?/gm, '')
    .split(/^Error: /m)
    .slice(1)) {
    const text = block.replace(/\s+/g, ' ').trim();
    const name = /would replace the file system "([^"]+)"/.exec(text)?.[1] ?? '(none)';
    (found[name] ??= []).push(text);
  }
  return found;
}

let refusals: Record<string, string[]> = {};
let falseAlarms: Record<string, string[]> = {};
let refusedExit = -1;
let setup: PlanJson[] = [];
let passing: PlanJson;
let planFile = '';
/** The `unchanged` case alone, as the passing plan leaves it: for the destroy plan. */
let settledRoot = '';

beforeAll(async () => {
  // One history for all cases; the final plans differ: the refused cases' plan fails as a whole.
  const prepared = await prepare(ALL);
  setup = prepared.applies;
  const refusedRoot = finalRoot(prepared.dir, 'refused', REFUSED, prepared.state);
  const passingRoot = finalRoot(prepared.dir, 'passing', PASSING, prepared.state);
  const out = makeTempDir('efs-modules-guard-');
  planFile = join(out, 'plan.bin');
  const [failed, passed] = await Promise.all([
    terraform(refusedRoot, ['plan', '-no-color', '-input=false', ...OFFLINE_PLAN_ARGS, ...replaceArgs(REFUSED)], {
      allowFailure: true,
    }),
    terraform(
      passingRoot,
      ['plan', '-input=false', '-no-color', `-out=${planFile}`, ...OFFLINE_PLAN_ARGS, ...replaceArgs(PASSING)],
      { allowFailure: true },
    ),
  ]);
  refusedExit = failed.exitCode;
  refusals = refusalsOf(failed.stderr);
  falseAlarms = refusalsOf(passed.stderr);
  passing =
    passed.exitCode === 0
      ? (JSON.parse((await terraform(passingRoot, ['show', '-json', planFile])).stdout) as PlanJson)
      : ({} as PlanJson);
  writeFileSync(join(out, 'plan.json'), JSON.stringify(passing));
  // One instance is enough to show what doctor says of a destroy plan: 1 instance plans in a
  // fraction of the passing root's 17.
  settledRoot = finalRoot(prepared.dir, 'settled', { unchanged: PASSING.unchanged }, prepared.state);
});

describe('the prepared states are what the applies would leave', () => {
  test('every apply before the final plan succeeded, and re-planning the base inputs changes nothing', () => {
    expect(setup.length).toBeGreaterThan(0);
    expect(actionOf(passing, 'unchanged', FILE_SYSTEM)).toBe('no-op');
    expect(touched(passing, 'unchanged')).toEqual([]);
  });
});

describe('refused at plan time without allow_file_system_replacement', () => {
  test('the plan fails, and only for the cases below', () => {
    expect(refusedExit).toBe(1);
    expect(Object.keys(refusals).sort()).toEqual(Object.keys(REFUSED).sort());
  });

  test.each(Object.keys(REFUSED))('%s', (name) => {
    expect(refusals[name]).toEqual([
      expect.stringContaining(
        `allow_file_system_replacement is false, and this plan would replace the file system "${name}" and destroy its data`,
      ),
    ]);
  });

  test('the message names the settings asked for and the way out', () => {
    const [message] = refusals.flag_back_with_encrypted;
    expect(message).toContain(
      'encrypted = false, kms_key_arn = null, performance_mode = "generalPurpose", availability_zone_name = null, creation_token = null',
    );
    expect(refusals.creation_token_changed[0]).toContain(
      'availability_zone_name and creation_token cannot change on an existing file system',
    );
    expect(refusals.creation_token_changed[0]).toContain('creation_token = "second-token"');
    expect(message).toContain('set allow_file_system_replacement = true for the apply that replaces it');
  });

  test('the apply that set the flag to true touched neither the file system nor the guard', () => {
    const [flagOn] = setup;
    expect(actionOf(flagOn, 'flag_back_with_encrypted', FILE_SYSTEM)).toBe('no-op');
    expect(actionOf(flagOn, 'flag_back_with_encrypted', ANCHOR)).toBe('no-op');
  });
});

describe('allowed, or nothing to replace: the plan passes', () => {
  test('no case of this plan is refused', () => {
    expect(falseAlarms).toEqual({});
  });

  test('first creation: the module is created whole', () => {
    expect(actionOf(passing, 'created_now', FILE_SYSTEM)).toBe('create');
    expect(actionOf(passing, 'created_now', ANCHOR)).toBe('create');
  });

  test('first creation without a security group of its own: the file system is created, no group', () => {
    expect(actionOf(passing, 'own_groups_created_now', FILE_SYSTEM)).toBe('create');
    expect(actionOf(passing, 'own_groups_created_now', ANCHOR)).toBe('create');
    expect(actionOf(passing, 'own_groups_created_now', SECURITY_GROUP)).toBeUndefined();
  });

  test('own_groups_unchanged: without a group of its own, re-planning the applied inputs changes nothing', () => {
    expect(touched(passing, 'own_groups_unchanged')).toEqual([]);
  });

  test.each(['kms_key_arn_removed', 'availability_zone_name_removed', 'creation_token_removed'])(
    '%s: the provider keeps the value it has (optional and computed), nothing changes and nothing is refused',
    (name) => {
      expect(actionOf(passing, name, FILE_SYSTEM)).toBe('no-op');
      expect(touched(passing, name)).toEqual([]);
    },
  );

  test('allowed_replacement: the file system is replaced', () => {
    expect(actionOf(passing, 'allowed_replacement', FILE_SYSTEM)).toBe(REPLACED);
  });

  test('allowed_creation_token: with the permission, a new creation_token replaces the file system', () => {
    expect(actionOf(passing, 'allowed_creation_token', FILE_SYSTEM)).toBe(REPLACED);
    const fs = changesOf(passing, 'allowed_creation_token').find((c) => c.type === 'aws_efs_file_system')!;
    expect(fs.change.after.creation_token).toBe('second-token');
  });

  test('allowed_then_flag_back: after the allowed replacement, the flag back to false with the same settings changes nothing', () => {
    const [replacing] = setup;
    expect(actionOf(replacing, 'allowed_then_flag_back', FILE_SYSTEM)).toBe(REPLACED);
    expect(actionOf(passing, 'allowed_then_flag_back', FILE_SYSTEM)).toBe('no-op');
    expect(touched(passing, 'allowed_then_flag_back')).toEqual([]);
  });

  test('migrated_with_throughput_mode: a file system without the birth tag updates in place and does not get one', () => {
    expect(actionOf(passing, 'migrated_with_throughput_mode', FILE_SYSTEM)).toBe('update');
    const fs = changesOf(passing, 'migrated_with_throughput_mode').find((c) => c.type === 'aws_efs_file_system')!;
    expect(fs.change.after.tags).toEqual({ env: 'test', Name: 'migrated_with_throughput_mode' });
    expect(actionOf(passing, 'migrated_with_throughput_mode', SECURITY_GROUP)).toBe('no-op');
  });

  test('the birth tag is the plan timestamp; key and value fit the EFS tag rules (API reference, Tag)', () => {
    const fs = changesOf(passing, 'created_now').find((c) => c.type === 'aws_efs_file_system')!;
    const value = fs.change.after.tags[CREATED_TAG];
    expect(value).toBe((passing as { timestamp?: string }).timestamp);
    expect(value).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    // Keys: 1 to 128 characters, not starting with aws:; values: up to 256; both from this set.
    expect(CREATED_TAG).toMatch(/^(?![aA][wW][sS]:)[\p{L}\p{Z}\p{N}_.:/=+\-@]{1,128}$/u);
    expect(value).toMatch(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]{0,256}$/u);
  });
});

describe('what HCL cannot refuse at plan time, efs-modules doctor flags before apply', () => {
  const doctor = async (file: string) => {
    const result = await execa('node', [join(ROOT, 'bin', 'efs-modules.js'), 'doctor', '--json', file], {
      reject: false,
    });
    return {
      exitCode: result.exitCode,
      findings: JSON.parse(result.stdout).findings as { check: string; address: string; message: string }[],
    };
  };
  const dataLoss = (findings: { check: string; address: string }[]) =>
    findings
      .filter((f) => f.check === 'file-system-data-loss')
      .map((f) => f.address)
      .sort();

  test('not refused: a file system imported into a module never applied, -replace of both witnesses (of the one without a group), a removed module block', () => {
    expect(actionOf(passing, 'imported_alone_with_performance_mode', FILE_SYSTEM)).toBe(REPLACED);
    expect(actionOf(passing, 'replace_both_witnesses_with_performance_mode', FILE_SYSTEM)).toBe(REPLACED);
    expect(actionOf(passing, 'own_groups_replace_guard_with_performance_mode', FILE_SYSTEM)).toBe(REPLACED);
    expect(actionOf(passing, 'module_removed', FILE_SYSTEM)).toBe('delete');
  });

  test('doctor fails the plan and names each file system replaced or deleted, and no other', async () => {
    const { exitCode, findings } = await doctor(join(planFile, '..', 'plan.json'));
    expect(exitCode).toBe(1);
    expect(dataLoss(findings)).toEqual([
      'module.allowed_creation_token.aws_efs_file_system.this',
      'module.allowed_replacement.aws_efs_file_system.this',
      'module.imported_alone_with_performance_mode.aws_efs_file_system.this',
      'module.module_removed.aws_efs_file_system.this',
      'module.own_groups_replace_guard_with_performance_mode.aws_efs_file_system.this',
      'module.replace_both_witnesses_with_performance_mode.aws_efs_file_system.this',
    ]);
  });

  test('terraform plan -destroy: doctor names the file system it deletes', async () => {
    const out = makeTempDir('efs-modules-guard-destroy-');
    await terraform(settledRoot, [
      'plan',
      '-destroy',
      '-input=false',
      '-no-color',
      `-out=${join(out, 'plan.bin')}`,
      ...OFFLINE_PLAN_ARGS,
    ]);
    writeFileSync(
      join(out, 'plan.json'),
      (await terraform(settledRoot, ['show', '-json', join(out, 'plan.bin')])).stdout,
    );
    const { exitCode, findings } = await doctor(join(out, 'plan.json'));
    expect(exitCode).toBe(1);
    expect(dataLoss(findings)).toEqual(['module.unchanged.aws_efs_file_system.this']);
    expect(findings.find((f) => f.address === 'module.unchanged.aws_efs_file_system.this')?.message).toContain(
      'deleted with all its data',
    );
  });
});
