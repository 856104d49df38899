import type { ModuleDefinition } from '../../core/module';
import { EfsFilesystemResources, buildEfsFilesystem } from './build';
import { efsFilesystemSpec } from './spec';

export const efsFilesystem: ModuleDefinition<EfsFilesystemResources> = {
  spec: efsFilesystemSpec,
  build: buildEfsFilesystem,
};
