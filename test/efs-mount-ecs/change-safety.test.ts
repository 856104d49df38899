/**
 * The change-safety table of efs-mount-ecs's README, proven with the real AWS provider: each
 * input changed on a deployed mount plans exactly what the table says (cases and harness in
 * test/support/mounts/change-safety.ts, shared with the other mount module).
 */
import { describeChangeSafety } from '../support/mounts/change-safety';

describeChangeSafety('ecs');
