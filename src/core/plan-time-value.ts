/**
 * A token for a prop typed as a closed set (`throughputMode: ThroughputMode`), such as the
 * `stringValue` of a `TerraformVariable`: TypeScript cannot know which member a token holds, so
 * the prop's union refuses a plain `string`.
 */
import { Token } from '../cdktf';
import { throwValidationError } from './validation-error';

/**
 * Types a string token as one member of a union of literals, to give it to such a prop:
 * `throughputMode: planTimeValue<ThroughputMode>(mode.stringValue)`. The value is checked at plan
 * time by the prop's own rule, with the message a literal gets at synth time. Only tokens are
 * taken: a literal needs no help (write it, and the compiler checks it).
 */
export function planTimeValue<T extends string>(token: string): T {
  if (!Token.isUnresolved(token)) {
    throwValidationError('planTimeValue', [
      `${JSON.stringify(token)} is not a token: give a literal value to the prop as it is, so that the compiler checks it against the union.`,
    ]);
  }
  return token as T;
}
