/** Prints variables.tf from a module spec: types, defaults, descriptions and validation blocks. */
import { spell } from '../../src/core/doc';
import type { RenderOptions } from '../../src/core/expr';
import { forNonNullable, isCrossInput, renderHcl } from '../../src/core/rules';
import { nonNullableInputs, type InputSpec, type ModuleSpec } from '../../src/core/spec';
import { layoutValue } from './layout';
import { hclType } from './types';
import { Item, attr, blank, block, renderBlock } from '../../src/core/hcl-writer';
import { hclLiteral, hclString } from '../../src/core/hcl-values';

const HCL: RenderOptions = { resolve: (n) => `var.${n}`, spelling: 'hcl' };

export function printVariables(spec: ModuleSpec): string[] {
  return spec.inputs.map((input) =>
    renderBlock(`variable ${hclString(input.name)}`, variableBody(spec, input), layoutValue),
  );
}

function variableBody(spec: ModuleSpec, input: InputSpec): Item[] {
  const items: Item[] = [
    attr('description', hclString(spell(input.description, 'hcl'))),
    attr('type', hclType(input.type)),
  ];
  if (!input.required) items.push(attr('default', hclLiteral(input.default ?? null)));
  // With a non-null default, an explicit null means "use the default", as the construct does.
  if (nonNullableInputs(spec).has(input.name)) items.push(attr('nullable', 'false'));
  for (const rule of spec.rules.filter((r) => !isCrossInput(r) && r.inputs[0] === input.name)) {
    const { condition, message } = renderHcl(forNonNullable(rule, nonNullableInputs(spec)), HCL);
    items.push(blank, block('validation', [attr('condition', condition), attr('error_message', message)]));
  }
  return items;
}
