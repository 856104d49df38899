import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'fargate-platform-version';
const FARGATE_PROVIDERS = new Set(['FARGATE', 'FARGATE_SPOT']);

function runsOnFargate(service: PlanResource): boolean {
  if (service.after.at('launch_type').string() === 'FARGATE') return true;
  return service.after
    .at('capacity_provider_strategy')
    .items()
    .some((strategy) => FARGATE_PROVIDERS.has(strategy.at('capacity_provider').string() ?? ''));
}

/** True for an explicit version below 1.4.0; LATEST, unset, unknown or unparsable versions are not judged. */
export function isBelowEfsMinimum(version: string | undefined): boolean {
  const match = /^(\d+)\.(\d+)\.(\d+)$/.exec(version ?? '');
  if (!match) return false;
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return major < 1 || (major === 1 && minor < 4);
}

function diagnose(ctx: DoctorContext, service: PlanResource): Finding[] {
  const version = service.after.at('platform_version').string();
  if (!runsOnFargate(service) || !isBelowEfsMinimum(version)) return [];
  return ctx.efs
    .taskDefinitions(service)
    .taskDefinitions.map((td) => ({ td, volumes: ctx.efs.efsVolumes(td).map((v) => `"${v.name}"`) }))
    .filter(({ volumes }) => volumes.length > 0)
    .map(({ td, volumes }) =>
      finding(
        CHECK,
        'error',
        service.address,
        `the service runs on Fargate platform version ${version}, but its task definition ${td.address} has EFS volumes (${volumes.join(', ')}); Fargate supports EFS from platform version 1.4.0, so tasks fail to start.`,
        'set `platform_version = "LATEST"` (or "1.4.0" or later), or remove platform_version.',
      ),
    );
}

export const fargatePlatformVersion: Check = {
  id: CHECK,
  summary: 'a Fargate ECS service whose task definition has EFS volumes pins a platform version below 1.4.0',
  help: 'Fargate mounts EFS from platform version 1.4.0 on; a service pinned below it, with EFS volumes in its task definition, fails to start its tasks. Use LATEST or 1.4.0 and later.',
  run: (ctx) => ctx.resources.ofType('aws_ecs_service').flatMap((service) => diagnose(ctx, service)),
};
