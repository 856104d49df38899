import type { PlanResource, PlanResources } from '../plan/resources';
import type { Planned } from '../plan/planned';
import {
  ACCESS_POINT,
  FILE_SYSTEM,
  TASK_DEFINITION,
  intersects,
  type Identities,
  type Identity,
  type IdentityKind,
} from './identity';

/** An ECS task definition volume backed by EFS. */
export interface EfsVolume {
  name: string;
  /** Index in the planned `volume` list. */
  index: number;
  /** The `efs_volume_configuration` block. */
  config: Planned;
}

export interface MountTargets {
  mountTargets: PlanResource[];
  /** False when the file system could not be traced and these are all the mount targets of the plan. */
  exact: boolean;
}

function union(parts: Identity[]): Identity {
  return {
    tokens: new Set(parts.flatMap((part) => [...part.tokens])),
    unresolved: [...new Set(parts.flatMap((part) => part.unresolved))],
  };
}

/** Who uses which file system, and which mount targets belong to it. */
export class EfsLinks {
  private readonly mountTargetFs = new Map<string, Identity>();

  constructor(
    private readonly resources: PlanResources,
    private readonly ids: Identities,
  ) {}

  /** Instances of `kind.ownerType` that `identity` may name. */
  matching(kind: IdentityKind, identity: Identity): PlanResource[] {
    return this.resources.ofType(kind.ownerType).filter((r) => intersects(this.ids.self(r, kind), identity.tokens));
  }

  /**
   * The file systems a Lambda mounts: Lambda mounts only through an access
   * point, so its file_system_config.arn leads to access points, and their
   * file_system_id to the file systems. Empty tokens without unresolved
   * reasons: the access point is not managed in this plan.
   */
  lambdaFileSystems(lambda: PlanResource): Identity {
    const accessPoint = this.ids.referenced(lambda, ['file_system_config', 0, 'arn'], ACCESS_POINT);
    const accessPoints = this.matching(ACCESS_POINT, accessPoint);
    return union([
      { tokens: new Set(), unresolved: accessPoint.unresolved },
      ...accessPoints.map((ap) => this.ids.referenced(ap, ['file_system_id'], FILE_SYSTEM)),
    ]);
  }

  /** The task definitions an ECS service runs. */
  taskDefinitions(service: PlanResource): { taskDefinitions: PlanResource[]; unresolved: string[] } {
    const reference = this.ids.referenced(service, ['task_definition'], TASK_DEFINITION);
    return { taskDefinitions: this.matching(TASK_DEFINITION, reference), unresolved: reference.unresolved };
  }

  efsVolumes(taskDefinition: PlanResource): EfsVolume[] {
    return taskDefinition.after
      .at('volume')
      .items()
      .map((volume, index) => ({
        name: volume.at('name').string() ?? `#${index}`,
        index,
        config: volume.at('efs_volume_configuration', 0),
      }))
      .filter((volume) => !volume.config.absent);
  }

  taskDefinitionFileSystems(taskDefinition: PlanResource): Identity {
    return union(
      this.efsVolumes(taskDefinition).map((volume) =>
        this.ids.referenced(
          taskDefinition,
          ['volume', volume.index, 'efs_volume_configuration', 0, 'file_system_id'],
          FILE_SYSTEM,
        ),
      ),
    );
  }

  /**
   * Mount targets (remaining after apply) of the file systems `fileSystems`
   * names. When the file system could not be traced at all, every mount
   * target of the plan is a candidate (`exact: false`): a verdict that holds
   * for all of them holds for the one that matters, if it is in this plan.
   */
  mountTargets(fileSystems: Identity): MountTargets {
    const all = this.resources.ofType('aws_efs_mount_target');
    if (fileSystems.tokens.size === 0 && fileSystems.unresolved.length > 0) return { mountTargets: all, exact: false };
    return {
      mountTargets: all.filter((mt) => intersects(this.mountTargetFileSystem(mt).tokens, fileSystems.tokens)),
      exact: true,
    };
  }

  /** Mount targets grouped by the file system they belong to. */
  byFileSystem(mountTargets: readonly PlanResource[]): PlanResource[][] {
    const groups = new Map<string, PlanResource[]>();
    for (const mt of mountTargets) {
      const key = [...this.mountTargetFileSystem(mt).tokens].sort().join(',');
      groups.set(key, [...(groups.get(key) ?? []), mt]);
    }
    return [...groups.values()];
  }

  private mountTargetFileSystem(mountTarget: PlanResource): Identity {
    let identity = this.mountTargetFs.get(mountTarget.address);
    if (!identity) {
      identity = this.ids.referenced(mountTarget, ['file_system_id'], FILE_SYSTEM);
      this.mountTargetFs.set(mountTarget.address, identity);
    }
    return identity;
  }
}
