/**
 * Test cases declared beside each module (not part of the published package: the generator and
 * the tests pair each definition with its cases in generators/registry.ts): a valid input set, and
 * bad inputs each of which must be refused by exactly one rule, in both paths (construct and HCL),
 * with a message that names the input and shows the bad value.
 *
 * `N`: the module's input names (`InputName<typeof inputs>`, src/core/spec.ts). Input values are
 * objects keyed by those names, so a case that gives an input the module does not have fails to
 * compile (an object literal may only name known properties).
 */
import type { ModuleDefinition } from './module';

/** HCL-shaped values (snake_case) of some of a module's inputs, keyed by input name. */
export type InputValues<N extends string = string> = { readonly [K in N]?: unknown };

/**
 * One input's value, under a name held in a variable: `{ [n.role]: x }` has a string index type
 * when `n.role` has a generic type (a mount module's role input), which TypeScript cannot match
 * with the input-name union; `inputValue(n.role, x)` takes the union from where the value goes
 * (`NoInfer`) and checks the name against it.
 */
export const inputValue = <N extends string>(name: NoInfer<N>, value: unknown): InputValues<N> =>
  ({ [name]: value }) as InputValues<N>;

export interface BadInput<N extends string = string> {
  /** The id of the one rule that must refuse it. */
  readonly rule: string;
  /** What is wrong, in a few words (also the terraform test run name). */
  readonly title: string;
  /** HCL-shaped values (snake_case) laid over the module's valid inputs. */
  readonly set: InputValues<N>;
  /** How the message names the input, in HCL spelling (`access_points["app"].root_directory`). */
  readonly names: readonly string[];
  /** Text that shows the bad value in the HCL message, such as `"fast"` or `5000`. */
  readonly shows: readonly string[];
  /**
   * The same in the TypeScript message, where it reads differently: values are shown as props are
   * written (`uid: -1` for `"uid":-1`, `["a", "b"]`, `undefined` for null). Defaults to `shows`.
   */
  readonly tsShows?: readonly string[];
  /**
   * The bad input is which fields are given (a field set or left out), not a value: a token
   * cannot hide that, so the construct refuses it at synth time even when the values are tokens.
   */
  readonly shape?: true;
}

export interface ModuleCases<N extends string = string> {
  /** A minimal valid set of inputs, HCL-shaped. */
  readonly valid: InputValues<N>;
  readonly bad: readonly BadInput<N>[];
}

/** A module definition with its test cases: what the generator and the tests work from. */
export interface TestedModule<N extends string = string> extends ModuleDefinition<N> {
  readonly cases: ModuleCases<N>;
}

/** Pairs a definition with its cases, checking that both are about the same input names. */
export function withCases<N extends string>(definition: ModuleDefinition<N>, cases: ModuleCases<N>): TestedModule<N> {
  return { ...definition, cases };
}
