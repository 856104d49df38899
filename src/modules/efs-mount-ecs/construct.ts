/** The `EfsMountEcs` construct for CDKTF stacks: the same resources as modules/efs-mount-ecs. */
import type { EcsTaskDefinitionVolume } from '@cdktf/provider-aws/lib/ecs-task-definition';
import { Construct, Fn, Token } from '../../cdktf';
import { num } from '../../core/blocks';
import { ModuleConstruct, constructLabel } from '../../core/module';
import { sameValue, tokensAsExpressions } from '../../core/token-identity';
import { throwValidationError } from '../../core/validation-error';
import { asTokens, toOutputs } from '../../core/outputs';
import type { EcsMountPoint, EfsMountEcsOutputs, EfsMountEcsProps } from '../../generated/types';
import {
  MountAccessPoint,
  MountFileSystem,
  accessPointOf,
  fileSystemReferenceOf,
  admitClientGroup,
  dependOnMountTargets,
  roleNameFromArn,
  withKnownMountTargets,
} from '../mount/construct';
import type { EcsTaskDefinitionResource, EcsVolumeEntry } from '../provider-resources';
import { efsMountEcs } from './definition';

export interface EfsMountEcsConstructProps extends Omit<EfsMountEcsProps, 'accessPoint' | 'fileSystem'> {
  /**
   * The file system to mount: an `EfsFilesystem` of the app (`fileSystem: efs`), its
   * `efs.fileSystem`, or a reference written for a file system made elsewhere (`id`, `arn`,
   * `mountTargetIds`; `securityGroupId` and `allowedSecurityGroupIds` when known). With an
   * EfsFilesystem of the app, the task waits for its mount targets and its client group is let in.
   */
  readonly fileSystem: MountFileSystem;
  /**
   * An access point to mount instead of creating one: `efs.addAccessPoint(...)` (of the
   * EfsFilesystem whose `fileSystem` this is: another one's is refused), or any `id` and `arn`.
   * `rootDirectory`, `posixUser` and `rootDirectoryPermissions` then keep their defaults: they
   * describe the access point the construct would create.
   * @default - the construct creates its own access point
   */
  readonly accessPoint?: MountAccessPoint;
  /**
   * The task definition to add the volume to. It then depends on the mount targets (and so does
   * any service running it); unless given, `taskRoleName` is taken from its `taskRoleArn`. A task
   * definition without a task role (with `iamAuthorization: false`) gets no role policy:
   * `attachTaskRolePolicy` then defaults to false. Put `mountPoint` in the container definition's
   * `mountPoints`.
   */
  readonly taskDefinition?: EcsTaskDefinitionResource;
  /**
   * Whether to let `securityGroupId` (the service's group) in on NFS by adding it to the
   * EfsFilesystem's allowed client groups. Mounts sharing a file system and a client group add
   * one rule between them. Set to false when the group is allowed another way; it is then only checked.
   * @default true
   */
  readonly allowClientSecurityGroup?: boolean;
}

