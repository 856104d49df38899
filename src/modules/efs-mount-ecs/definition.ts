import type { ModuleDefinition } from '../../core/module';
import { buildEfsMountEcs } from './build';
import { efsMountEcsCases } from './cases';
import { efsMountEcsSpec } from './spec';

export const efsMountEcs: ModuleDefinition = {
  spec: efsMountEcsSpec,
  build: buildEfsMountEcs,
  cases: efsMountEcsCases,
};
