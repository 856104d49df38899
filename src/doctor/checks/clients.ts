import type { DoctorContext } from '../context';
import type { PlanResource } from '../plan/resources';

/** Lambda functions (remaining after apply) that mount a file system. */
export function lambdasWithFileSystem(ctx: DoctorContext): PlanResource[] {
  return ctx.resources.ofType('aws_lambda_function').filter((lambda) => {
    const config = lambda.after.at('file_system_config');
    return config.unknown || config.items().length > 0;
  });
}
