import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';
import { mountTargetSubnets } from './efs-resources';

const CHECK = 'mount-target-public-subnet';

/** Security Hub EFS.6: the mount target is in a subnet that gives instances public IPv4 addresses on launch. */
function diagnose(ctx: DoctorContext, mountTarget: PlanResource): Finding[] {
  const subnets = mountTargetSubnets(ctx, mountTarget);
  // A reference to a subnet resource with several instances proves something only if all of them are public.
  if (!subnets || !subnets.every((s) => s.after.at('map_public_ip_on_launch').bool() === true)) return [];
  const names = subnets.map((s) => s.address).join(', ');
  return [
    finding(
      CHECK,
      'warning',
      mountTarget.address,
      `is in a subnet that assigns public IPv4 addresses on launch (${names}: map_public_ip_on_launch = true), which AWS Security Hub control EFS.6 fails: file system endpoints belong in private subnets.`,
      'put the mount targets in private subnets (map_public_ip_on_launch = false), the subnets your clients run in.',
    ),
  ];
}

export const mountTargetPublicSubnet: Check = {
  id: CHECK,
  summary: 'a mount target is in a subnet that assigns public IPv4 addresses on launch (Security Hub EFS.6)',
  help: 'AWS Security Hub control EFS.6 (AWS Config rule efs-mount-target-public-accessible) fails a mount target in a subnet with map_public_ip_on_launch = true. Mount targets belong in the private subnets the clients use.',
  securityHub: ['EFS.6'],
  run: (ctx) => ctx.resources.ofType('aws_efs_mount_target').flatMap((mt) => diagnose(ctx, mt)),
};
