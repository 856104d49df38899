/** Comparing values that may be cdktf tokens. */
import { Construct, DefaultTokenResolver, StringConcat, Tokenization } from '../cdktf';

/**
 * A value as Terraform will read it: `\${aws_security_group.app.id}` for a token, the value itself
 * otherwise. Two reads of one attribute are two different token strings, but the same text here.
 */
export function terraformText(scope: Construct, value: unknown): string {
  return JSON.stringify(Tokenization.resolve(value, { scope, resolver: new DefaultTokenResolver(new StringConcat()), preparing: false }));
}
