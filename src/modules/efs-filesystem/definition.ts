import type { ModuleDefinition } from '../../core/module';
import { buildEfsFilesystem } from './build';
import { efsFilesystemSpec, type EfsFilesystemInput } from './spec';

export const efsFilesystem: ModuleDefinition<EfsFilesystemInput> = {
  spec: efsFilesystemSpec,
  build: buildEfsFilesystem,
};