/**
 * Mounts an EfsFilesystem into ECS tasks: an access point with its own root directory owned by
 * the POSIX user (or one made by `efs.addAccessPoint`, given as `accessPoint`), a least-privilege
 * IAM policy on the task role, the task definition's volume (TLS, access point, IAM authorization)
 * and the container's mount point. The service's security group (`securityGroupId`) is added to the
 * EfsFilesystem's allowed client groups, which owns the NFS rules: mounts sharing a file system and
 * a client group create one rule.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsMountEcs extends ModuleConstruct {
  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsMountEcsOutputs;

  constructor(scope: Construct, id: string, props: EfsMountEcsConstructProps) {
    const { taskDefinition, allowClientSecurityGroup = true, accessPoint, ...rest } = props;
    const label = constructLabel(efsMountEcs.spec.className, scope, id);
    const fileSystem = fileSystemReferenceOf(props.fileSystem);
    const moduleProps: EfsMountEcsProps = {
      ...rest,
      fileSystem,
      accessPoint: accessPointOf(label, fileSystem, accessPoint),
    };
    const wired = taskDefinition ? fromTaskDefinition(label, taskDefinition, moduleProps) : moduleProps;
    super(scope, id, efsMountEcs, { ...wired, fileSystem: withKnownMountTargets(wired.fileSystem) });
    this.outputs = toOutputs<EfsMountEcsOutputs>(efsMountEcs.spec, this.outputValues);
    if (allowClientSecurityGroup && wired.securityGroupId !== undefined) {
      admitClientGroup(this, label, fileSystem, wired.securityGroupId);
    }
    if (taskDefinition) {
      const existing = taskDefinition.volumeInput;
      if (existing !== undefined && !Array.isArray(existing)) {
        throwValidationError(label, [
          `taskDefinition (${taskDefinition.node.path}) has its volumes as a token: add this.volume to them yourself.`,
        ]);
      }
      taskDefinition.putVolume([...volumeEntries(existing), this.volume]);
      dependOnMountTargets(taskDefinition, this, fileSystem);
    }
  }

  /**
   * ID (`fsap-…`) of the access point the task mounts: the construct's own, or the one given
   * as `accessPoint`. A token, known after apply.
   */
  get accessPointId(): string {
    return this.outputs.accessPointId;
  }

  /**
   * ARN of the access point the task mounts (the construct's own or the given one), as the
   * IAM policy it grants names it. A token, known after apply.
   */
  get accessPointArn(): string {
    return this.outputs.accessPointArn;
  }

  /** The container definition's `mountPoints` entry: put it in `Fn.jsonencode` of `containerDefinitions`. */
  get mountPoint(): EcsMountPoint {
    return this.outputs.mountPoint;
  }

  /** The task definition's volume, for an `EcsTaskDefinition` created without the `taskDefinition` prop. */
  get volume(): EcsTaskDefinitionVolume {
    const efs = (this.outputValues.volume as VolumeOutput).efs_volume_configuration;
    // As the outputs are: what is constant in them is written as constant (src/core/outputs.ts).
    const value = (v: unknown) => asTokens(v) as string;
    return {
      // The name as the props give it (a token stays that token), so task definitions can spot duplicates.
      name: volumeNameOf(this.inputs.volume_name as string | null, this.inputs.name as string),
      efsVolumeConfiguration: {
        fileSystemId: value(efs.file_system_id),
        transitEncryption: efs.transit_encryption,
        transitEncryptionPort: num(value(efs.transit_encryption_port)),
        authorizationConfig: {
          accessPointId: value(efs.authorization_config.access_point_id),
          iam: value(efs.authorization_config.iam),
        },
      },
    };
  }
}

/** The task role, unless given; refuses task definitions whose tasks could not mount with these props. */
function fromTaskDefinition(label: string, td: EcsTaskDefinitionResource, props: EfsMountEcsProps): EfsMountEcsProps {
  const problems: string[] = [];
  const where = `taskDefinition (${td.node.path})`;
  const roleArn = td.taskRoleArnInput;
  if (props.iamAuthorization !== false && roleArn === undefined) {
    problems.push(
      `${where} has no taskRoleArn: EFS IAM authorization mounts with the task role. Give the task definition a taskRoleArn, or pass iamAuthorization: false.`,
    );
  }
  const volumes = volumeEntries(td.volumeInput);
  const volumeName = volumeNameOf(props.volumeName ?? null, props.name);
  // Compared as plan time will see them: one token given to two mounts is one name twice.
  if (volumes.some((existing) => sameValue(td, existing.name, volumeName))) {
    problems.push(
      `${where} already has a volume named ${JSON.stringify(tokensAsExpressions(td, volumeName))}: give each mount its own volumeName.`,
    );
  }
  if (problems.length > 0) throwValidationError(label, problems);
  const taskRoleName =
    props.taskRoleName ??
    (props.attachTaskRolePolicy !== false && roleArn !== undefined ? roleNameFromArn(roleArn) : undefined);
  // Known at synth time here: a task definition without a task role has no role to grant.
  const attachTaskRolePolicy = props.attachTaskRolePolicy ?? (taskRoleName === undefined ? false : undefined);
  return { ...props, taskRoleName, attachTaskRolePolicy };
}

/**
 * The volume name the module computes (`volume_name`, else `name` with "." as "-"), from the props'
 * own values or tokens.
 */
function volumeNameOf(volumeName: string | null, name: string): string {
  if (volumeName !== null) return volumeName;
  return Token.isUnresolved(name) ? Fn.replace(name, '.', '-') : name.replace(/\./g, '-');
}

/** The module's `volume` output as the build writes it (HCL names; values may be tokens). */
interface VolumeOutput {
  readonly efs_volume_configuration: {
    readonly file_system_id: unknown;
    readonly transit_encryption: string;
    readonly transit_encryption_port: unknown;
    readonly authorization_config: { readonly access_point_id: unknown; readonly iam: unknown };
  };
}

/** A task definition's volumes as a list: none for unset, none to compare for a token (refused where it matters). */
function volumeEntries(volumes: EcsTaskDefinitionResource['volumeInput']): readonly EcsVolumeEntry[] {
  return Array.isArray(volumes) ? (volumes as readonly EcsVolumeEntry[]) : [];
}
