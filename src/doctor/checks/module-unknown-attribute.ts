import type { ModuleSpec } from '../../core/spec';
import type { Field, TfType } from '../../core/types';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { ConfigModule, Json, ModuleCall } from '../plan/types';
import type { Check } from './check';
import { closestName } from './closest-name';
import { PROJECT_MODULE_SPECS } from './project-modules';

const CHECK = 'module-unknown-attribute';

/** An attribute written in a module argument that the input's type does not declare. */
interface Unknown {
  /** Where it is written, e.g. `access_points["data"]`. */
  path: string;
  attribute: string;
  fields: Readonly<Record<string, Field>>;
}

const isObject = (value: Json | undefined): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Walks a constant argument along its declared type, collecting object attributes the type does not declare. */
function unknownAttributes(value: Json | undefined, type: TfType, path: string, into: Unknown[]): Unknown[] {
  if (type.kind === 'object' && isObject(value)) {
    for (const [key, inner] of Object.entries(value)) {
      const field = type.fields[key];
      if (field) unknownAttributes(inner, field.type, `${path}.${key}`, into);
      else into.push({ path, attribute: key, fields: type.fields });
    }
  } else if (type.kind === 'map' && isObject(value)) {
    for (const [key, inner] of Object.entries(value))
      unknownAttributes(inner, type.of, `${path}[${JSON.stringify(key)}]`, into);
  } else if ((type.kind === 'list' || type.kind === 'set') && Array.isArray(value)) {
    value.forEach((inner, i) => unknownAttributes(inner, type.of, `${path}[${i}]`, into));
  }
  return into;
}

/**
 * This project's module a call uses: by its source path (…/modules/<name>), or by declaring exactly
 * the spec's inputs.
 */
function projectModule(call: ModuleCall): ModuleSpec | undefined {
  const source = (call.source ?? '').replace(/\?.*$/, '').replace(/\/+$/, '');
  const bySource = PROJECT_MODULE_SPECS.find((spec) => new RegExp(`(^|/)modules/${spec.name}$`).test(source));
  if (bySource) return bySource;
  const variables = Object.keys(call.module?.variables ?? {})
    .sort()
    .join(',');
  return PROJECT_MODULE_SPECS.find(
    (spec) =>
      spec.inputs
        .map((i) => i.name)
        .sort()
        .join(',') === variables,
  );
}

function describeDefault(field: Field): string {
  return field.optional && field.default !== undefined && field.default !== null
    ? ` (${JSON.stringify(field.default)})`
    : '';
}

function diagnoseCall(address: string, name: string, spec: ModuleSpec, call: ModuleCall): Finding[] {
  return Object.entries(call.expressions ?? {}).flatMap(([input, expression]) => {
    const declared = spec.inputs.find((i) => i.name === input);
    if (!declared || expression.constant_value === undefined) return [];
    return unknownAttributes(expression.constant_value, declared.type, input, []).map((u) => {
      const declaredNames = Object.keys(u.fields);
      const closest = closestName(u.attribute, declaredNames);
      const meant = closest ? `; the declared name closest to it is ${closest}` : '';
      const consequence = closest
        ? `, so ${u.path}.${closest} keeps its default${describeDefault(u.fields[closest])}`
        : '';
      return finding(
        CHECK,
        'error',
        address,
        `${u.path} sets ${u.attribute}, which ${spec.name}'s input ${input} does not declare: Terraform drops attributes a variable's type does not declare without a word (hashicorp/terraform#29204)${consequence}${meant}.`,
        closest
          ? `rename ${u.attribute} to ${closest} in module "${name}".`
          : `remove ${u.attribute} from module "${name}"; the attributes ${u.path} takes are ${declaredNames.join(', ')}.`,
      );
    });
  });
}

function walk(module: ConfigModule | undefined, prefix: string): Finding[] {
  return Object.entries(module?.module_calls ?? {}).flatMap(([name, call]) => {
    const address = `${prefix}module.${name}`;
    const spec = projectModule(call);
    return [...(spec ? diagnoseCall(address, name, spec, call) : []), ...walk(call.module, `${address}.`)];
  });
}

export const moduleUnknownAttribute: Check = {
  id: CHECK,
  summary:
    "a call of this project's modules passes an object attribute the input's type does not declare (Terraform drops it silently)",
  help: 'Terraform discards object attributes that a variable\'s type does not declare, without an error or a warning (hashicorp/terraform#29204): access_points = { data = { root_directroy = "/data" } } plans an access point at "/". The plan JSON\'s configuration still holds what was written, so for this project\'s modules (recognised by their source path or their inputs) the doctor names each undeclared attribute and the declared name closest to it. Only arguments whose value is a constant can be read.',
  run: (ctx: DoctorContext) => walk(ctx.plan.configuration?.root_module, ''),
};
