/**
 * Prepared Terraform state for replacement tests: turns the planned values of a create plan
 * into a v4 state file, as if that plan had been applied, so `terraform plan -refresh=false`
 * can show what a later change would do (update in place, or replace) with the real provider.
 * Values only known after apply are filled with fakes of the schema's type; references to
 * another resource's id or ARN get that resource's fake, so the state is self-consistent.
 */
import * as fs from 'fs';
import { cachedSchemaFile, writeAtomically } from './installed-providers';
import { PlanJson, ResourceChange, terraform } from './terraform';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type SchemaType = string | [string, SchemaType] | [string, Record<string, SchemaType>];

interface BlockSchema {
  attributes?: Record<string, { type: SchemaType }>;
  block_types?: Record<string, { block: BlockSchema; nesting_mode: string }>;
}
interface ProviderSchema {
  resource_schemas: Record<string, { version: number; block: BlockSchema }>;
}

const AWS = 'registry.terraform.io/hashicorp/aws';

/**
 * The AWS provider's schema as `terraform providers schema -json` in dir gives it. Under jest it
 * is asked once per run for the provider package of the run's initialised root and read from
 * a file by every root that locks the same package (test/support/installed-providers.ts).
 */
export async function awsSchema(dir: string): Promise<ProviderSchema> {
  const cached = cachedSchemaFile(dir);
  if (cached && fs.existsSync(cached)) return JSON.parse(fs.readFileSync(cached, 'utf8')) as ProviderSchema;
  const out = await terraform(dir, ['providers', 'schema', '-json']);
  const schema = (JSON.parse(out.stdout) as { provider_schemas: Record<string, ProviderSchema> }).provider_schemas[AWS];
  if (cached) writeAtomically(cached, JSON.stringify(schema));
  return schema;
}

/** Fake identifiers per resource type: ids that look like AWS's and ARNs built from them. */
function fakeId(type: string, n: number): string {
  const hex = n.toString(16).padStart(17, '0');
  const prefix: Record<string, string> = {
    aws_efs_file_system: 'fs-',
    aws_efs_mount_target: 'fsmt-',
    aws_efs_access_point: 'fsap-',
    aws_security_group: 'sg-',
    aws_vpc_security_group_ingress_rule: 'sgr-',
  };
  return `${prefix[type] ?? `${type}-`}${hex}`;
}

function fakeOfType(t: SchemaType): Json {
  if (t === 'string') return 'fake';
  if (t === 'number') return 0;
  if (t === 'bool') return false;
  if (Array.isArray(t)) return t[0] === 'map' || t[0] === 'object' ? {} : [];
  return null;
}

/** Fills unknown values (per after_unknown) with fakes, recursively through blocks. */
function fill(after: Json, unknown: Json, schema: BlockSchema, fakes: (name: string) => Json | undefined): Json {
  const out: Record<string, Json> = { ...((after ?? {}) as Record<string, Json>) };
  const unk = (unknown ?? {}) as Record<string, Json>;
  for (const [name, attr] of Object.entries(schema.attributes ?? {})) {
    if (unk[name] === true) out[name] = fakes(name) ?? fakeOfType(attr.type);
    else if (!(name in out)) out[name] = null;
  }
  for (const [name, bt] of Object.entries(schema.block_types ?? {})) {
    if (unk[name] === true) out[name] = [];
    else if (Array.isArray(out[name])) {
      out[name] = out[name].map((b, i) => fill(b, ((unk[name] as Json[]) ?? [])[i] ?? {}, bt.block, () => undefined));
    } else if (!(name in out)) out[name] = bt.nesting_mode === 'single' ? null : [];
  }
  return out;
}

/** Dynamically typed attributes (terraform_data's input/output) are stored with their type. */
export function dynamic(value: Json, typeFrom: Json = value): Json {
  const typeOf = (v: Json): Json =>
    v === null || typeof v === 'string'
      ? 'string'
      : typeof v === 'boolean'
        ? 'bool'
        : typeof v === 'number'
          ? 'number'
          : Array.isArray(v)
            ? ['tuple', v.map(typeOf)]
            : ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  return typeFrom === null ? null : { value, type: typeOf(typeFrom) };
}

