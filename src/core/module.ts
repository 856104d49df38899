/**
 * The runtime shared by both outputs of a module definition:
 * - construct mode (TypeScript users): inputs are the construct's props, written where they are read;
 * - module mode (the HCL generator): inputs are `var.<name>` and resources are named `this`.
 * A module's `build` function is written once against `BuildContext` and runs in both.
 *
 * `BuildContext<N>` and `ModuleDefinition<N>` take the module's input-name union
 * (`InputName<typeof inputs>`, src/core/spec.ts): `ctx.input` and `ctx.spell` accept only declared
 * names, so `ctx.input('creation_tokn')` fails to compile instead of printing `var.creation_tokn`.
 * The default `string` accepts any name, for code not yet typed.
 */
import {
  Construct,
  type IResolvable,
  TerraformDataSource,
  TerraformElement,
  TerraformLocal,
  TerraformResource,
  TerraformStack,
  Token,
} from '../cdktf';
import { type Expr, type RenderOptions, type Val, type ValueIn, ref, toHcl, toJsonTemplate } from './expr';
import { recordComment } from './hcl-comments';
import { dataSourceResolution, holdsTokens, inputExpression, inputsReadBy } from './input-values';
import { foldLiterals, isConstant } from './literal-folding';
import { Rule, afterOwnRules, assess, forNonNullable, isCrossInput, renderJson } from './rules';
import { assertSameCore } from './same-core';
import { inputTypes, nonNullableInputs, type ModuleSpec } from './spec';
import { tokenExpression, tokensAsExpressions } from './token-identity';
import { camelCase } from './types';
import { throwValidationError } from './validation-error';
import { MissingInputError, normalizeProps } from './values';

/**
 * `N`: the module's input names; `V`: what each holds (`InputValues` of its declaration), which types
 * `ctx.input` down to nested fields. Modules name the pair once: `type EfsFilesystemContext = …`.
 */
export interface BuildContext<N extends string = string, V extends Record<N, unknown> = Record<N, unknown>> {
  /** Which product the build writes: messages that tell the user what to do differ between them. */
  readonly mode: 'construct' | 'module';
  readonly scope: Construct;
  // `input` and `spell` are function-typed properties rather than methods, so that their parameter
  // is checked strictly: a helper typed `BuildContext<'a' | 'b'>` cannot be handed a context of a
  // module that does not declare both.
  /**
   * An input as an expression of src/core/expr.ts, typed by what it holds: `get(ctx.input('posix_user'),
   * 'uid')`. Renders as `var.name` in module mode and as the prop's value itself in construct mode
   * (`"files"`, `aws_vpc.main.id`).
   */
  readonly input: <K extends N>(name: K) => Val<V[K]>;
  /** An expression (src/core/expr.ts) as the value of a resource's argument: cdktf writes it as `${…}`. */
  tf(e: Expr): string;
  /**
   * A string expression as a JSON-syntax template (`"text ${var.x}"`), for arguments Terraform reads as
   * text with interpolations, such as `error_message`.
   */
  text(e: Expr): string;
  /** A resource, data source or local as an expression: `aws_efs_file_system.this`. */
  ref(element: TerraformResource | TerraformDataSource): Val;
  /** An input's name as the user writes it, for messages: `throughput_mode` in HCL, `throughputMode` in TypeScript. */
  readonly spell: (name: N) => string;
  /** Gives a resource its HCL name (`this`, …) in module mode; construct mode keeps cdktf's unique id. */
  named<T extends TerraformElement>(element: T, hclName: string): T;
  /**
   * Says why an element is written as it is. The HCL generator prints the text as a comment above
   * its block in main.tf; constructs ignore it. Write it for a reviewer of main.tf: the why, not the what.
   */
  explain<T extends TerraformElement>(element: T, why: string): T;
  /**
   * Declares a local value; returns the expression that reads it. `why`, like `explain`, is
   * printed as a comment above the local in main.tf.
   */
  local<E extends Expr>(name: string, expression: E, why?: string): Val<ValueIn<E>>;
  /**
   * Declares a value the rules read too (`declared(name, def)` of src/core/expr.ts) as the local
   * `name`; returns the expression that reads it. Rules rendered as preconditions read the same local.
   */
  declare(value: Expr, why?: string): Val;
  /**
   * An expression as bare HCL text of this build, for the lifecycle arguments that take references
   * rather than values (`replace_triggered_by`).
   */
  hcl(e: Expr): string;
  /**
   * The rules that plan time must check, as `precondition` blocks for the module's main resource:
   * in module mode the cross-input rules (single-input rules are `validation` blocks); in construct
   * mode every rule that synth time could not decide because a prop it reads is a token.
   */
  preconditions(): { condition: string; errorMessage: string }[];
}

