import type { ModuleDefinition } from '../../core/module';
import { EfsFilesystemResources, buildEfsFilesystem } from './build';
import { efsFilesystemSpec, type EfsFilesystemInput } from './spec';

export const efsFilesystem: ModuleDefinition<EfsFilesystemInput, EfsFilesystemResources> = {
  spec: efsFilesystemSpec,
  build: buildEfsFilesystem,
};
