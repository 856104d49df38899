/**
 * Regenerates test/migration/fixtures/*.state.json: the `terraform show -json` of a state that
 * terraform-aws-modules/terraform-aws-efs v1.8.1 (the last release for AWS provider 5.x) would
 * leave, planned with the real provider. Not run in CI: it needs an upstream checkout, and the
 * repository holds only the resulting data, never the upstream module's code.
 *
 *   node scripts/run-ts.js scripts/migration-fixtures.ts <upstream checkout or git dir> [ref]
 *
 * The ref (default v1.8.1) is exported with `git archive` when the path is a git directory; a
 * plain checkout is used as it is (its versions.tf must still allow provider 5.x).
 *
 * For each deployment: plan the upstream module for creation, turn the plan into the state an
 * apply would leave (test/support/state.ts), give the rules the IDs AWS gives them, take the
 * file system policy the data source computes, and re-plan with -refresh=false: the script
 * fails unless that plan has no changes, so every fixture is a state the upstream
 * configuration agrees with.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { awsSchema, patchState, stateFromPlan } from '../test/support/state';
import {
  init,
  makeTempDir,
  plan,
  providerOverride,
  removeTempDirs,
  ResourceChange,
  terraform,
} from '../test/support/terraform';
import { DEPLOYMENTS, type Deployment } from '../test/migration/deployments';

const OUT = resolve(__dirname, '..', 'test', 'migration', 'fixtures');

/** A directory holding the upstream module's files at ref. */
function upstreamModule(source: string, ref: string): string {
  if (existsSync(join(source, 'main.tf'))) return resolve(source);
  const dir = makeTempDir('efs-modules-upstream-');
  const archive = execFileSync('git', [
    `--git-dir=${source}`,
    'archive',
    ref,
    'main.tf',
    'variables.tf',
    'outputs.tf',
    'versions.tf',
  ]);
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return dir;
}

function hasChanges(changes: ResourceChange[]): string[] {
  return changes
    .filter((c) => !c.change.actions.every((a) => a === 'no-op' || a === 'read'))
    .map((c) => `${c.address}: ${c.change.actions.join(',')}`);
}

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';

/**
 * Replaces the placeholders state.ts gives values known only after apply with values of the
 * form AWS returns, so the command reads what a real state holds: a regional file system has
 * an empty availability_zone_name, the default key is an ARN, a CIDR rule has no source group,
 * a security group named exactly has an empty name_prefix, and so on. noPlaceholders() then
 * fails the generation if one is left.
 */
function asAwsReports(state: any): void {
  let n = 0;
  const zones = new Map<string, string>();
  for (const r of state.resources) {
    for (const i of r.instances) {
      n += 1;
      const a = i.attributes;
      const set = (attr: string, value: unknown) => {
        if (a[attr] === 'fake') a[attr] = value;
      };
      if (r.type === 'aws_efs_file_system') {
        set('availability_zone_id', '');
        set('availability_zone_name', '');
        set('creation_token', `terraform-2024010100000000000000000${n}`);
        set('dns_name', `${a.id}.efs.${REGION}.amazonaws.com`);
        // The key AWS uses when none is given: the account's aws/elasticfilesystem key.
        set('kms_key_id', `arn:aws:kms:${REGION}:${ACCOUNT}:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d`);
        set('name', a.tags?.Name ?? '');
        set('performance_mode', 'generalPurpose');
      }
      if (r.type === 'aws_efs_mount_target') {
        const subnetIndex = zones.size;
        if (!zones.has(a.subnet_id)) zones.set(a.subnet_id, `us-east-1${'abcdef'[subnetIndex]}`);
        const zone = zones.get(a.subnet_id)!;
        set('availability_zone_id', `use1-az${subnetIndex + 1}`);
        set('availability_zone_name', zone);
        set('dns_name', `${a.file_system_id}.efs.${REGION}.amazonaws.com`);
        set('mount_target_dns_name', `${zone}.${a.file_system_id}.efs.${REGION}.amazonaws.com`);
        set('ip_address', `10.0.${subnetIndex}.${10 + subnetIndex}`);
        set('network_interface_id', `eni-0${n.toString(16).padStart(16, '0')}`);
      }
      if (r.type === 'aws_efs_access_point' && (a.root_directory ?? []).length === 0) {
        // EFS reports the root directory of an access point created without one.
        a.root_directory = [{ path: '/', creation_info: [] }];
      }
      if (r.type === 'aws_efs_replication_configuration') {
        set('creation_time', '2024-01-01T00:00:00Z');
        set(
          'original_source_file_system_arn',
          `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${a.source_file_system_id}`,
        );
        set(
          'source_file_system_arn',
          `arn:aws:elasticfilesystem:${REGION}:${ACCOUNT}:file-system/${a.source_file_system_id}`,
        );
        set('source_file_system_region', REGION);
        for (const d of a.destination) {
          if (d.file_system_id === 'fake') d.file_system_id = `fs-0${(n + 100).toString(16).padStart(16, '0')}`;
          if (d.status === 'fake') d.status = 'ENABLED';
        }
      }
      if (r.type === 'aws_security_group') {
        a.arn = `arn:aws:ec2:${REGION}:${ACCOUNT}:security-group/${a.id}`;
        set('name', `${a.name_prefix}20240101000000000000000001`);
        set('name_prefix', '');
      }
      if (r.type === 'aws_security_group_rule') set('source_security_group_id', null);
      set('owner_id', ACCOUNT);
    }
  }
}

