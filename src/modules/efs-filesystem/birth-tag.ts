/**
 * The birth tag the replacement guard reads (build-file-system.ts): the file system and the
 * security group carry the timestamp of the plan that created them, kept on every update.
 */
import { type Expr, call, lit, obj } from '../../core/expr';
import { hclString } from '../../core/hcl-values';

/**
 * Tag whose value is the timestamp (RFC 3339, from plantimestamp()) of the plan that created the
 * file system or the security group; the replacement guard reads it. Key and value fit the EFS
 * tag rules (letters, digits, spaces and `_ . : / = + - @`; key up to 128 characters and not
 * starting with `aws:`, value up to 256), which the tests check.
 */
export const CREATED_TAG = 'efs-modules:created';

/** The tag to merge into a resource's tags: set at creation, by this plan. */
export const birthTag = obj({ [CREATED_TAG]: call('plantimestamp') });

/** `ignore_changes` entry that keeps the tag of the plan that created the resource on every update. */
export const keepBirthTag = [`tags[${hclString(CREATED_TAG)}]`];

/** The birth tag read from a tags map (`self.tags`, `aws_security_group.this.tags`), null if absent. */
export const bornTag = (tagsOf: Expr): Expr => call('lookup', tagsOf, lit(CREATED_TAG), lit(null));
