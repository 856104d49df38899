import type { ModuleDefinition } from '../../core/module';
import { buildEfsFilesystem } from './build';
import { efsFilesystemSpec } from './spec';

export const efsFilesystem: ModuleDefinition = {
  spec: efsFilesystemSpec,
  build: buildEfsFilesystem,
};