function noPlaceholders(state: object): void {
  const left = JSON.stringify(state).match(/"[a-z_]+":"fake"/g);
  if (left) throw new Error(`placeholders left in the state: ${left.join(', ')}`);
}

/**
 * What AWS records for a rule: provider 5.x stores `sgrule-<hash>` as the id and, for a rule with
 * one source, the security group rule's own ID (`sgr-…`) in security_group_rule_id; a rule with
 * several CIDR blocks is several AWS rules, and the provider leaves security_group_rule_id empty.
 */
function ruleIds(state: any): void {
  let n = 0;
  for (const r of state.resources) {
    if (r.type !== 'aws_security_group_rule') continue;
    for (const i of r.instances) {
      n += 1;
      const a = i.attributes;
      const sources =
        (a.cidr_blocks ?? []).length +
        (a.ipv6_cidr_blocks ?? []).length +
        (a.prefix_list_ids ?? []).length +
        (a.source_security_group_id ? 1 : 0) +
        (a.self ? 1 : 0);
      a.id = `sgrule-${String(1000000000 + n)}`;
      a.security_group_rule_id = sources === 1 ? `sgr-0${n.toString(16).padStart(16, '0')}` : '';
    }
  }
}

async function generate(upstream: string, name: string, deployment: Deployment): Promise<void> {
  const dir = makeTempDir(`efs-modules-fixture-${name}-`);
  execFileSync('cp', ['-r', upstream, join(dir, 'upstream')]);
  writeFileSync(join(dir, 'provider.tf'), providerOverride());
  writeFileSync(join(dir, 'main.tf'), deployment.upstreamHcl);
  await init(dir);
  const created = await plan(dir);
  const state: any = stateFromPlan(created, await awsSchema(dir));
  asAwsReports(state);
  ruleIds(state);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  // The policy document depends on the file system's ARN, known only now: take what the data
  // source computes from the state, as an apply would have stored it.
  const replanned = await plan(dir, { extraArgs: ['-refresh=false'] });
  const policy = (replanned.resource_changes ?? []).find((c) => c.type === 'aws_efs_file_system_policy');
  if (policy) patchState(state, 'aws_efs_file_system_policy', 'policy', () => policy.change.after.policy);
  state.serial = 2;
  noPlaceholders(state);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(state, null, 2));
  const check = await plan(dir, { extraArgs: ['-refresh=false'] });
  const changes = hasChanges(check.resource_changes ?? []);
  if (changes.length > 0)
    throw new Error(
      `${name}: the upstream configuration planned against its own state is not clean:\n${changes.join('\n')}`,
    );
  const shown = await terraform(dir, ['show', '-json', 'terraform.tfstate']);
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.state.json`);
  writeFileSync(file, `${JSON.stringify(JSON.parse(shown.stdout), null, 2)}\n`);
  console.log(`${file}: ${state.resources.length} resources; upstream re-plan: no changes`);
}

async function main(): Promise<void> {
  const [source, ref = 'v1.8.1'] = process.argv.slice(2);
  if (!source) throw new Error('usage: migration-fixtures.ts <upstream checkout or git dir> [ref]');
  const upstream = upstreamModule(source, ref);
  try {
    for (const [name, deployment] of Object.entries(DEPLOYMENTS)) await generate(upstream, name, deployment);
  } finally {
    removeTempDirs();
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
