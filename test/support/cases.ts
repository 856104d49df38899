/** Helpers that turn a module's declared cases into inputs for either path. */
import { App, TerraformStack } from '../../src/cdktf';
import type { BadInput, TestedModule } from '../../src/core/cases';
import { Violation, check } from '../../src/core/rules';
import { TfType, camelCase } from '../../src/core/types';
import { inputTypes } from '../../src/core/spec';
import { hclInputValues } from '../../src/core/values';
import * as lib from '../../src';

/** Every case's full HCL-shaped input set: the module's valid inputs with the case's values laid over. */
export function caseInputs(def: TestedModule, c?: BadInput): Record<string, unknown> {
  return { ...def.cases.valid, ...(c?.set ?? {}) };
}

/** The violations the TypeScript evaluator finds for a case, in a given spelling. */
export function violations(def: TestedModule, c: BadInput, spelling: 'hcl' | 'ts'): Violation[] {
  return check(def.spec.rules, hclInputValues(def.spec, caseInputs(def, c)), spelling, inputTypes(def.spec));
}

/** HCL-shaped values back to TypeScript props: camelCase object fields, map keys untouched. */
export function toProps(type: TfType, value: unknown): unknown {
  if (value === null || value === undefined) return undefined;
  switch (type.kind) {
    case 'object':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [
          camelCase(k),
          toProps(type.fields[k]?.type ?? { kind: 'any' }, v),
        ]),
      );
    case 'map':
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, toProps(type.of, v)]),
      );
    case 'list':
    case 'set':
      return (value as unknown[]).map((v) => toProps(type.of, v));
    default:
      return value;
  }
}

export function propsFor(def: TestedModule, inputs: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    def.spec.inputs.filter((i) => i.name in inputs).map((i) => [camelCase(i.name), toProps(i.type, inputs[i.name])]),
  );
}

/** `access_points["app"].root_directory` as TypeScript users read it: `accessPoints["app"].rootDirectory`. */
export function tsSpelling(name: string): string {
  return name.replace(/"[^"]*"|[a-z0-9_]+/g, (part) => (part.startsWith('"') ? part : camelCase(part)));
}

type ConstructClass = new (scope: TerraformStack, id: string, props: Record<string, unknown>) => unknown;

/** Creates the module's real TypeScript construct (in a fresh stack unless one is given). */
export function construct(
  def: TestedModule,
  props: Record<string, unknown>,
  stack = new TerraformStack(new App(), 'test'),
  id = 'subject',
): unknown {
  const cls = (lib as unknown as Record<string, ConstructClass>)[def.spec.className];
  if (!cls) throw new Error(`src/index.ts does not export ${def.spec.className}`);
  return new cls(stack, id, props);
}
