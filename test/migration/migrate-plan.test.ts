/**
 * The migration from terraform-aws-modules/terraform-aws-efs v1.8.1, planned with the real AWS
 * provider: the state of a real upstream deployment (test/migration/fixtures, made by
 * scripts/migration-fixtures.ts), the blocks and inputs `efs-modules migrate` prints, our
 * module, `terraform plan -refresh=false`.
 *
 * `import` blocks make Terraform read the rule from AWS, which an offline plan cannot do. So the
 * plan runs without them, on a state that already holds each rule resource as the import leaves
 * it (support.ts importedRule: what AWS reports for that rule), which is the state the plan
 * with the imports would start its comparison from.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { main } from '../../src/cli';
import type { Migration } from '../../src/migrate/terraform-aws-efs';
import { ROOT } from '../support/examples';
import { awsSchema } from '../support/state';
import {
  init,
  plan,
  providerOverride,
  ResourceChange as Change,
  stage,
  stripAnsi,
  terraform,
} from '../support/terraform';
import { fixturePath, fixtureText, importedRule, stateFromShown } from './support';

const SOURCE = '../modules/efs-filesystem';

/** A resource change as plan JSON gives it for a moved resource. */
type ResourceChange = Change & { previous_address?: string };

function migrate(fixture: string, extra: string[] = []): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(['migrate', 'terraform-aws-efs', fixturePath(fixture), '--source', SOURCE, ...extra], {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    read: (f) => readFileSync(f, 'utf8'),
  });
  return { code, stdout, stderr };
}

/** The printed HCL without its import blocks (replaced by the imported state, see above). */
const withoutImports = (hcl: string) => hcl.replace(/^import \{\n(?:.*\n)*?\}\n/gm, '');

/** A staged root holding the printed blocks and the upstream state with the rules imported. */
async function migrationRoot(fixture: string, edit: (hcl: string) => string = (h) => h): Promise<string> {
  const { code, stdout } = migrate(fixture);
  expect(code).toBe(0);
  const { stdout: json } = migrate(fixture, ['--json']);
  const migration = JSON.parse(json) as Migration;
  const top = stage(ROOT, ['modules/efs-filesystem'], { 'root/provider.tf': providerOverride() });
  const dir = join(top, 'root');
  writeFileSync(join(dir, 'main.tf'), edit(withoutImports(stdout)));
  await init(dir);
  const shown = JSON.parse(fixtureText(fixture));
  const state = stateFromShown(shown);
  const schema = await awsSchema(dir);
  const upstreamRules = state.resources.find((r: any) => r.type === 'aws_security_group_rule').instances;
  for (const imp of migration.imports) {
    const rule = upstreamRules.find((i: any) => i.attributes.security_group_rule_id === imp.id);
    importedRule(state, schema, imp, rule.attributes);
  }
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  return dir;
}

const isDelete = (c: ResourceChange) => c.change.actions.includes('delete');
const byType = (changes: ResourceChange[], type: string) => changes.filter((c) => c.type === type);

