/**
 * Every check against the committed plans of real fixture configurations
 * (fixtures/<name>/main.tf → plan.json, see fixtures.ts). Each failure mode is
 * flagged on a plan that has it, and the clean plans pass for the right reasons.
 */
import { SECURITY_GROUP } from '../../src/doctor/analysis/identity';
import { nfsPath, type NfsPath } from '../../src/doctor/analysis/nfs-path';
import { createContext, type DoctorContext } from '../../src/doctor/context';
import { diagnose } from '../../src/doctor/diagnose';
import type { PlanResource } from '../../src/doctor/plan/resources';
import { EXPECTED, summary } from './expected';
import { committedPlan, FIXTURES } from './fixtures';

const findingsOf = (name: string) => diagnose(committedPlan(name));
const messageOf = (name: string, address: string) => findingsOf(name).find((f) => f.address === address)?.message ?? '';

describe('diagnose on the fixture plans', () => {
  it('has an expectation for every fixture', () => {
    // An errored plan is refused before any check runs (refusal.test.ts).
    expect(Object.keys(EXPECTED).sort()).toEqual(
      FIXTURES.filter((f) => !f.planFails)
        .map((f) => f.name)
        .sort(),
    );
  });

  it.each(Object.entries(EXPECTED))('%s', (name, expected) => {
    expect(summary(findingsOf(name))).toEqual(expected);
  });

  it('says what forces the replacement and why a deletion happens', () => {
    expect(messageOf('replace-file-system', 'aws_efs_file_system.data')).toMatch(
      /replaced because encrypted cannot change in place/,
    );
    expect(messageOf('replace-file-system', 'aws_efs_file_system.scratch')).toMatch(
      /deleted with all its data \(its configuration was removed\)/,
    );
    expect(messageOf('replace-file-system', 'aws_efs_file_system.data')).toMatch(/Fix: .*prevent_destroy/);
  });

  it('names the mount targets a function is not ordered after, and the local that hides a chain', () => {
    expect(messageOf('lambda-mount-order', 'aws_lambda_function.unordered')).toMatch(
      /does not depend on the mount targets of module\.storage\.aws_efs_file_system\.this \(module\.storage\.aws_efs_mount_target\.this\)/,
    );
    expect(messageOf('lambda-mount-order', 'aws_lambda_function.via_local')).toMatch(
      /cannot decide.*passes through local\.ready_tags/,
    );
  });

  it('explains why an NFS path cannot be decided', () => {
    expect(messageOf('nfs-path', 'aws_lambda_function.via_local')).toMatch(
      /security_group_ids passes through local\.client_groups/,
    );
    expect(messageOf('nfs-path', 'aws_lambda_function.default_sg')).toMatch(
      /security_groups is not set in the configuration, so AWS picks a default/,
    );
    expect(messageOf('nfs-path', 'aws_lambda_function.wrong_port')).toMatch(
      /\(aws_security_group\.lambda\) reach TCP 2049 on the mount-target security groups \(aws_security_group\.efs\)/,
    );
  });

  it('tells a group without any egress from one whose egress misses 2049', () => {
    expect(messageOf('nfs-egress', 'aws_lambda_function.no_egress')).toMatch(
      /\(aws_security_group\.no_egress\) have no egress rule at all/,
    );
    expect(messageOf('nfs-egress', 'aws_lambda_function.https_only')).toMatch(
      /lets TCP 2049 out \(aws_security_group\.https_only \(inline egress #1\)\)/,
    );
  });

  it('names the group allowed twice and the rule that allowed it first', () => {
    expect(
      messageOf(
        'duplicate-nfs-rule',
        'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["again"]',
      ),
    ).toMatch(
      /lets aws_security_group\.app reach NFS on the same security group as aws_vpc_security_group_ingress_rule\.by_hand does: AWS refuses the second/,
    );
  });

  it('reports each ECS volume problem in its own words', () => {
    expect(messageOf('ecs-efs-volume', 'aws_ecs_task_definition.ap_without_transit')).toMatch(
      /an access point with transit_encryption = "DISABLED"/,
    );
    expect(messageOf('ecs-efs-volume', 'aws_ecs_task_definition.iam_without_transit')).toMatch(
      /IAM authorization with transit_encryption unset/,
    );
    expect(messageOf('ecs-efs-volume', 'aws_ecs_task_definition.ap_with_root_directory')).toMatch(
      /root_directory = "\/data" together with an access point/,
    );
  });

  it('puts the fix in every message', () => {
    for (const name of Object.keys(EXPECTED)) for (const f of findingsOf(name)) expect(f.message).toMatch(/\. Fix: \S/);
  });
});

function resource(ctx: DoctorContext, address: string): PlanResource {
  const found = ctx.resources.all.find((r) => r.address === address);
  if (!found) throw new Error(`${address} is not in the plan`);
  return found;
}

/** The NFS verdict of a client against the mount targets of the file system it mounts. */
function verdicts(
  ctx: DoctorContext,
  client: PlanResource,
  groupsPath: Array<string | number>,
  fileSystems = ctx.efs.lambdaFileSystems(client),
): NfsPath[] {
  const groups = ctx.ids.referenced(client, groupsPath, SECURITY_GROUP);
  return ctx.efs
    .mountTargets(fileSystems)
    .mountTargets.map((mt) =>
      nfsPath(groups, ctx.ids.referenced(mt, ['security_groups'], SECURITY_GROUP), ctx.ingressRules()),
    );
}

describe('why the clean plans pass', () => {
  it('clean: each client reaches 2049 through its own rule style, though every ID is unknown at plan time', () => {
    const ctx = createContext(committedPlan('clean'));
    const lambdaGroups = ['vpc_config', 0, 'security_group_ids'];
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.api'), lambdaGroups)).toEqual([
      { verdict: 'open', rule: 'aws_vpc_security_group_ingress_rule.nfs_from_lambda' },
      { verdict: 'open', rule: 'aws_vpc_security_group_ingress_rule.nfs_from_lambda' },
    ]);
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.worker'), lambdaGroups)[0]).toEqual({
      verdict: 'open',
      rule: 'aws_security_group.efs (inline ingress #1)',
    });
    const service = resource(ctx, 'aws_ecs_service.app');
    const [taskDefinition] = ctx.efs.taskDefinitions(service).taskDefinitions;
    expect(taskDefinition?.address).toBe('aws_ecs_task_definition.app');
    const fileSystems = ctx.efs.taskDefinitionFileSystems(taskDefinition);
    expect(verdicts(ctx, service, ['network_configuration', 0, 'security_groups'], fileSystems)[0]).toEqual({
      verdict: 'open',
      rule: 'aws_security_group_rule.nfs_from_ecs',
    });
  });

  it('nfs-egress: known IDs match known IDs, and each.value is traced through the for_each expression', () => {
    const ctx = createContext(committedPlan('nfs-egress'));
    const groups = ['vpc_config', 0, 'security_group_ids'];
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.existing_group'), groups)[0]).toEqual({
      verdict: 'open',
      rule: 'aws_vpc_security_group_ingress_rule.nfs_from_existing',
    });
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.no_egress'), groups)[0]).toMatchObject({ verdict: 'open' });
  });

  it('module-wiring: the paths open through the module rules, traced across module variables and outputs', () => {
    const ctx = createContext(committedPlan('module-wiring'));
    const groups = ['vpc_config', 0, 'security_group_ids'];
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.api'), groups)[0]).toEqual({
      verdict: 'open',
      rule: 'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["api"]',
    });
    expect(verdicts(ctx, resource(ctx, 'aws_lambda_function.worker'), groups)[0]).toEqual({
      verdict: 'open',
      rule: 'module.worker_mount.aws_vpc_security_group_ingress_rule.nfs',
    });
  });

  it('module-wiring: both functions wait for module.efs mount targets (depends_on a module; a chain through a mount module)', () => {
    const ctx = createContext(committedPlan('module-wiring'));
    expect(ctx.graph.dependencyClosure('aws_lambda_function.api')).toContain('module.efs.aws_efs_mount_target.this');
    const worker = ctx.graph.dependencyClosure('aws_lambda_function.worker');
    expect(worker).toContain('module.worker_mount.output.file_system_config');
    expect(worker).toContain('module.worker_mount.var.file_system');
    expect(worker).toContain('module.efs.output.file_system');
    expect(worker).toContain('module.efs.aws_efs_mount_target.this');
  });

  it('lambda-mount-order: the ordered functions wait through an output, a variable and terraform_data, or module depends_on', () => {
    const ctx = createContext(committedPlan('lambda-mount-order'));
    const mountTargets = 'module.storage.aws_efs_mount_target.this';
    expect(ctx.graph.dependencyClosure('aws_lambda_function.via_output')).toContain(mountTargets);
    const viaVariable = ctx.graph.dependencyClosure('module.fn_via_variable.aws_lambda_function.this');
    expect(viaVariable).toContain('module.fn_via_variable.terraform_data.mount_targets_ready');
    expect(viaVariable).toContain(mountTargets);
    expect(ctx.graph.dependencyClosure('module.fn_via_depends_on.aws_lambda_function.this')).toContain(mountTargets);
    // The access point output alone does not lead to the mount targets.
    expect(ctx.graph.dependencyClosure('aws_lambda_function.unordered')).not.toContain(mountTargets);
  });
});

describe('security groups that exist already', () => {
  it('make a missing ingress rule a warning: a rule managed elsewhere may join them', () => {
    // nfs-path as if its groups had been applied before: both sides of wrong_port exist.
    const plan = committedPlan('nfs-path');
    for (const rc of plan.resource_changes ?? []) {
      if (rc.type === 'aws_security_group') rc.change.actions = ['no-op'];
    }
    const wrongPort = diagnose(plan).filter((f) => f.address === 'aws_lambda_function.wrong_port');
    expect(summary(wrongPort)).toEqual([['nfs-security-group-path', 'warning', 'aws_lambda_function.wrong_port']]);
    expect(wrongPort[0]?.message).toMatch(
      /both exist already, so a rule managed outside this configuration may allow it/,
    );
  });
});

describe('a plan JSON without its configuration section', () => {
  it('turns what needs the configuration into warnings, never errors', () => {
    const plan = committedPlan('clean');
    delete plan.configuration;
    const findings = diagnose(plan);
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.severity === 'warning')).toBe(true);
    expect(findings.map((f) => f.message).join('\n')).toMatch(/no configuration/);
  });
});
