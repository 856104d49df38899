/**
 * Prepared Terraform state for replacement tests: turns the planned values of a create plan
 * into a v4 state file, as if that plan had been applied, so `terraform plan -refresh=false`
 * can show what a later change would do (update in place, or replace) with the real provider.
 * Values only known after apply are filled with fakes of the schema's type; references to
 * another resource's id or ARN get that resource's fake, so the state is self-consistent.
 */
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

export async function awsSchema(dir: string): Promise<ProviderSchema> {
  const out = await terraform(dir, ['providers', 'schema', '-json']);
  return (JSON.parse(out.stdout) as { provider_schemas: Record<string, ProviderSchema> }).provider_schemas[AWS];
}

/** Fake identifiers per resource type: ids that look like AWS's and ARNs built from them. */
function fakeId(type: string, n: number): string {
  const hex = n.toString(16).padStart(17, '0');
  const prefix: Record<string, string> = {
    aws_efs_file_system: 'fs-', aws_efs_mount_target: 'fsmt-', aws_efs_access_point: 'fsap-',
    aws_security_group: 'sg-', aws_vpc_security_group_ingress_rule: 'sgr-',
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
      out[name] = (out[name] as Json[]).map((b, i) => fill(b, ((unk[name] as Json[]) ?? [])[i] ?? {}, bt.block, () => undefined));
    } else if (!(name in out)) out[name] = bt.nesting_mode === 'single' ? null : [];
  }
  return out;
}

/** Dynamically typed attributes (terraform_data's input/output) are stored with their type. */
function dynamic(value: Json, typeFrom: Json = value): Json {
  const typeOf = (v: Json): Json =>
    v === null || typeof v === 'string' ? 'string'
      : typeof v === 'boolean' ? 'bool'
      : typeof v === 'number' ? 'number'
      : Array.isArray(v) ? ['tuple', v.map(typeOf)]
      : ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  return typeFrom === null ? null : { value, type: typeOf(typeFrom) };
}

/** A v4 state holding every resource the plan would create, as applied. */
export function stateFromPlan(plan: PlanJson, schema: ProviderSchema): object {
  const creates = (plan.resource_changes ?? []).filter((c) => c.mode === 'managed' && c.change.actions.includes('create'));
  const ids = new Map<string, string>();
  creates.forEach((c, n) => ids.set(c.address, fakeId(c.type, n + 1)));
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
        const attributes = builtin
          ? {
              id,
              input: dynamic(c.change.after.input),
              output: dynamic(c.change.after.input),
              // Terraform stores a null of the expression's type; plan JSON drops the type. The
              // module's guard sets triggers_replace to its settings or a null of their type.
              triggers_replace: dynamic(c.change.after.triggers_replace ?? null, c.change.after.input),
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
  return { version: 4, terraform_version: '1.11.4', serial: 1, lineage: 'efs-modules-test', outputs: {}, resources, check_results: null };
}

/** Sets one attribute of every instance of a resource type in a state (e.g. a policy computed at plan time). */
export function patchState(state: any, type: string, attribute: string, value: (module: string) => Json): object {
  for (const r of state.resources) {
    if (r.type !== type) continue;
    for (const i of r.instances) i.attributes[attribute] = value(r.module);
  }
  return state;
}
