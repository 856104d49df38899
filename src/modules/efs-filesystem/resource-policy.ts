/**
 * `EfsFilesystem.addToResourcePolicy`: a file system policy statement added in code after the
 * construct exists, as AWS CDK's `FileSystem.addToResourcePolicy` offers.
 *
 * Like `addAccessPoint`, it adds an entry to an input (`policy_statements`) rather than writing
 * anything of its own: the inputs are read at synth time (ctx.input), so the policy document's
 * statements already hold the entry, and the spec's rules check it with their messages
 * (lockout included). One code path: a statement added in code is written exactly as one given
 * in the prop.
 */
import { Token } from '../../cdktf';
import { entryType } from '../../core/spec';
import { throwValidationError } from '../../core/validation-error';
import { toHclValue } from '../../core/values';
import type { PolicyStatement } from '../../generated/types';
import type { Construct } from '../../cdktf';
import { efsFilesystem } from './definition';

/** The type of one `policy_statements` entry, for the defaults `optional()` gives its fields. */
const ENTRY_TYPE = entryType(efsFilesystem.spec, 'policy_statements');

/**
 * Appends `statement` to the construct's `policy_statements` (HCL-shaped, rendered at synth),
 * after checking it with the spec's rules; returns its index in `policyStatements`.
 */
export function addStatementTo(
  fileSystem: Construct,
  inputs: Record<string, unknown>,
  checkAddition: (label: string, input: string, candidate: Record<string, unknown>) => void,
  statement: PolicyStatement,
): number {
  const label = `EfsFilesystem "${fileSystem.node.path}" addToResourcePolicy`;
  const existing = inputs.policy_statements;
  if (Token.isUnresolved(existing)) {
    throwValidationError(label, [
      'policyStatements was given as a token, known only at plan time: addToResourcePolicy cannot add to it. Give policyStatements as a literal list (its values may be tokens).',
    ]);
  }
  const list = existing as unknown[];
  const entry = toHclValue(ENTRY_TYPE, statement);
  const candidate = { ...inputs, policy_statements: [...list, entry] };
  checkAddition(label, 'policy_statements', candidate);
  list.push(entry);
  return list.length - 1;
}
