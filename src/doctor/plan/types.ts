/**
 * The parts of `terraform show -json <planfile>` the doctor reads, typed.
 * Format reference: https://developer.hashicorp.com/terraform/internals/json-format
 * (format_version 1.x). Only what the checks need is modelled; everything else
 * is left out rather than typed loosely.
 */

/** Any JSON value. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type Action = 'no-op' | 'create' | 'read' | 'update' | 'delete' | 'forget';

export interface PlanJson {
  format_version: string;
  terraform_version?: string;
  resource_changes?: ResourceChange[];
  configuration?: Configuration;
  /** Not read by the checks; kept so a plan is recognisable. */
  planned_values?: Json;
}

export interface ResourceChange {
  /** Instance address, e.g. `module.app["a"].aws_lambda_function.this[0]`. */
  address: string;
  module_address?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  action_reason?: string;
  change: Change;
}

export interface Change {
  actions: Action[];
  before: Json;
  /** Planned values; attributes unknown at plan time are absent here and `true` in after_unknown. */
  after: Json;
  after_unknown?: Json;
  /** Attribute paths that force a replacement. */
  replace_paths?: Array<Array<string | number>>;
}

export interface Configuration {
  root_module: ConfigModule;
}

export interface ConfigModule {
  resources?: ConfigResource[];
  module_calls?: Record<string, ModuleCall>;
  outputs?: Record<string, ConfigOutput>;
  variables?: Record<string, ConfigVariable>;
}

/**
 * One attribute's expression. Terraform gives either the constant or the
 * references it reads (most specific first: `aws_x.y.id`, `aws_x.y`), or an
 * empty object for expressions with neither (e.g. a function of constants).
 * Locals and dynamic blocks are not represented in the configuration JSON.
 */
export interface Expression {
  constant_value?: Json;
  references?: string[];
}

/** Attribute name → expression; nested block name → one body per block. */
export interface Expressions {
  [name: string]: Expression | Expressions[];
}

export interface ConfigResource {
  /** Address inside its module, e.g. `aws_lambda_function.this` or `data.aws_iam_policy_document.x`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  expressions?: Expressions;
  count_expression?: Expression;
  for_each_expression?: Expression;
  depends_on?: string[];
}

export interface ModuleCall {
  source?: string;
  /** Input variable name → argument expression (in the caller's scope). */
  expressions?: Record<string, Expression>;
  count_expression?: Expression;
  for_each_expression?: Expression;
  depends_on?: string[];
  module?: ConfigModule;
}

export interface ConfigOutput {
  expression?: Expression;
  depends_on?: string[];
}

export interface ConfigVariable {
  default?: Json;
}

export function isBlockList(value: Expression | Expressions[] | undefined): value is Expressions[] {
  return Array.isArray(value);
}
