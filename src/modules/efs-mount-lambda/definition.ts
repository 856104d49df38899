import { type ModuleDefinition, outputsOnly } from '../../core/module';
import { buildEfsMountLambda } from './build';
import { efsMountLambdaSpec } from './spec';

export const efsMountLambda: ModuleDefinition = {
  spec: efsMountLambdaSpec,
  build: outputsOnly(buildEfsMountLambda),
};
