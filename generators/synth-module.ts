/**
 * Runs a module definition in module mode (inputs are `var.*`, resources are named `this`)
 * and returns the synthesized Terraform JSON with the elements in the order build created them.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  App,
  TerraformDataSource,
  TerraformElement,
  TerraformLocal,
  TerraformOutput,
  TerraformResource,
  TerraformStack,
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
    if (!(output.name in values))
      throw new Error(`${definition.spec.name}: build returned no value for output ${output.name}`);
    new TerraformOutput(stack, `output_${output.name}`, {
      value: values[output.name],
      description: spell(output.description, 'hcl'),
    }).overrideLogicalId(output.name);
  }
  const config = stack.toTerraform() as JsonObject;
  const order = stack.node.findAll().flatMap(elementRef);
  const guard = guardAddress(config, definition);
  return { config, order: withCheckConcerns(config, order, definition, guard), guard };
}

/**
 * The guard resource's preconditions filed under the concern each guards: the part of the build
 * whose blocks first read the input the rule is about (its first input); a rule on an input no
 * block reads is one of the other checks.
 * In module mode the preconditions are the spec's cross-input rules, in order.
 */
function withCheckConcerns(
  config: JsonObject,
  order: ElementRef[],
  definition: ModuleDefinition,
  guard: string,
): ElementRef[] {
  const titles = [...new Set(order.flatMap((e) => (e.kind !== 'output' && e.concern ? [e.concern] : [])))];
  if (titles.length < 2 || !guard) return order;
  const [guardType, guardName] = guard.split('.');
  const bodyOf = (e: ElementRef): unknown => {
    if (e.kind === 'local') return (config.locals as JsonObject)[e.name];
    if (e.kind === 'output') return undefined;
    const body = ((config[e.kind] as JsonObject)[e.type] as JsonObject)[e.name] as JsonObject;
    if (e.type !== guardType || e.name !== guardName) return body;
    // The guard's lifecycle (its checks) is placed by the layout, not compared as text.
    return Object.fromEntries(Object.entries(body).filter(([key]) => key !== 'lifecycle'));
  };
  const texts = order.flatMap((e) =>
    e.kind !== 'output' && e.concern ? [{ concern: e.concern, text: JSON.stringify(bodyOf(e)) }] : [],
  );
  const guardRef = order.find((e) => e.kind === 'resource' && e.type === guardType && e.name === guardName);
  const preconditions = (((config.resource as JsonObject)[guardType] as JsonObject)[guardName] as JsonObject)
    .lifecycle as JsonObject;
  const rules = definition.spec.rules.filter((r) => r.inputs.length > 1);
  const count = (preconditions.precondition as unknown[] | undefined)?.length ?? 0;
  if (count !== rules.length)
    throw new Error(
      `${definition.spec.name}: ${guard} has ${count} preconditions for ${rules.length} cross-input rules`,
    );
  const checks = rules.map((rule) => {
    const reads = new RegExp(`var\\.${rule.inputs[0]}\\b`);
    const concern = texts.find((t) => reads.test(t.text))?.concern;
    return concern
      ? { label: `Checks on the ${concern.toLowerCase()}`, rank: titles.indexOf(concern) }
      : { label: 'Other checks across inputs', rank: titles.length };
  });
  return order.map((e) => (e === guardRef ? { ...e, checks } : e));
}

function guardAddress(config: JsonObject, definition: ModuleDefinition): string {
  const resources = (config.resource ?? {}) as Record<
    string,
    Record<string, { lifecycle?: { precondition?: unknown[] } }>
  >;
  const found = Object.entries(resources).flatMap(([type, byName]) =>
    Object.entries(byName)
      .filter(([, r]) => r.lifecycle?.precondition?.length)
      .map(([name]) => `${type}.${name}`),
  );
  const crossRules = definition.spec.rules.filter((r) => r.inputs.length > 1).length;
  if (crossRules > 0 && found.length !== 1) {
    throw new Error(
      `${definition.spec.name}: cross-input rules must sit on exactly one resource (found ${found.length})`,
    );
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
    return [
      { kind, type: c.terraformResourceType, name: c.friendlyUniqueId, comment, concern, notes: argumentCommentsOf(c) },
    ];
  }
  if (!(c instanceof AwsProvider)) {
    throw new Error(`module generator: unsupported element ${c.node.path}`);
  }
  return [];
}
