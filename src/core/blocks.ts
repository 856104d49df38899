/** Helpers for writing Terraform constructs cdktf has no typed form for. */
import { TerraformElement, Token } from '../cdktf';

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

/** A typed view of an HCL expression, for attributes cdktf types as number, boolean or list. */
export const num = (expression: string): number => Token.asNumber(expression);
export const bool = (expression: string): boolean => Token.asAny(expression) as unknown as boolean;