/** What a build returns: each output's value, and the resources its construct works with. */
export interface Built<R = unknown> {
  /** Each output's value by HCL output name (expression strings, or objects of them). */
  readonly outputs: Record<string, unknown>;
  /** The resources the construct needs after the build (e.g. to add `prevent_destroy`, or for `dependsOn`). */
  readonly resources: R;
}

/**
 * `N`: the module's input names (the spec declares them and the build reads only those);
 * `R`: the resources its build returns to the construct.
 */
export interface ModuleDefinition<N extends string = string, R = unknown> {
  readonly spec: ModuleSpec<N>;
  /** Creates the resources; returns the outputs' values and the resources the construct needs. */
  build(ctx: BuildContext<N>): Built<R>;
}

/** A build whose construct needs none of its resources: returns the outputs only. `V` as in `BuildContext`. */
export function outputsOnly<N extends string, V extends Record<N, unknown> = Record<N, unknown>>(
  build: (ctx: BuildContext<N, V>) => Record<string, unknown>,
): (ctx: BuildContext<N, V>) => Built<Record<string, never>> {
  return (ctx) => ({ outputs: build(ctx), resources: {} });
}

function contextBase(
  scope: Construct,
  mode: BuildContext['mode'],
  planTimeRules: readonly Rule[],
  inputsOnly: RenderOptions,
  localName: (n: string) => string,
  rulesInputs: RenderOptions = inputsOnly,
): Omit<BuildContext, 'named'> {
  // Rules and declared values read the locals this build declares.
  const render: RenderOptions = { ...inputsOnly, local: (n) => `local.${localName(n)}` };
  const rulesRender: RenderOptions = { ...rulesInputs, local: render.local };
  const local = <E extends Expr>(name: string, expression: E, why?: string): Val<ValueIn<E>> => {
    const id = localName(name);
    const element = new TerraformLocal(scope, id, `\${${toHcl(expression, render)}}`);
    element.overrideLogicalId(id);
    if (why && mode === 'module') recordComment(element, why);
    return ref(`local.${id}`);
  };
  return {
    mode,
    scope,
    input: (name) => ({ op: 'input', name }),
    tf: (e) => `\${${toHcl(e, render)}}`,
    text: (e) => toJsonTemplate(e, render),
    ref: (element) =>
      ref(
        `${element instanceof TerraformDataSource ? 'data.' : ''}${element.terraformResourceType}.${element.friendlyUniqueId}`,
      ),
    explain: (element, why) => {
      if (mode === 'module') recordComment(element, why);
      return element;
    },
    spell: (name) => (render.spelling === 'ts' ? camelCase(name) : name),
    local,
    declare: (value, why) => {
      if (value.op !== 'declared')
        throw new Error(`ctx.declare takes a declared() value, not a "${value.op}" expression`);
      // A value that is one input needs no local: main.tf would only hold an alias of the variable.
      if (value.def.op === 'input') return value.def;
      return local(value.name, value.def, why);
    },
    hcl: (e) => toHcl(e, render),
    preconditions: () =>
      planTimeRules.map((rule) => {
        const { condition, message } = renderJson(rule, rulesRender);
        return { condition, errorMessage: message };
      }),
  };
}

/** Module mode: inputs are variables, resources and locals carry their plain HCL names. */
export function moduleContext(scope: Construct, spec: ModuleSpec): BuildContext {
  const render: RenderOptions = { resolve: (n) => `var.${n}`, spelling: 'hcl' };
  return {
    ...contextBase(
      scope,
      'module',
      spec.rules.filter(isCrossInput).map((r) => forNonNullable(r, nonNullableInputs(spec))),
      render,
      (n) => n,
    ),
    named: (element, hclName) => {
      element.overrideLogicalId(hclName);
      return element;
    },
  };
}

export { ValidationError } from './validation-error';

/**
 * `EfsMountLambda "stack/mount"`, as ModuleConstruct labels its errors, for checks made before the
 * construct exists.
 */
export function constructLabel(className: string, scope: Construct, id: string): string {
  return `${className} "${scope.node.path ? `${scope.node.path}/${id}` : id}"`;
}

/**
 * Base class of the TypeScript constructs. Props are validated with the module's rules
 * (same words as the HCL module, TypeScript spelling), then written straight into the
 * expressions the shared `build` writes where the HCL module reads its variables: a literal prop
 * as a literal (`"elastic"`), a token as its own expression (`aws_vpc.main.id`). What becomes
 * constant is written as plain JSON at synth time (literal-folding.ts).
 */
