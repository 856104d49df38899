import type { DoctorContext } from '../context';
import type { CheckId, Finding } from '../finding';

/** One diagnosis: reads the plan through the context, returns its findings. */
export interface Check {
  id: CheckId;
  /** One line for --help and the docs (the SARIF rule's short description). */
  summary: string;
  /** What goes wrong and what the fix is, in a few sentences (the SARIF rule's help text). */
  help: string;
  /** AWS Security Hub controls the check corresponds to (EFS.1 …), copied onto its findings. */
  securityHub?: readonly string[];
  run(ctx: DoctorContext): Finding[];
}
