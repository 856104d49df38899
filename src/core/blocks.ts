/**
 * The one way a build writes an HCL expression where cdktf's generated props expect a typed
 * value: each helper takes an expression string (`ex(...)`) and returns a cdktf token of the type
 * the prop declares, so builds need no casts.
 */
import { type IResolvable, TerraformElement, Token } from '../cdktf';

/**
 * Adds `dynamic "<block>"` blocks to a resource: each entry repeats the block once per
 * element of its `for_each`, with `content` reading `<block>.value`.
 */
export function addDynamic(
  element: TerraformElement,
  block: string,
  ...entries: { forEach: string; content: Record<string, unknown> }[]
): void {
  const bodies = entries.map((e) => ({ for_each: e.forEach, content: e.content }));
  element.addOverride(`dynamic.${block}`, bodies.length === 1 ? bodies[0] : bodies);
}

/** A typed view of an HCL expression, for attributes cdktf types as number, boolean, list or map. */
export const num = (expression: string): number => Token.asNumber(expression);
/** cdktf types boolean attributes as `boolean | IResolvable`. */
export const bool = (expression: string): IResolvable => Token.asAny(expression);
export const stringList = (expression: string): string[] => Token.asList(expression);
export const stringMap = (expression: string): Record<string, string> => Token.asStringMap(expression);
export const anyMap = (expression: string): Record<string, unknown> => Token.asAnyMap(expression);
export const numberList = (expression: string): number[] => Token.asNumberList(expression);