export abstract class ModuleConstruct<R = unknown> extends Construct {
  /** @internal The inputs as Terraform sees them: snake_case, defaults applied. */
  protected readonly inputs: Record<string, unknown>;
  /** @internal Output values by HCL output name. */
  protected readonly outputValues: Record<string, unknown>;
  /** @internal The list of preconditions the build attached (ctx.preconditions()), and the rules in it by id. */
  private readonly planTime: {
    checks?: { condition: string; errorMessage: string }[];
    rules: Map<string, Rule>;
    render: RenderOptions;
    spec: ModuleSpec;
  };
  /** @internal The resources the build returned for this construct. */
  protected readonly resources: R;

  /** @internal Subclassed by this package's constructs only. */
  protected constructor(scope: Construct, id: string, definition: ModuleDefinition<string, R>, props: object) {
    super(scope, id);
    const { spec } = definition;
    const label = constructLabel(spec.className, scope, id);
    assertSameCore(this, label);
    try {
      this.inputs = normalizeProps(spec, props as Record<string, unknown>);
    } catch (e) {
      if (e instanceof MissingInputError) throwValidationError(label, [e.message]);
      throw e;
    }
    const asExpressions = tokensAsExpressions(this, this.inputs) as Record<string, unknown>;
    const { violations, deferred } = assess(spec.rules, this.inputs, 'ts', asExpressions, inputTypes(spec));
    if (violations.length > 0)
      throwValidationError(
        label,
        violations.map((p) => p.message),
      );

    const prefix = localPrefix(this);
    // Read at synth time, so that what methods add to an input later (allowClient) is written too.
    // Data sources read a prop that holds references through a local (see below, and dataSourceResolution).
    const locals = new Map<string, string>();
    const render: RenderOptions = {
      resolve: (n) =>
        inputExpression(
          () => this.inputs[n],
          () => locals.get(n),
          n,
        ),
      spelling: 'ts',
      types: inputTypes(spec),
    };
    const inputLocal = (n: string): string => {
      let ref = locals.get(n);
      if (ref === undefined) {
        const element = new TerraformLocal(this, `input_${n}`, `\${${inputExpression(() => this.inputs[n])}}`);
        element.overrideLogicalId(`${prefix}_input_${n}`);
        if (this.planTime) foldedAtSynth(element); // created after construction, by deferToPlan
        locals.set(n, (ref = `local.${prefix}_input_${n}`));
      }
      return ref;
    };
    // Plan-time rules read a list, map or object prop through a local: written once, not in every rule.
    const rulesRender: RenderOptions = {
      ...render,
      resolve: (n) => {
        const value = this.inputs[n];
        return value !== null && typeof value === 'object' && !Token.isUnresolved(value)
          ? inputLocal(n)
          : render.resolve(n);
      },
    };
    // Rules decided now are not rendered: their inputs are constants, so plan time would only
    // repeat the answer. The deferred ones go to plan time, each once, as the HCL module's
    // validation and precondition blocks would check them.
    const planTime = deferred.map((rule) => afterOwnRules(rule, deferred));
    const base = contextBase(this, 'construct', planTime, render, (n) => `${prefix}_${n}`, rulesRender);
    let rendered: { condition: string; errorMessage: string }[] | undefined;
    const ctx: BuildContext = {
      ...base,
      // One list however often the build asks, so rules deferred later (deferToPlan) reach it.
      preconditions: () => (rendered ??= base.preconditions()),
      named: (element) => element,
    };
    const built = definition.build(ctx);
    this.outputValues = built.outputs;
    this.resources = built.resources;
    if (deferred.length > 0 && !rendered) {
      throw new Error(
        `${spec.name}: build never attaches ctx.preconditions(), so rules on token props (${deferred.map((r) => r.id).join(', ')}) would not be checked`,
      );
    }
    for (const n of inputsReadByDataSources(this)) if (holdsTokens(this.inputs[n])) inputLocal(n);
    this.node
      .findAll()
      .filter((c) => TerraformElement.isTerraformElement(c))
      .forEach(foldedAtSynth);
    this.planTime = { checks: rendered, rules: new Map(planTime.map((r) => [r.id, r])), render: rulesRender, spec };
  }

  /**
   * @internal For methods that add to an input after construction (`addAccessPoint`,
   * `addToResourcePolicy`): checks `candidate` (every input, `input` with the
   * addition) with the spec's rules that read `input`. A violated rule throws a ValidationError
   * naming `label`; a rule that a token leaves undecided joins the plan-time checks. The caller
   * then adds the entry: the inputs are read at synth time (ctx.input), so the build's resources see it.
   */
  protected checkAddition(label: string, input: string, candidate: Record<string, unknown>): void {
    const { spec } = this.planTime;
    const rules = spec.rules.filter((r) => r.inputs.includes(input));
    const asExpressions = tokensAsExpressions(this, candidate) as Record<string, unknown>;
    const { violations, deferred } = assess(rules, candidate, 'ts', asExpressions, inputTypes(spec));
    if (violations.length > 0)
      throwValidationError(
        label,
        violations.map((v) => v.message),
      );
    this.deferToPlan(deferred);
  }

