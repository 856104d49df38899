/**
 * Runs a module definition in module mode (inputs are `var.*`, resources are named `this`)
 * and returns the synthesized Terraform JSON with the elements in the order build created them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  App, TerraformDataSource, TerraformElement, TerraformLocal, TerraformOutput, TerraformResource, TerraformStack,
} from '../src/cdktf';
import { spell } from '../src/core/doc';
import { argumentCommentsOf, commentOf, concernOf } from '../src/core/hcl-comments';
import { moduleContext, type ModuleDefinition } from '../src/core/module';
import type { ElementRef, JsonObject } from './hcl/config-printer';

export interface SynthesizedModule {
  readonly config: JsonObject;
  readonly order: readonly ElementRef[];
  /** Address of the resource that carries the cross-input preconditions. */
  readonly guard: string;
}

export function synthModule(definition: ModuleDefinition): SynthesizedModule {
  // toTerraform() below writes nothing; App only insists on an output folder existing.
  const app = new App({ outdir: join(tmpdir(), 'efs-modules-generate'), skipValidation: true });
  const stack = new TerraformStack(app, definition.spec.name);
  // The provider block belongs to the caller of a module; this one only satisfies cdktf.
  new AwsProvider(stack, 'aws', {});
  const values = definition.build(moduleContext(stack, definition.spec)).outputs;
  for (const output of definition.spec.outputs) {
    if (!(output.name in values)) throw new Error(`${definition.spec.name}: build returned no value for output ${output.name}`);
    new TerraformOutput(stack, `output_${output.name}`, {
      value: values[output.name],
      description: spell(output.description, 'hcl'),
    }).overrideLogicalId(output.name);
  }
  const config = stack.toTerraform() as JsonObject;
  const order = stack.node.findAll().flatMap(elementRef);
  return { config, order, guard: guardAddress(config, definition) };
}

function guardAddress(config: JsonObject, definition: ModuleDefinition): string {
  const resources = (config.resource ?? {}) as Record<string, Record<string, { lifecycle?: { precondition?: unknown[] } }>>;
  const found = Object.entries(resources).flatMap(([type, byName]) =>
    Object.entries(byName).filter(([, r]) => r.lifecycle?.precondition?.length).map(([name]) => `${type}.${name}`),
  );
  const crossRules = definition.spec.rules.filter((r) => r.inputs.length > 1).length;
  if (crossRules > 0 && found.length !== 1) {
    throw new Error(`${definition.spec.name}: cross-input rules must sit on exactly one resource (found ${found.length})`);
  }
  return found[0] ?? '';
}

function elementRef(c: unknown): ElementRef[] {
  if (!(c instanceof TerraformElement)) return [];
  const comment = commentOf(c);
  const concern = concernOf(c);
  if (c instanceof TerraformOutput) return [{ kind: 'output', name: c.friendlyUniqueId }];
  if (c instanceof TerraformLocal) return [{ kind: 'local', name: c.friendlyUniqueId, comment, concern }];
  if (c instanceof TerraformResource || c instanceof TerraformDataSource) {
    const kind = c instanceof TerraformResource ? 'resource' : 'data';
    return [{ kind, type: c.terraformResourceType, name: c.friendlyUniqueId, comment, concern, notes: argumentCommentsOf(c) }];
  }
  if (!(c instanceof AwsProvider)) {
    throw new Error(`module generator: unsupported element ${c.node.path}`);
  }
  return [];
}
