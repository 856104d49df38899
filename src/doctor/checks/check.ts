import type { DoctorContext } from '../context';
import type { CheckId, Finding } from '../finding';

/** One diagnosis: reads the plan through the context, returns its findings. */
export interface Check {
  id: CheckId;
  /** One line for --help and the docs. */
  summary: string;
  run(ctx: DoctorContext): Finding[];
}
