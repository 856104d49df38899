import { type ModuleDefinition, outputsOnly } from '../../core/module';
import { buildEfsMountEcs } from './build';
import { efsMountEcsSpec, type EfsMountEcsInput } from './spec';

export const efsMountEcs: ModuleDefinition<EfsMountEcsInput> = {
  spec: efsMountEcsSpec,
  build: outputsOnly(buildEfsMountEcs),
};
