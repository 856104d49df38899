/**
 * Turning a migration fixture (`terraform show -json` of an upstream state) back into the state
 * file Terraform reads, and adding the rule resources the way `import` would leave them, so the
 * migration can be planned offline with `-refresh=false`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Import } from '../../src/migrate/terraform-aws-efs';

export const FIXTURES = join(__dirname, 'fixtures');
export const fixturePath = (name: string) => join(FIXTURES, `terraform-aws-efs-v1.8.1-${name}.state.json`);
export const fixtureText = (name: string) => readFileSync(fixturePath(name), 'utf8');

const AWS = 'provider["registry.terraform.io/hashicorp/aws"]';

interface ShownResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  index?: string | number;
  schema_version: number;
  values: Record<string, any>;
}
interface ShownModule {
  address?: string;
  resources?: ShownResource[];
  child_modules?: ShownModule[];
}

/** The v4 state file whose `terraform show -json` is `shown`: same resources, same values. */
export function stateFromShown(shown: any): any {
  const groups = new Map<string, { module?: string; r: ShownResource; instances: ShownResource[] }>();
  const visit = (mod: ShownModule) => {
    for (const r of mod.resources ?? []) {
      const key = `${mod.address ?? ''}|${r.mode}|${r.type}|${r.name}`;
      if (!groups.has(key)) groups.set(key, { module: mod.address, r, instances: [] });
      groups.get(key)!.instances.push(r);
    }
    for (const c of mod.child_modules ?? []) visit(c);
  };
  visit(shown.values.root_module);
  const resources = [...groups.values()].map(({ module, r, instances }) => ({
    ...(module ? { module } : {}),
    mode: r.mode,
    type: r.type,
    name: r.name,
    provider: AWS,
    instances: instances.map((i) => ({
      ...(i.index !== undefined ? { index_key: i.index } : {}),
      schema_version: i.schema_version,
      attributes: i.values,
      sensitive_attributes: [],
    })),
  }));
  return {
    version: 4,
    terraform_version: shown.terraform_version,
    serial: 3,
    lineage: 'efs-modules-migration-test',
    outputs: {},
    resources,
    check_results: null,
  };
}

interface Schema {
  resource_schemas: Record<string, { version: number; block: { attributes?: Record<string, unknown> } }>;
}

/**
 * What `terraform apply` of an `import` block leaves for an aws_vpc_security_group_ingress_rule:
 * the provider reads the AWS rule by its ID and stores what AWS reports, i.e. the upstream
 * rule's group, port range, protocol, source and description, no tags.
 */
export function importedRule(state: any, schema: Schema, imp: Import, upstream: Record<string, any>): void {
  const [, module, name, key] =
    /^(module\.[^.]+)\.aws_vpc_security_group_ingress_rule\.([a-z_]+)(?:\["(.+)"\]|\[0\])$/.exec(imp.to) ?? [];
  if (!module) throw new Error(`unexpected import address ${imp.to}`);
  const type = 'aws_vpc_security_group_ingress_rule';
  const rs = schema.resource_schemas[type];
  const source = imp.what.split(' ')[0];
  const attributes: Record<string, unknown> = Object.fromEntries(
    Object.keys(rs.block.attributes ?? {}).map((a) => [a, null]),
  );
  Object.assign(attributes, {
    id: imp.id,
    security_group_rule_id: imp.id,
    arn: `arn:aws:ec2:us-east-1:123456789012:security-group-rule/${imp.id}`,
    security_group_id: upstream.security_group_id,
    from_port: upstream.from_port,
    to_port: upstream.to_port,
    ip_protocol: upstream.protocol,
    description: upstream.description,
    tags_all: {},
    // `what` starts with the source: a group (also the group itself, for a self rule) or a CIDR.
    ...(source.startsWith('sg-')
      ? { referenced_security_group_id: source }
      : source.includes(':')
        ? { cidr_ipv6: source }
        : { cidr_ipv4: source }),
  });
  let resource = state.resources.find((r: any) => r.module === module && r.type === type && r.name === name);
  if (!resource) {
    resource = { module, mode: 'managed', type, name, provider: AWS, instances: [] };
    state.resources.push(resource);
  }
  resource.instances.push({
    ...(key !== undefined ? { index_key: key } : { index_key: 0 }),
    schema_version: rs.version,
    attributes,
    sensitive_attributes: [],
  });
}
