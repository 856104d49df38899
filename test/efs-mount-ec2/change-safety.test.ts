/**
 * The change-safety table of efs-mount-ec2's README, proven with the real AWS provider: each
 * input changed on a deployed mount plans exactly what the table says, for an instance that takes
 * `user_data` and a launch template that takes `user_data_base64` (cases and harness in
 * test/support/mounts/change-safety.ts, shared with the other mount modules).
 */
import { describeChangeSafety } from '../support/mounts/change-safety';

describeChangeSafety('ec2');