  /**
   * @internal Checks more rules at plan time after construction, for methods that add to the
   * inputs (`addAccessPoint`) with token values: each joins the preconditions the build attached,
   * once (a rule reads the whole input, entries added later included). The list is rendered at
   * synth time, so adding to it now still reaches the synthesized configuration.
   */
  private deferToPlan(rules: readonly Rule[]): void {
    const fresh = rules.filter((r) => !this.planTime.rules.has(r.id));
    if (fresh.length === 0) return;
    if (!this.planTime.checks)
      throw new Error(
        `${this.node.path}: the build attaches no ctx.preconditions(), so rules on token values could not be checked`,
      );
    fresh.forEach((r) => this.planTime.rules.set(r.id, r));
    const all = [...this.planTime.rules.values()];
    for (const rule of fresh) {
      const { condition, message } = renderJson(afterOwnRules(rule, all), this.planTime.render);
      this.planTime.checks.push({ condition, errorMessage: message });
    }
  }
}

/**
 * Makes the element's synthesized JSON go through foldLiterals once cdktf has resolved it: cdktf
 * resolves what `toTerraform` returns, and a token it returns is resolved, then post-processed.
 * Resolved in place of the element's own result, so references to other stacks are still found.
 */
function foldedAtSynth(element: TerraformElement): void {
  const toTerraform = element.toTerraform.bind(element);
  const locals = constantLocalsOf(TerraformStack.of(element));
  const order = nextOrder(TerraformStack.of(element));
  const folded: IResolvable = {
    creationStack: [],
    resolve: (context) => {
      // cdktf resolves what this returns, then post-processes it: a data source's inputs are read
      // through their locals in between (input-values.ts, dataSourceResolution).
      const isData = element instanceof TerraformDataSource;
      if (isData) dataSourceResolution.begin();
      context.registerPostProcessor({
        postProcess: (resolved: unknown): unknown => {
          if (isData) dataSourceResolution.end();
          // Only locals created before this element count, so every synthesis folds alike.
          const before = new Set([...locals].filter(([, at]) => at < order).map(([name]) => name));
          const folded = foldLiterals(resolved, before) as { locals?: Record<string, unknown> };
          for (const [name, value] of Object.entries(folded.locals ?? {}))
            if (isConstant(value)) locals.set(name, order);
          return folded;
        },
      });
      return toTerraform() as unknown;
    },
    toString: () => `${element.node.path} (folded)`,
  };
  element.toTerraform = () => folded;
}

/**
 * The inputs that the construct's data sources read directly (their configuration holds a token
 * `ctx.input` rendered): Terraform would defer reading such a data source to the apply if the value
 * it reads references a managed resource that the plan changes, so those inputs get a local.
 */
function inputsReadByDataSources(c: Construct): Set<string> {
  const dataSources = c.node.findAll().filter((e): e is TerraformDataSource => e instanceof TerraformDataSource);
  return inputsReadBy(() => dataSources.forEach((d) => tokenExpression(d, d.toTerraform())));
}

const CONSTANT_LOCALS = new WeakMap<TerraformStack, Map<string, number>>();
const ELEMENTS_FOLDED = new WeakMap<TerraformStack, number>();

/**
 * The locals of a stack found constant (folded to plain JSON), each with the order of its element.
 * cdktf resolves elements in the order they were created, and builds declare a local before what
 * reads it; an element reads as constant only the locals created before it.
 */
function constantLocalsOf(stack: TerraformStack): Map<string, number> {
  let locals = CONSTANT_LOCALS.get(stack);
  if (!locals) CONSTANT_LOCALS.set(stack, (locals = new Map<string, number>()));
  return locals;
}

function nextOrder(stack: TerraformStack): number {
  const order = ELEMENTS_FOLDED.get(stack) ?? 0;
  ELEMENTS_FOLDED.set(stack, order + 1);
  return order;
}

/** A Terraform-safe, per-instance prefix for local names, from the construct path below its stack. */
function localPrefix(c: Construct): string {
  const scopes = c.node.scopes;
  const parts = scopes.slice(scopes.indexOf(TerraformStack.of(c)) + 1).map((s) => s.node.id);
  return parts
    .join('_')
    .replace(/[^A-Za-z0-9_]/g, '_')
    .replace(/^([^A-Za-z_])/, '_$1');
}
