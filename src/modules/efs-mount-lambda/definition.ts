import { type ModuleDefinition, outputsOnly } from '../../core/module';
import { buildEfsMountLambda } from './build';
import { efsMountLambdaSpec, type EfsMountLambdaInput } from './spec';

export const efsMountLambda: ModuleDefinition<EfsMountLambdaInput> = {
  spec: efsMountLambdaSpec,
  build: outputsOnly(buildEfsMountLambda),
};
