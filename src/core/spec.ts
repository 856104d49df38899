/**
 * The single declaration of a module's interface: inputs (type, default, description), outputs
 * and validation rules. The TypeScript props, variables.tf, outputs.tf and the README are
 * all derived from it.
 */
import type { Rule } from './rules';
import type { TfType } from './types';

export interface InputSpec {
  /** snake_case, as HCL users write it; TypeScript props use its camelCase. */
  readonly name: string;
  readonly type: TfType;
  readonly description: string;
  /** Required inputs have no default. */
  readonly required?: boolean;
  /** HCL-shaped default (snake_case keys). Omitted on an optional input means `null`. */
  readonly default?: unknown;
  /**
   * What a plan does when the input changes on a deployed module (in place, per entry, replaced
   * create-before-destroy, refused…), for the README's change-safety table. Say only what a test proves.
   */
  readonly onChange?: string;
}

export interface OutputSpec {
  readonly name: string;
  readonly description: string;
  /** The output's type, for the TypeScript accessor. */
  readonly type: TfType;
  /**
   * For HCL users only: the construct offers the same thing in a TypeScript shape of its own, so
   * the outputs type, its named types and the API reference leave it out.
   */
  readonly hclOnly?: boolean;
}

/** The outputs a TypeScript construct exposes (every output not marked `hclOnly`). */
export const tsOutputs = (spec: ModuleSpec): readonly OutputSpec[] => spec.outputs.filter((o) => !o.hclOnly);

export interface ModuleSpec {
  /** Folder under modules/ and examples/, e.g. `efs-filesystem`. */
  readonly name: string;
  /** The TypeScript construct's class name, e.g. `EfsFilesystem`. */
  readonly className: string;
  /** One sentence: what the module creates. */
  readonly summary: string;
  readonly inputs: readonly InputSpec[];
  readonly outputs: readonly OutputSpec[];
  /** Every rule, single-input and cross-input, in the order messages are reported. */
  readonly rules: readonly Rule[];
  /** Minimum AWS provider version the module's resources need. */
  readonly awsProviderVersion: string;
}

export function inputNamed(spec: ModuleSpec, name: string): InputSpec {
  const found = spec.inputs.find((i) => i.name === name);
  if (!found) throw new Error(`${spec.name}: no input named ${name}`);
  return found;
}

/**
 * Inputs that are never null in the HCL module: required ones, and those with a non-null
 * default (written `nullable = false`, so an explicit null means the default).
 */
export function nonNullableInputs(spec: ModuleSpec): ReadonlySet<string> {
  return new Set(spec.inputs.filter((i) => i.required || (i.default !== undefined && i.default !== null)).map((i) => i.name));
}
