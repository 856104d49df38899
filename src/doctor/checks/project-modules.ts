/**
 * The specs of this project's modules, the one declaration of their inputs and types: the
 * doctor reads the declared object attributes from here. Every module generators/registry.ts
 * publishes must be listed (test/doctor/efs-checks.test.ts checks it).
 */
import type { ModuleSpec } from '../../core/spec';
import { efsFilesystemSpec } from '../../modules/efs-filesystem/spec';
import { efsMountEc2Spec } from '../../modules/efs-mount-ec2/spec';
import { efsMountEcsSpec } from '../../modules/efs-mount-ecs/spec';
import { efsMountLambdaSpec } from '../../modules/efs-mount-lambda/spec';

export const PROJECT_MODULE_SPECS: readonly ModuleSpec[] = [
  efsFilesystemSpec,
  efsMountLambdaSpec,
  efsMountEcsSpec,
  efsMountEc2Spec,
];
