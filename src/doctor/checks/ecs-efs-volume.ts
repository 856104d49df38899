import type { EfsVolume } from '../analysis/efs-links';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'ecs-efs-volume';

function diagnose(taskDefinition: PlanResource, volume: EfsVolume): Finding[] {
  const { config } = volume;
  const accessPoint = config.at('authorization_config', 0, 'access_point_id');
  const usesAccessPoint = accessPoint.unknown || (accessPoint.string() ?? '') !== '';
  const usesIam = config.at('authorization_config', 0, 'iam').string() === 'ENABLED';
  const transit = config.at('transit_encryption');
  const rootDirectory = config.at('root_directory').string();
  const findings: Finding[] = [];

  if ((usesAccessPoint || usesIam) && !transit.unknown && transit.string() !== 'ENABLED') {
    const what = [usesAccessPoint ? 'an access point' : '', usesIam ? 'IAM authorization' : '']
      .filter(Boolean)
      .join(' and ');
    const setting = transit.string()
      ? `transit_encryption = "${transit.string()}"`
      : 'transit_encryption unset (DISABLED)';
    findings.push(
      finding(
        CHECK,
        'error',
        taskDefinition.address,
        `volume "${volume.name}" uses ${what} with ${setting}: ${usesAccessPoint && usesIam ? 'both need' : 'it needs'} transit encryption, and ECS rejects the task definition.`,
        `set \`transit_encryption = "ENABLED"\` in the efs_volume_configuration of volume "${volume.name}".`,
      ),
    );
  }
  if (usesAccessPoint && rootDirectory !== undefined && rootDirectory !== '' && rootDirectory !== '/') {
    findings.push(
      finding(
        CHECK,
        'error',
        taskDefinition.address,
        `volume "${volume.name}" sets root_directory = "${rootDirectory}" together with an access point: with an access point the root directory must be omitted or "/" (the access point's own root applies); otherwise the API rejects it or the plan never settles.`,
        `remove root_directory from volume "${volume.name}" and set the path as the access point's root_directory instead.`,
      ),
    );
  }
  return findings;
}

export const ecsEfsVolume: Check = {
  id: CHECK,
  summary:
    'an ECS task definition EFS volume uses an access point or IAM authorization without transit encryption, or an access point with a root_directory',
  help: 'ECS rejects an EFS volume that uses an access point or IAM authorization without transit encryption, or an access point together with a root_directory other than /. Enable transit_encryption and leave root_directory to the access point.',
  run: (ctx) =>
    ctx.resources
      .ofType('aws_ecs_task_definition')
      .flatMap((td) => ctx.efs.efsVolumes(td).flatMap((volume) => diagnose(td, volume))),
};