describe('migration of the complete terraform-aws-efs v1.8.1 deployment, real provider', () => {
  let changes: ResourceChange[];
  beforeAll(async () => {
    const dir = await migrationRoot('complete');
    changes = (await plan(dir, { extraArgs: ['-refresh=false'] })).resource_changes ?? [];
  }, 300_000);

  test('the file system is moved to its new address and neither replaced nor deleted', () => {
    const [fs] = byType(changes, 'aws_efs_file_system');
    expect(fs).toMatchObject({
      address: 'module.efs.aws_efs_file_system.this',
      previous_address: 'module.efs.aws_efs_file_system.this[0]',
    });
    expect(fs.change.actions.some((a) => a === 'delete' || a === 'create')).toBe(false);
  });

  test('both mount targets and both access points stay as they are', () => {
    const kept = [...byType(changes, 'aws_efs_mount_target'), ...byType(changes, 'aws_efs_access_point')];
    expect(kept.map((c) => c.address).sort()).toEqual([
      'module.efs.aws_efs_access_point.this["app"]',
      'module.efs.aws_efs_access_point.this["root"]',
      'module.efs.aws_efs_mount_target.this["us-east-1a"]',
      'module.efs.aws_efs_mount_target.this["us-east-1b"]',
    ]);
    for (const c of kept) expect(c.change.actions.some((a) => a === 'delete' || a === 'create')).toBe(false);
  });

  test('the security group keeps its name and description and its address (count in both modules), updated in place at most', () => {
    const [group] = byType(changes, 'aws_security_group');
    expect(group.address).toBe('module.efs.aws_security_group.this[0]');
    expect(group.previous_address).toBeUndefined();
    expect(group.change.actions.some((a) => a === 'delete' || a === 'create')).toBe(false);
    expect(group.change.after).toMatchObject({ name: 'shared', description: 'NFS for the shared file system' });
  });

  test('no NFS rule is deleted: the old rule resources are forgotten, the imported ones kept', () => {
    const old = byType(changes, 'aws_security_group_rule');
    expect(old.map((c) => c.change.actions)).toEqual([['forget'], ['forget']]);
    const rules = byType(changes, 'aws_vpc_security_group_ingress_rule');
    expect(rules.map((c) => c.address).sort()).toEqual([
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_cidrs["office"]',
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]',
    ]);
    for (const c of rules) expect(c.change.actions.some((a) => a === 'delete' || a === 'create')).toBe(false);
  });

  test('nothing at all is deleted, and the only resources created are new to the module', () => {
    expect(changes.filter(isDelete).map((c) => c.address)).toEqual([]);
    const created = changes.filter((c) => c.change.actions.includes('create')).map((c) => c.type);
    // Resources terraform-aws-efs never had: the replacement guard's records, nothing in AWS.
    expect(created.filter((t) => t !== 'terraform_data')).toEqual([]);
  });

  test('backup, policy and replication keep their resources at their new addresses', () => {
    const moved = Object.fromEntries(
      changes.filter((c) => c.previous_address).map((c) => [c.previous_address, c.address]),
    );
    expect(moved).toMatchObject({
      'module.efs.aws_efs_backup_policy.this[0]': 'module.efs.aws_efs_backup_policy.this',
      'module.efs.aws_efs_file_system_policy.this[0]': 'module.efs.aws_efs_file_system_policy.this',
      'module.efs.aws_efs_replication_configuration.this[0]':
        'module.efs.aws_efs_replication_configuration.this["replica"]',
    });
    const replication = byType(changes, 'aws_efs_replication_configuration')[0];
    expect(replication.change.actions.some((a) => a === 'delete' || a === 'create')).toBe(false);
  });
});

describe('a migrated deployment whose configuration changes an immutable setting, real provider', () => {
  test('forgetting performance_mode = "maxIO" is refused by the replacement guard, not planned as a replacement', async () => {
    const dir = await migrationRoot('maxio', (hcl) => hcl.replace(/^ {2}performance_mode += "maxIO"\n/m, ''));
    const result = await terraform(dir, ['plan', '-refresh=false', '-input=false', '-no-color'], {
      allowFailure: true,
    });
    expect(result.exitCode).toBe(1);
    // Terraform wraps the message; compare it as one line.
    const output = stripAnsi(result.stderr).replace(/\s+/g, ' ');
    expect(output).toContain('Resource postcondition failed');
    expect(output).toContain(
      'allow_file_system_replacement is false, and this plan would replace the file system "scratch"',
    );
  }, 300_000);

  test('another creation_token than the one carried over is refused by the replacement guard', async () => {
    let carried = '';
    const dir = await migrationRoot('maxio', (hcl) =>
      hcl.replace(/^( {2}creation_token += )(".*")$/m, (_line, head: string, token: string) => {
        carried = token;
        return `${head}"another-token"`;
      }),
    );
    expect(carried).toBe('"terraform-20240101000000000000000002"');
    const result = await terraform(dir, ['plan', '-refresh=false', '-input=false', '-no-color'], {
      allowFailure: true,
    });
    expect(result.exitCode).toBe(1);
    const output = stripAnsi(result.stderr).replace(/\s+/g, ' ');
    expect(output).toContain(
      'allow_file_system_replacement is false, and this plan would replace the file system "scratch"',
    );
    expect(output).toContain('creation_token = "another-token"');
  }, 300_000);
});