/**
 * Values of plantimestamp() from the plan, as an apply leaves them in the state, moved one hour
 * back: the next plan is later than the apply, even when a test runs both in the same second
 * (plantimestamp() has a resolution of one second).
 */
function backdated(state: object, plan: PlanJson): object {
  const stamp = (plan as { timestamp?: string }).timestamp;
  if (!stamp) return state;
  const earlier = new Date(Date.parse(stamp) - 3_600_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return JSON.parse(JSON.stringify(state).split(JSON.stringify(stamp)).join(JSON.stringify(earlier)));
}

interface ConfigModule {
  resources?: { address: string; expressions?: Record<string, unknown> }[];
  module_calls?: Record<string, { module: ConfigModule }>;
}

/** Whether the configuration of a planned resource sets the attribute (plan JSON `configuration`). */
function hasExpression(plan: PlanJson, c: ResourceChange, attribute: string): boolean {
  let module = (plan as { configuration?: { root_module: ConfigModule } }).configuration?.root_module;
  for (const call of (c.module_address ?? '').split('.').filter((_part, i) => i % 2 === 1)) {
    module = module?.module_calls?.[call.replace(/\[.*\]$/, '')]?.module;
  }
  const config = module?.resources?.find((r) => r.address === `${c.type}.${c.name}`);
  return config?.expressions?.[attribute] !== undefined;
}

/** A v4 state holding every resource the plan would create, as applied. */
export function stateFromPlan(plan: PlanJson, schema: ProviderSchema, firstId = 1): object {
  const creates = (plan.resource_changes ?? []).filter(
    (c) => c.mode === 'managed' && (c.change.actions.includes('create') || c.change.actions.includes('update')),
  );
  const ids = new Map<string, string>();
  creates.forEach((c, n) => ids.set(c.address, fakeId(c.type, n + firstId)));
  const idOf = (type: string, module?: string) => {
    const found = creates.find((c) => c.type === type && c.module_address === module);
    return found ? ids.get(found.address)! : undefined;
  };
  const groups = new Map<string, ResourceChange[]>();
  for (const c of creates) {
    const key = `${c.module_address ?? ''}|${c.type}|${c.name}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const resources = [...groups.values()].map((instances) => {
    const { type, name, module_address: module } = instances[0];
    const builtin = type === 'terraform_data';
    const rs = builtin ? undefined : schema.resource_schemas[type];
    return {
      ...(module ? { module } : {}),
      mode: 'managed',
      type,
      name,
      provider: builtin ? 'provider["terraform.io/builtin/terraform"]' : `provider["${AWS}"]`,
      instances: instances.map((c) => {
        const id = ids.get(c.address)!;
        const fsId = idOf('aws_efs_file_system', module) ?? 'fs-missing';
        const sgId = idOf('aws_security_group', module) ?? 'sg-missing';
        const fakes = (attr: string): Json | undefined =>
          ({
            id: type === 'aws_efs_backup_policy' || type === 'aws_efs_file_system_policy' ? fsId : id,
            arn: `arn:aws:elasticfilesystem:us-east-1:123456789012:${type.replace('aws_efs_', '').replace('_', '-')}/${id}`,
            file_system_id: fsId,
            file_system_arn: `arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/${fsId}`,
            source_file_system_id: fsId,
            security_group_id: sgId,
            referenced_security_group_id: sgId,
            security_groups: [sgId],
            output: (c.change.after as Record<string, Json>).input ?? null,
          })[attr];
        // An input known only after apply (it reads another resource's ID) starts as a placeholder
        // string, which the plans that settle a state replace with the value they know.
        const input =
          c.change.after.input ?? ((c.change.after_unknown as Record<string, unknown>)?.input === true ? '' : null);
        const attributes = builtin
          ? {
              id,
              input: dynamic(input),
              output: dynamic(input),
              // Terraform stores a null of the expression's type when an expression gives null (plan
              // JSON drops the type; taken from the input), and a plain null when there is none.
              triggers_replace: hasExpression(plan, c, 'triggers_replace')
                ? dynamic(c.change.after.triggers_replace ?? null, input)
                : dynamic(c.change.after.triggers_replace ?? null),
            }
          : fill(c.change.after, c.change.after_unknown, rs!.block, fakes);
        return {
          ...(c.index !== undefined ? { index_key: c.index } : {}),
          schema_version: builtin ? 0 : rs!.version,
          attributes,
          sensitive_attributes: [],
        };
      }),
    };
  });
  return backdated(
    {
      version: 4,
      terraform_version: '1.11.4',
      serial: 1,
      lineage: 'efs-modules-test',
      outputs: {},
      resources,
      check_results: null,
    },
    plan,
  );
}

interface StateResource {
  module?: string;
  type: string;
  name: string;
  mode: string;
  instances: { index_key?: string | number; attributes: Record<string, unknown> }[];
}
const instanceAddress = (r: StateResource, i: { index_key?: string | number }) =>
  `${r.module ? `${r.module}.` : ''}${r.type}.${r.name}${i.index_key === undefined ? '' : `[${JSON.stringify(i.index_key)}]`}`;

/**
 * The state an apply of `plan` leaves on top of `prior`: deleted instances go, created, replaced
 * and updated ones take their planned values (unknowns filled with fakes; new ids after the
 * prior ones), the rest stays as it was.
 */
export function stateAfterPlan(prior: any, plan: PlanJson, schema: ProviderSchema): object {
  const touched = new Set(
    (plan.resource_changes ?? [])
      .filter((c) => c.mode === 'managed' && c.change.actions.join() !== 'no-op' && c.change.actions.join() !== 'read')
      .map((c) => c.address),
  );
  const firstId = 1 + (prior.resources as StateResource[]).reduce((n, r) => n + r.instances.length, 0) * 2;
  const applied = stateFromPlan(plan, schema, firstId) as { resources: StateResource[] };
  const key = (r: StateResource) => `${r.module ?? ''}|${r.type}|${r.name}`;
  const resources = new Map<string, StateResource>();
  for (const r of prior.resources as StateResource[]) {
    const kept = r.instances.filter((i) => !touched.has(instanceAddress(r, i)));
    if (kept.length > 0) resources.set(key(r), { ...r, instances: kept });
  }
  for (const r of applied.resources) {
    const existing = resources.get(key(r));
    resources.set(key(r), existing ? { ...existing, instances: [...existing.instances, ...r.instances] } : r);
  }
  return { ...prior, serial: prior.serial + 1, resources: [...resources.values()] };
}

/** A state without some resources, as after `terraform state rm`, an import into a fresh module, or a migration. */
export function withoutResources(
  state: any,
  drop: (r: { module?: string; type: string; name: string }) => boolean,
): object {
  return { ...state, resources: (state.resources as StateResource[]).filter((r) => !drop(r)) };
}

/**
 * The state an older release left for some resources (`pick`): written with count or for_each
 * since, they had neither then, so their instances carry no index_key and the resource no `each`.
 */
export function withoutIndex(
  state: any,
  pick: (r: { module?: string; type: string; name: string }) => boolean,
): object {
  const unindexed = (r: StateResource & { each?: string }) => {
    const { each: _each, ...rest } = r;
    return { ...rest, instances: r.instances.map(({ index_key: _key, ...instance }) => instance) };
  };
  return { ...state, resources: (state.resources as StateResource[]).map((r) => (pick(r) ? unindexed(r) : r)) };
}

/** Sets one attribute of every instance of a resource type in a state (e.g. a policy computed at plan time). */
export function patchState(state: any, type: string, attribute: string, value: (module: string) => Json): object {
  for (const r of state.resources) {
    if (r.type !== type) continue;
    for (const i of r.instances) i.attributes[attribute] = value(r.module);
  }
  return state;
}
