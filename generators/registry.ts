/** Every module the project publishes, in the order they are generated and documented. */
import type { ModuleDefinition } from '../src/core/module';
import { efsFilesystem } from '../src/modules/efs-filesystem/definition';
import { efsMountEcs } from '../src/modules/efs-mount-ecs/definition';
import { efsMountLambda } from '../src/modules/efs-mount-lambda/definition';

export const MODULES: readonly ModuleDefinition[] = [efsFilesystem, efsMountLambda, efsMountEcs];

/** Lowest versions the generated HCL is written for (checked by tests on the pinned toolchain). */
export const TERRAFORM_MIN = '1.5';
export const OPENTOFU_MIN = '1.6';
