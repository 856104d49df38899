import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'access-point-posix-user';

/** Whether the access point enforces a POSIX user; undefined when the plan cannot tell (a dynamic block). */
function hasPosixUser(ctx: DoctorContext, ap: PlanResource): boolean | undefined {
  const planned = ap.after.at('posix_user');
  if (!planned.unknown) return planned.items().length > 0;
  return ctx.graph.expressionsAt(ap.configAddress, ['posix_user']).kind === 'unset' ? false : undefined;
}

function diagnose(ctx: DoctorContext, ap: PlanResource): Finding[] {
  if (hasPosixUser(ctx, ap) !== false) return [];
  return [
    finding(
      CHECK,
      'warning',
      ap.address,
      'does not enforce a user identity (no posix_user), which AWS Security Hub control EFS.4 fails: each client acts as whatever uid/gid it runs as, root included.',
      'add `posix_user { uid = 1000, gid = 1000 }` with the identity the application should have (modules/efs-filesystem: access_points.<key>.posix_user; efs-mount-lambda/-ecs/-ec2: posix_user).',
    ),
  ];
}

export const accessPointPosixUser: Check = {
  id: CHECK,
  summary: 'an access point does not enforce a POSIX user (Security Hub EFS.4)',
  help: 'Without posix_user, an access point passes on the uid and gid the client runs as, root included. AWS Security Hub control EFS.4 requires access points to enforce a user identity.',
  securityHub: ['EFS.4'],
  run: (ctx) => ctx.resources.ofType('aws_efs_access_point').flatMap((ap) => diagnose(ctx, ap)),
};
