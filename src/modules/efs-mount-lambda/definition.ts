import type { ModuleDefinition } from '../../core/module';
import { buildEfsMountLambda } from './build';
import { efsMountLambdaCases } from './cases';
import { efsMountLambdaSpec } from './spec';

export const efsMountLambda: ModuleDefinition = {
  spec: efsMountLambdaSpec,
  build: buildEfsMountLambda,
  cases: efsMountLambdaCases,
};
