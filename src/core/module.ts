/**
 * The runtime shared by both outputs of a module definition:
 * - construct mode (TypeScript users): inputs are the construct's props, held in a local;
 * - module mode (the HCL generator): inputs are `var.<name>` and resources are named `this`.
 * A module's `build` function is written once against `BuildContext` and runs in both.
 */
import { Construct, TerraformElement, TerraformLocal, TerraformResource, TerraformStack } from '../cdktf';
import type { RenderOptions } from './expr';
import { Rule, check, isCrossInput, renderJson } from './rules';
import type { ModuleCases } from './cases';
import type { ModuleSpec } from './spec';
import { camelCase } from './types';
import { MissingInputError, normalizeProps } from './values';

export interface BuildContext {
  readonly scope: Construct;
  /** The HCL expression that reads an input, e.g. `var.name`; embed it in `${…}` expressions. */
  in(name: string): string;
  /** An input's name as the user writes it, for messages: `throughput_mode` in HCL, `throughputMode` in TypeScript. */
  spell(name: string): string;
  /** Gives a resource its HCL name (`this`, …) in module mode; construct mode keeps cdktf's unique id. */
  named<T extends TerraformElement>(element: T, hclName: string): T;
  /** Declares a local value; returns the expression that reads it. */
  local(name: string, expression: unknown): string;
  /** `type.name` of a resource, for `for` expressions over resources that use for_each or count. */
  address(resource: TerraformResource): string;
  /** The module's cross-input rules as `precondition` blocks, for the resource that guards them. */
  preconditions(): { condition: string; errorMessage: string }[];
}

export interface ModuleDefinition {
  readonly spec: ModuleSpec;
  /** Valid and bad inputs, for the tests of both paths. */
  readonly cases: ModuleCases;
  /** Creates the resources; returns each output's value (expression strings, or objects of them). */
  build(ctx: BuildContext): Record<string, unknown>;
}

/** Wraps an HCL expression for use as a cdktf attribute value. */
export const ex = (expression: string): string => `\${${expression}}`;

function contextBase(
  scope: Construct,
  rules: readonly Rule[],
  render: RenderOptions,
  localName: (n: string) => string,
): Omit<BuildContext, 'named'> {
  return {
    scope,
    in: render.resolve,
    spell: (name) => (render.spelling === 'ts' ? camelCase(name) : name),
    local(name, expression) {
      const id = localName(name);
      new TerraformLocal(scope, id, expression).overrideLogicalId(id);
      return `local.${id}`;
    },
    address: (r) => `${r.terraformResourceType}.${r.friendlyUniqueId}`,
    preconditions: () =>
      rules.filter(isCrossInput).map((rule) => {
        const { condition, message } = renderJson(rule, render);
        return { condition, errorMessage: message };
      }),
  };
}

/** Module mode: inputs are variables, resources and locals carry their plain HCL names. */
export function moduleContext(scope: Construct, spec: ModuleSpec): BuildContext {
  const render: RenderOptions = { resolve: (n) => `var.${n}`, spelling: 'hcl' };
  return {
    ...contextBase(scope, spec.rules, render, (n) => n),
    named: (element, hclName) => {
      element.overrideLogicalId(hclName);
      return element;
    },
  };
}

/** The error a construct throws for bad props: one line per problem, no stack trace. */
export class ValidationError extends Error {
  constructor(readonly construct: string, readonly problems: readonly string[]) {
    super(`${construct} has invalid props:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ValidationError';
    // Bad input is the user's to fix, not a bug to debug: the message is the whole story.
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * Base class of the TypeScript constructs. Props are validated with the module's rules
 * (same words as the HCL module, TypeScript spelling), then held in one local per instance
 * so the shared `build` reads them exactly as the HCL module reads its variables.
 */
export abstract class ModuleConstruct extends Construct {
  /** The inputs as Terraform sees them: snake_case, defaults applied. */
  protected readonly inputs: Record<string, unknown>;
  /** Output values by HCL output name. */
  protected readonly outputValues: Record<string, unknown>;

  protected constructor(scope: Construct, id: string, definition: ModuleDefinition, props: object) {
    super(scope, id);
    const { spec } = definition;
    const label = `${spec.className} "${this.node.path}"`;
    try {
      this.inputs = normalizeProps(spec, props as Record<string, unknown>);
    } catch (e) {
      if (e instanceof MissingInputError) throw new ValidationError(label, [e.message]);
      throw e;
    }
    const problems = check(spec.rules, this.inputs, 'ts');
    if (problems.length > 0) throw new ValidationError(label, problems.map((p) => p.message));

    const prefix = localPrefix(this);
    new TerraformLocal(this, 'inputs', this.inputs).overrideLogicalId(`${prefix}_inputs`);
    const render: RenderOptions = { resolve: (n) => `local.${prefix}_inputs.${n}`, spelling: 'ts' };
    const ctx: BuildContext = {
      ...contextBase(this, spec.rules, render, (n) => `${prefix}_${n}`),
      named: (element) => element,
    };
    this.outputValues = definition.build(ctx);
  }
}

/** A Terraform-safe, per-instance prefix for local names, from the construct path below its stack. */
function localPrefix(c: Construct): string {
  const scopes = c.node.scopes;
  const parts = scopes.slice(scopes.indexOf(TerraformStack.of(c)) + 1).map((s) => s.node.id);
  return parts.join('_').replace(/[^A-Za-z0-9_]/g, '_').replace(/^([^A-Za-z_])/, '_$1');
}
