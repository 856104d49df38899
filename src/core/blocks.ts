/**
 * Where cdktf's generated props expect a typed value, a build passes its expression through one of
 * these: each takes what `ctx.tf(expression)` returns and gives a cdktf token of the type the prop
 * declares, so builds need no casts. Also the `dynamic` blocks cdktf has no typed props for.
 */
import { type IResolvable, TerraformElement, TerraformIterator, Token } from '../cdktf';

/**
 * Adds `dynamic "<block>"` blocks to a resource: each entry repeats the block once per
 * element of its `for_each`, with `content` reading `<block>.value`.
 */
export function addDynamic(element: TerraformElement, block: string, ...entries: DynamicEntry[]): void {
  element.addOverride(`dynamic.${block}`, dynamicBodies(entries));
}

/**
 * Adds `dynamic "<block>"` blocks inside the single nested block `parent` of a resource (such as
 * `creation_info` inside `root_directory`), which the resource's typed props write.
 */
export function addNestedDynamic(
  element: TerraformElement,
  parent: string,
  block: string,
  ...entries: DynamicEntry[]
): void {
  element.addOverride(`${parent}.dynamic.${block}`, dynamicBodies(entries));
}

/**
 * Writes the nested blocks `<block>` of a resource from raw HCL bodies, for blocks whose body
 * holds `dynamic` blocks of its own (cdktf's typed props cannot express those): replaces
 * whatever the typed props wrote for that block.
 */
export function setBlocks(element: TerraformElement, block: string, bodies: readonly Record<string, unknown>[]): void {
  element.addOverride(block, bodies);
}

/** One `dynamic` block: its `for_each` expression and the `content` written per element. */
export interface DynamicEntry {
  readonly forEach: string;
  readonly content: Record<string, unknown>;
}

function dynamicBodies(entries: readonly DynamicEntry[]): unknown {
  const bodies = entries.map((e) => ({ for_each: e.forEach, content: e.content }));
  return bodies.length === 1 ? bodies[0] : bodies;
}

/** A typed view of an HCL expression, for attributes cdktf types as number, boolean, list or map. */
export const num = (expression: string): number => Token.asNumber(expression);
/** cdktf types boolean attributes as `boolean | IResolvable`. */
export const bool = (expression: string): IResolvable => Token.asAny(expression);
export const stringList = (expression: string): string[] => Token.asList(expression);
export const stringMap = (expression: string): Record<string, string> => Token.asStringMap(expression);
export const anyMap = (expression: string): Record<string, unknown> => Token.asAnyMap(expression);
export const numberList = (expression: string): number[] => Token.asNumberList(expression);

/** A `for_each` over the map an expression (`ctx.tf(...)`) evaluates to, keyed as that map is. */
export const forEachOf = (expression: string) => TerraformIterator.fromMap(anyMap(expression));
