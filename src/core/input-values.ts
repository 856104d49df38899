/**
 * Construct mode's reading of an input (`ctx.input`): the prop's value itself, written as HCL where
 * the build embeds it, so the synthesized configuration holds `"elastic"` or `aws_vpc.main.id`
 * where the HCL module holds `var.throughput_mode`. No local stands between a prop and the
 * resources that use it: `terraform show -json` (and so `efs-modules doctor`) sees what references
 * what, and a reader of cdk.tf.json sees the values. literal-folding.ts then turns what became
 * constant (`${"elastic"}`, `${true ? 1 : 0}`) into plain JSON.
 */
import { type IResolvable, type IResolveContext, Token, Tokenization } from '../cdktf';
import { hclKey, hclString, escapeTemplateText } from './hcl-values';

/**
 * The HCL expression of a value that may hold cdktf tokens: literals as HCL literals, a token as
 * the token itself (cdktf writes its expression in its place, `aws_vpc.main.id`, and registers a
 * reference to another stack as it does for any prop), a string with text around tokens as a
 * template. Must be embedded inside an expression (`${…}`): tokens are written without braces.
 */
export function hclWithTokens(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return Token.isUnresolved(value) ? stringWithTokens(value) : hclString(value);
  if (typeof value === 'number') return Token.isUnresolved(value) ? Token.asString(value) : String(value);
  if (typeof value === 'boolean') return String(value);
  // A list, map or other token (Token.asList, Token.asStringMap, an IResolvable): its expression, whole.
  if (Token.isUnresolved(value)) return Token.asString(value);
  if (Array.isArray(value)) return `[${value.map(hclWithTokens).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 0) return '{}';
  return `{ ${entries.map(([k, v]) => `${hclKey(k)} = ${hclWithTokens(v)}`).join(', ')} }`;
}

/**
 * Set while a data source of a construct is resolved (module.ts). Terraform defers reading a data
 * source to the apply when its configuration references a managed resource that the plan changes,
 * even when the value it reads is known; through a local (or, in the HCL module, a variable) it
 * does not. So a data source reads a prop that holds references through a local of its own,
 * `local.<construct>_input_<name>`, as the HCL module's data sources read `var.<input>`.
 */
let dataSourceResolving = 0;
export const dataSourceResolution = {
  begin: (): void => void (dataSourceResolving += 1),
  end: (): void => void (dataSourceResolving -= 1),
};

let recorder: ((name: string) => void) | undefined;

/** The names of the inputs (those given a `name` in inputExpression) that resolving with `resolve` reads. */
export function inputsReadBy(resolve: () => void): Set<string> {
  const names = new Set<string>();
  const outer = recorder;
  recorder = (name) => names.add(name);
  try {
    resolve();
  } finally {
    recorder = outer;
  }
  return names;
}

/** Whether a value holds a cdktf token anywhere. */
export function holdsTokens(value: unknown): boolean {
  if (value === null || value === undefined) return false;
  if (Token.isUnresolved(value)) return true;
  if (Array.isArray(value)) return value.some(holdsTokens);
  if (typeof value === 'object') return Object.values(value as Record<string, unknown>).some(holdsTokens);
  return false;
}

/** cdktf's encoding of a string token inside a string (`${TfToken[TOKEN.12]}`). */
const STRING_TOKEN = /\$\{TfToken\[[^\]]+\]\}/g;

/**
 * A string that is one token is that token; one with text around its tokens (`${prefix}-files`) is
 * a quoted template, each token in its own `${…}` (inside an expression cdktf writes a token
 * without braces, so the braces are written here).
 */
function stringWithTokens(s: string): string {
  const tokens = s.match(STRING_TOKEN) ?? [];
  if (tokens.length === 1 && tokens[0] === s) return s;
  if (tokens.length !== Tokenization.reverseString(s).tokens.length) {
    throw new Error(`cannot tell the tokens of ${JSON.stringify(s)} apart from its text`);
  }
  const texts = s.split(STRING_TOKEN);
  return `"${texts.map((text, i) => escapeTemplateText(text) + (i < tokens.length ? `\${${tokens[i]}}` : '')).join('')}"`;
}

/**
 * A string token that is written, at synth time, as the HCL of the value `read()` returns then:
 * methods that add to an input after construction (`allowClient`, `addAccessPoint`) add to the
 * object `read` reads, and the resources the build wrote see the addition.
 */
export function inputExpression(
  read: () => unknown,
  local: () => string | undefined = () => undefined,
  name?: string,
): string {
  let token = '';
  const resolvable: IResolvable = {
    creationStack: [],
    resolve: (context: IResolveContext) => {
      // The value is always read inside an expression: its tokens are written without `${…}`.
      context.suppressBraces = true;
      if (name !== undefined) recorder?.(name);
      const through = dataSourceResolving > 0 ? local() : undefined;
      return through ?? hclWithTokens(read());
    },
    toString: () => token,
  };
  token = Token.asString(resolvable);
  return token;
}
