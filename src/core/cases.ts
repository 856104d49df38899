/**
 * Test cases declared beside each module (not part of the published package: the generator and
 * the tests pair each definition with its cases in generators/registry.ts): a valid input set, and bad inputs each of which
 * must be refused by exactly one rule, in both paths (construct and HCL), with a message
 * that names the input and shows the bad value.
 */
import type { ModuleDefinition } from './module';

export interface BadInput {
  /** The id of the one rule that must refuse it. */
  readonly rule: string;
  /** What is wrong, in a few words (also the terraform test run name). */
  readonly title: string;
  /** HCL-shaped values (snake_case) laid over the module's valid inputs. */
  readonly set: Readonly<Record<string, unknown>>;
  /** How the message names the input, in HCL spelling (`access_points["app"].root_directory`). */
  readonly names: readonly string[];
  /** Text that shows the bad value in the message, such as `"fast"` or `5000`. */
  readonly shows: readonly string[];
}

export interface ModuleCases {
  /** A minimal valid set of inputs, HCL-shaped. */
  readonly valid: Readonly<Record<string, unknown>>;
  readonly bad: readonly BadInput[];
}

/** A module definition with its test cases: what the generator and the tests work from. */
export interface TestedModule extends ModuleDefinition {
  readonly cases: ModuleCases;
}
