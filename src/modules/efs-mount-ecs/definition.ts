import { type ModuleDefinition, outputsOnly } from '../../core/module';
import { buildEfsMountEcs } from './build';
import { efsMountEcsSpec } from './spec';

export const efsMountEcs: ModuleDefinition = {
  spec: efsMountEcsSpec,
  build: outputsOnly(buildEfsMountEcs),
};
