/** Every module the project publishes, in the order they are generated and documented. */
import { TestedModule, withCases } from '../src/core/cases';
import { efsFilesystemCases } from '../src/modules/efs-filesystem/cases';
import { efsFilesystem } from '../src/modules/efs-filesystem/definition';
import { efsMountEc2Cases } from '../src/modules/efs-mount-ec2/cases';
import { efsMountEc2 } from '../src/modules/efs-mount-ec2/definition';
import { efsMountEcsCases } from '../src/modules/efs-mount-ecs/cases';
import { efsMountEcs } from '../src/modules/efs-mount-ecs/definition';
import { efsMountLambdaCases } from '../src/modules/efs-mount-lambda/cases';
import { efsMountLambda } from '../src/modules/efs-mount-lambda/definition';

/**
 * Each definition with its bad inputs. The cases are paired here rather than in the definitions,
 * so that the constructs (and the npm package) do not load test inputs.
 */
export const MODULES: readonly TestedModule[] = [
  withCases(efsFilesystem, efsFilesystemCases),
  withCases(efsMountLambda, efsMountLambdaCases),
  withCases(efsMountEcs, efsMountEcsCases),
  withCases(efsMountEc2, efsMountEc2Cases),
];

/** Lowest versions the generated HCL is written for (checked by tests on the pinned toolchain). */
export const TERRAFORM_MIN = '1.5';
export const OPENTOFU_MIN = '1.6';
