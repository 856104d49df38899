import { type ModuleDefinition, outputsOnly } from '../../core/module';
import { buildEfsMountEc2 } from './build';
import { efsMountEc2Spec, type EfsMountEc2Input } from './spec';

export const efsMountEc2: ModuleDefinition<EfsMountEc2Input> = {
  spec: efsMountEc2Spec,
  build: outputsOnly(buildEfsMountEc2),
};
