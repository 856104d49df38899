import { hiddenBlocks } from '../analysis/dynamic-blocks';
import { describeIdentity, listSome } from '../analysis/describe';
import { FILE_SYSTEM, type Identity } from '../analysis/identity';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { isCreated, type PlanResource } from '../plan/resources';
import type { Check } from './check';
import { lambdasWithFileSystem } from './clients';

const CHECK = 'lambda-mount-order';

const FIX =
  'make the function wait for the mount targets: `depends_on = [aws_efs_mount_target.<name>]` (or `depends_on = [module.<efs module>]`), or reference them, e.g. build the access point or file_system_config from `module.<efs module>.file_system`, which carries mount_target_ids.';

/** Why the dependency closure may be missing edges: locals and dynamic blocks are not in the plan JSON. */
function blindSpots(ctx: DoctorContext, lambda: PlanResource, closure: Set<string>): string[] {
  const spots: string[] = [];
  for (const id of closure) {
    if (ctx.graph.node(id)?.kind === 'local') spots.push(`${id} (locals are not in the plan JSON)`);
  }
  for (const id of [lambda.configAddress, ...closure]) {
    const instance = id === lambda.configAddress ? lambda : ctx.resources.instancesOf(id)[0];
    if (!instance) continue;
    for (const block of hiddenBlocks(instance, ctx.graph)) {
      spots.push(`a dynamic "${block}" block of ${id} (dynamic blocks and their references are not in the plan JSON)`);
    }
  }
  return spots;
}

function withoutMountTargets(ctx: DoctorContext, lambda: PlanResource, fileSystems: Identity): Finding[] {
  return ctx.efs
    .matching(FILE_SYSTEM, fileSystems)
    .filter(isCreated)
    .map((fs) =>
      finding(
        CHECK,
        'error',
        lambda.address,
        `the function mounts ${fs.address}, which this plan creates without any aws_efs_mount_target: the function cannot mount it.`,
        "create a mount target in each Availability Zone of the function's subnets, and make the function depend on them.",
      ),
    );
}

function diagnose(ctx: DoctorContext, lambda: PlanResource): Finding[] {
  const fileSystems = ctx.efs.lambdaFileSystems(lambda);
  const { mountTargets, exact } = ctx.efs.mountTargets(fileSystems);
  if (mountTargets.length === 0) return exact ? withoutMountTargets(ctx, lambda, fileSystems) : [];

  // Ordered when the function waits for a mount target of its file system; when
  // the file system is unknown, for a mount target of every candidate one.
  const closure = ctx.graph.dependencyClosure(lambda.configAddress);
  const waitsFor = (group: PlanResource[]) => group.some((mt) => closure.has(mt.configAddress));
  const groups = exact ? [mountTargets] : ctx.efs.byFileSystem(mountTargets);
  if (groups.every(waitsFor)) return [];

  const targets = [...new Set(mountTargets.map((mt) => mt.configAddress))].join(', ');
  if (!ctx.graph.hasConfiguration) {
    return [
      finding(
        CHECK,
        'warning',
        lambda.address,
        `the plan JSON has no configuration section, so the order of the function and the mount targets (${targets}) cannot be checked.`,
        'run the doctor on the output of `terraform show -json <planfile>`.',
      ),
    ];
  }
  if (!exact) {
    return [
      finding(
        CHECK,
        'warning',
        lambda.address,
        `cannot tell which file system the function mounts (${listSome(fileSystems.unresolved)}), and it does not wait for the mount targets of every file system in the plan (${targets}).`,
        `check by hand, or make the dependency explicit: ${FIX}`,
      ),
    ];
  }
  const spots = blindSpots(ctx, lambda, closure);
  if (spots.length > 0) {
    return [
      finding(
        CHECK,
        'warning',
        lambda.address,
        `cannot decide whether the function waits for its mount targets (${targets}): no dependency was found, but the chain passes through ${listSome(spots)}.`,
        `check by hand, or make the dependency explicit: ${FIX}`,
      ),
    ];
  }
  const where = `the function does not depend on the mount targets of ${describeIdentity(fileSystems)} (${targets})`;
  const racesNow = mountTargets.some(isCreated) && (isCreated(lambda) || lambda.actions.includes('update'));
  if (racesNow) {
    return [
      finding(
        CHECK,
        'error',
        lambda.address,
        `${where}: Terraform may create the function while they are still being created, and AWS rejects it ("not all are in the available life cycle state yet").`,
        FIX,
      ),
    ];
  }
  return [
    finding(
      CHECK,
      'warning',
      lambda.address,
      `${where}. Nothing races in this plan (they are not created together with the function), but a fresh deployment of this configuration would.`,
      FIX,
    ),
  ];
}

export const lambdaMountOrder: Check = {
  id: CHECK,
  summary: 'a Lambda function with a file_system_config is not ordered after the mount targets of its file system',
  help: "AWS refuses to create a Lambda function that mounts EFS while the file system's mount targets are still being created. Make the function depend on the mount targets (depends_on, or a reference to their IDs).",
  run: (ctx) => lambdasWithFileSystem(ctx).flatMap((lambda) => diagnose(ctx, lambda)),
};
