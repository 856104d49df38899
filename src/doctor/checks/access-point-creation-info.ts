import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'access-point-creation-info';
const CREATION_INFO = ['root_directory', 0, 'creation_info'] as const;
const FIX =
  'add `creation_info { owner_uid, owner_gid, permissions = "0755" }` to root_directory, with the uid/gid of posix_user (with modules/efs-filesystem: set posix_user or creation_info on the access point).';

/**
 * creation_info is optional and computed: left out, the plan shows it as
 * unknown rather than empty, so the configuration decides whether it is written.
 */
function hasCreationInfo(ctx: DoctorContext, ap: PlanResource): boolean | undefined {
  const planned = ap.after.at(...CREATION_INFO);
  if (!planned.unknown) return planned.items().length > 0;
  const lookup = ctx.graph.expressionsAt(ap.configAddress, CREATION_INFO);
  return lookup.kind === 'no-configuration' ? undefined : lookup.kind === 'expressions';
}

function diagnose(ctx: DoctorContext, ap: PlanResource): Finding[] {
  const path = ap.after.at('root_directory', 0, 'path').string();
  if (path === undefined || path === '/') return [];
  const problem = `root directory "${path}" has no creation_info: EFS creates the directory only when creation_info is given, so unless it already exists every mount through this access point fails.`;
  switch (hasCreationInfo(ctx, ap)) {
    case true:
      return [];
    case false:
      return [finding(CHECK, 'error', ap.address, problem, FIX)];
    case undefined:
      return [
        finding(
          CHECK,
          'warning',
          ap.address,
          `root directory "${path}" may have no creation_info (the plan has no configuration section to tell).`,
          FIX,
        ),
      ];
  }
}

export const accessPointCreationInfo: Check = {
  id: CHECK,
  summary: 'an aws_efs_access_point has a root directory other than / and no creation_info',
  help: "EFS creates an access point's root directory only when creation_info says who owns it; without it, and unless the directory already exists, every mount through the access point fails.",
  run: (ctx) => ctx.resources.ofType('aws_efs_access_point').flatMap((ap) => diagnose(ctx, ap)),
};
