import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'access-point-root-directory';

/**
 * The access point's root directory path: "/" when the configuration writes no root_directory;
 * undefined when unknown.
 */
function rootPath(ctx: DoctorContext, ap: PlanResource): string | undefined {
  const path = ap.after.at('root_directory', 0, 'path');
  if (path.string() !== undefined) return path.string();
  const block = ap.after.at('root_directory');
  if (!block.unknown && block.items().length === 0) return '/';
  return ctx.graph.expressionsAt(ap.configAddress, ['root_directory']).kind === 'unset' ? '/' : undefined;
}

function diagnose(ctx: DoctorContext, ap: PlanResource): Finding[] {
  if (rootPath(ctx, ap) !== '/') return [];
  return [
    finding(
      CHECK,
      'warning',
      ap.address,
      'does not enforce a root directory (its root is "/", the whole file system), which AWS Security Hub control EFS.3 fails: every client that mounts through it sees every file.',
      'give it a directory of its own: `root_directory { path = "/app" creation_info { owner_uid, owner_gid, permissions = "0750" } }` (modules/efs-filesystem: access_points.<key>.root_directory; efs-mount-lambda/-ecs/-ec2: root_directory).',
    ),
  ];
}

export const accessPointRootDirectory: Check = {
  id: CHECK,
  summary: 'an access point does not enforce a root directory (Security Hub EFS.3)',
  help: 'An access point whose root directory is "/" lets every client that mounts through it see the whole file system. AWS Security Hub control EFS.3 requires access points to enforce a root directory: give each one a directory of its own.',
  securityHub: ['EFS.3'],
  run: (ctx) => ctx.resources.ofType('aws_efs_access_point').flatMap((ap) => diagnose(ctx, ap)),
};
