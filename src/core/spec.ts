/**
 * The single declaration of a module's interface: inputs (type, default, description), outputs
 * and validation rules. The TypeScript props, variables.tf, outputs.tf and the README are
 * all derived from it.
 *
 * Typed definitions: a module declares its inputs once with `defineInputs([...])`, which keeps
 * each input's name as a literal type. `InputName<typeof inputs>` is the union of those names,
 * and the same union types the rules (`Rule<N>`, `inputReader<N>()`), the build
 * (`BuildContext<N>`) and the bad-input cases (`ModuleCases<N>`), so a misspelt input name
 * anywhere fails `tsc` instead of printing `var.<typo>`.
 */
import type { Text } from './doc';
import type { Rule } from './rules';
import type { TfType, ValueOf } from './types';

export interface InputSpec<N extends string = string, T extends TfType = TfType> {
  /** snake_case, as HCL users write it; TypeScript props use its camelCase. */
  readonly name: N;
  /** Built with `t` (types.ts), it also types what a build or rule reads of the input (`InputValues`). */
  readonly type: T;
  /** Spelled per path (doc.ts); an optional input without a default says what leaving it out means (`doc.unset`). */
  readonly description: Text;
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

/** The properties the entries of `defineInputs` have that `InputSpec` does not declare. */
type Undeclared<E> = E extends unknown ? Exclude<keyof E, keyof InputSpec> : never;
/** Nothing when every property is declared; else a requirement that names the first misspelt one. */
type OnlyDeclared<S extends readonly unknown[]> = [Undeclared<S[number]>] extends [never]
  ? unknown
  : { readonly 'an InputSpec has no property': Undeclared<S[number]> };

/**
 * Declares inputs, keeping each name as a literal type (`'throughput_mode'`, not `string`) and each
 * type as built (`Typed<number>`), so that `InputName<typeof inputs>` is the union of the declared
 * names and `InputValues<typeof inputs>` maps each to the value it holds. Spread other declarations
 * into it (`...backupPlanInputs`) and their names join the union. Returns the array unchanged.
 */
export function defineInputs<const S extends readonly InputSpec[]>(
  // `OnlyDeclared` refuses a misspelt property such as `descripton`, which the inferred `S` would
  // otherwise simply include.
  inputs: S & OnlyDeclared<S>,
): S {
  return inputs;
}

/**
 * What each input of a declaration holds, by name: `{ throughput_mode: ThroughputMode; tags:
 * Record<string, string>; … }`. Builds take it as their `BuildContext`'s type, so that reading a
 * nested field the type does not declare (`posix_user.secondary_gid`) fails to compile.
 */
export type InputValues<D extends readonly InputSpec[]> = {
  readonly [S in D[number] as S['name']]: ValueOf<S['type']>;
};

/**
 * The union of input names of a declaration: of an array made by `defineInputs`, or of a whole
 * `ModuleSpec`. This is the type every other part of a module takes its input names from.
 */
export type InputName<D> = D extends readonly InputSpec<infer N>[] ? N : D extends ModuleSpec<infer N> ? N : never;

export interface OutputSpec {
  readonly name: string;
  /** Spelled per path (doc.ts). */
  readonly description: Text;
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

/** `N`: the module's input names (`InputName<typeof inputs>`); rules may read only those. */
export interface ModuleSpec<N extends string = string> {
  /** Folder under modules/ and examples/, e.g. `efs-filesystem`. */
  readonly name: string;
  /** The TypeScript construct's class name, e.g. `EfsFilesystem`. */
  readonly className: string;
  /** One sentence: what the module creates. */
  readonly summary: string;
  readonly inputs: readonly InputSpec<N>[];
  readonly outputs: readonly OutputSpec[];
  /** Every rule, single-input and cross-input, in the order messages are reported. */
  readonly rules: readonly Rule<N>[];
  /** Minimum AWS provider version the module's resources need. */
  readonly awsProviderVersion: string;
}

/**
 * The declared type of each input, by HCL name: how a TypeScript message spells the keys of a value
 * it shows (`evaluate`).
 */
export function inputTypes(spec: ModuleSpec): Readonly<Record<string, TfType>> {
  return Object.fromEntries(spec.inputs.map((i) => [i.name, i.type]));
}

export function inputNamed<N extends string>(spec: ModuleSpec<N>, name: N): InputSpec<N> {
  const found = spec.inputs.find((i) => i.name === name);
  if (!found) throw new Error(`${spec.name}: no input named ${name}`);
  return found;
}

/**
 * Inputs that are never null in the HCL module: required ones, and those with a non-null
 * default (written `nullable = false`, so an explicit null means the default).
 */
export function nonNullableInputs(spec: ModuleSpec): ReadonlySet<string> {
  return new Set(
    spec.inputs.filter((i) => i.required || (i.default !== undefined && i.default !== null)).map((i) => i.name),
  );
}

/**
 * The type of one entry of a list, set or map input, e.g. for the defaults `optional()` gives an
 * added entry's fields.
 */
export function entryType(spec: ModuleSpec, name: string): TfType {
  const { type } = inputNamed(spec, name);
  if (type.kind !== 'list' && type.kind !== 'set' && type.kind !== 'map')
    throw new Error(`${spec.name}: ${name} is not a list, set or map`);
  return type.of;
}
