/** Every module the project publishes, in the order they are generated and documented. */
import type { ModuleDefinition } from '../src/core/module';
import { efsFilesystem } from '../src/modules/efs-filesystem/definition';

export const MODULES: readonly ModuleDefinition[] = [efsFilesystem];

/** Lowest versions the generated HCL is written for (checked by tests on the pinned toolchain). */
export const TERRAFORM_MIN = '1.5';
export const OPENTOFU_MIN = '1.6';
