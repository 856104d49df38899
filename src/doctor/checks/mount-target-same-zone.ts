import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';
import { mountTargetSubnets } from './efs-resources';

const CHECK = 'mount-target-same-zone';

interface Placed {
  mountTarget: PlanResource;
  zone: string;
  /** How the zone is known: the subnet it is in, or the mount target's own attribute. */
  via: string;
}

/**
 * The Availability Zone of a mount target, when the plan proves it: its own
 * availability_zone_name (known for one that exists), or the zone of the one subnet it is in.
 */
function placed(ctx: DoctorContext, mountTarget: PlanResource): Placed | undefined {
  const own = mountTarget.after.at('availability_zone_name').string();
  if (own) return { mountTarget, zone: own, via: 'its availability_zone_name' };
  const subnets = mountTargetSubnets(ctx, mountTarget);
  if (!subnets || subnets.length !== 1) return undefined;
  const [subnet] = subnets as [PlanResource];
  const zone = subnet.after.at('availability_zone').string();
  return zone ? { mountTarget, zone, via: subnet.address } : undefined;
}

/** EFS allows one mount target per Availability Zone: a second one fails at apply, after the file system exists. */
function diagnose(ctx: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const group of ctx.efs.byFileSystem(ctx.resources.ofType('aws_efs_mount_target'))) {
    const first = new Map<string, Placed>();
    for (const mountTarget of group) {
      const here = placed(ctx, mountTarget);
      if (!here) continue;
      const earlier = first.get(here.zone);
      if (!earlier) {
        first.set(here.zone, here);
        continue;
      }
      findings.push(
        finding(
          CHECK,
          'error',
          mountTarget.address,
          `is in Availability Zone ${here.zone} (${here.via}), like ${earlier.mountTarget.address} (${earlier.via}) of the same file system: EFS allows one mount target per zone, so the apply fails with MountTargetConflict after the file system is created.`,
          `keep one mount target per Availability Zone: remove this one, or put it in a subnet of a zone that has none (with modules/efs-filesystem: one mount_targets entry per zone).`,
        ),
      );
    }
  }
  return findings;
}

export const mountTargetSameZone: Check = {
  id: CHECK,
  summary: 'two mount targets of one file system are in the same Availability Zone (the apply fails)',
  help: 'EFS allows one mount target per file system in each Availability Zone. A second mount target in a zone (two subnets of one zone, or one subnet twice) passes terraform plan and fails the apply after the file system exists. Judged from the zone of the subnet each mount target is in, when the plan shows it.',
  run: diagnose,
};
