import { allowsNfs } from '../analysis/ingress-rules';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { Planned } from '../plan/planned';
import type { PlanResource } from '../plan/resources';
import type { ConfigModule } from '../plan/types';
import type { Check } from './check';

const CHECK = 'nfs-rule-rekeyed';

/** The one-rule-per-resource kinds (ingress and egress alike): what makes two of them the same rule. */
const VPC_RULE = {
  attributes: [
    'security_group_id',
    'ip_protocol',
    'from_port',
    'to_port',
    'cidr_ipv4',
    'cidr_ipv6',
    'prefix_list_id',
    'referenced_security_group_id',
  ],
  protocol: 'ip_protocol',
};

/** What makes two rules the same rule to AWS, per resource type (descriptions and tags do not). */
const IDENTITY: Record<string, { attributes: string[]; protocol: string }> = {
  aws_vpc_security_group_ingress_rule: VPC_RULE,
  aws_vpc_security_group_egress_rule: VPC_RULE,
  aws_security_group_rule: {
    attributes: [
      'type',
      'security_group_id',
      'protocol',
      'from_port',
      'to_port',
      'cidr_blocks',
      'ipv6_cidr_blocks',
      'prefix_list_ids',
      'source_security_group_id',
      'self',
    ],
    protocol: 'protocol',
  },
};

/** The rule's identity as planned or as it was, when every part of it is known. */
function signature(values: Planned, type: string): string | undefined {
  const parts = IDENTITY[type].attributes.map((attribute) => values.at(attribute));
  if (parts.some((p) => p.unknown)) return undefined;
  return JSON.stringify([type, ...parts.map((p) => p.raw ?? null)]);
}

function opensNfs(values: Planned, type: string): boolean {
  return allowsNfs(values.at(IDENTITY[type].protocol), values.at('from_port'), values.at('to_port')) === 'yes';
}

/**
 * Module calls on the way to a resource whose source is not a local path: moved blocks cannot reach
 * into another module package.
 */
function remoteModules(ctx: DoctorContext, modulePath: readonly string[]): string[] {
  const remote: string[] = [];
  let module: ConfigModule | undefined = ctx.plan.configuration?.root_module;
  for (const name of modulePath) {
    const call = module?.module_calls?.[name];
    if (call?.source && !/^\.\.?\//.test(call.source)) remote.push(`module "${name}" (${call.source})`);
    module = call?.module;
  }
  return remote;
}

/** CDKTF names resources `<path>_<8 hex digits>`. */
const fromCdktf = (address: string) => /_[0-9A-F]{8}(\[[^\]]*\])?$/.test(address);

function fixFor(ctx: DoctorContext, from: PlanResource, to: PlanResource): string {
  const block = `moved {\n  from = ${from.address}\n  to   = ${to.address}\n}`;
  const remote = remoteModules(ctx, to.modulePath);
  if (remote.length > 0) {
    return `tell Terraform it is the same rule. The rule is inside ${remote.join(', ')}, another module package, which a moved block in your configuration cannot reach: run \`terraform state mv '${from.address}' '${to.address}'\` before applying.`;
  }
  if (fromCdktf(to.address)) {
    // One addOverride('moved', …) per stack: a second call replaces the list of the first.
    return `tell Terraform it is the same rule, so it keeps it instead of deleting and re-creating it: in the CDKTF stack, put \`{ from: '${from.address}', to: '${to.address}' }\` in the list of the stack's one \`stack.addOverride('moved', [ … ])\` call (a second call would replace the first).`;
  }
  return `tell Terraform it is the same rule, so it keeps it instead of deleting and re-creating it; add to the root module:\n${block}`;
}

/**
 * A renamed key (allowed_security_groups, allowed_cidrs) or construct re-keys an NFS rule: the
 * plan deletes it at one address and creates an identical one at another. Nothing orders the two,
 * so AWS refuses the new rule as a duplicate of the old one, or the old one goes first and NFS is
 * cut until the new one exists. Decided only when both rules' settings are known; two rules still
 * planned side by side are nfs-duplicate-rule's.
 */
function diagnose(ctx: DoctorContext): Finding[] {
  const findings: Finding[] = [];
  for (const type of Object.keys(IDENTITY)) {
    const changes = ctx.resources.changesOfType(type);
    const deleted = changes.filter((r) => r.actions.length === 1 && r.actions[0] === 'delete');
    const created = changes.filter((r) => r.actions.length === 1 && r.actions[0] === 'create');
    const taken = new Set<PlanResource>();
    for (const old of deleted) {
      const before = new Planned(old.change.before, false);
      const key = signature(before, type);
      if (!key || !opensNfs(before, type)) continue;
      const twin = created.find((r) => !taken.has(r) && signature(r.after, type) === key);
      if (!twin) continue;
      taken.add(twin);
      findings.push(
        finding(
          CHECK,
          'error',
          twin.address,
          `is the same rule as ${old.address}, which this plan deletes (same group, source and ports): Terraform orders neither first, so AWS refuses the new rule as a duplicate (InvalidPermission.Duplicate) and the apply stops, or the old one goes first and NFS is cut until the new one exists.`,
          fixFor(ctx, old, twin),
        ),
      );
    }
  }
  return findings;
}

export const nfsRuleRekeyed: Check = {
  id: CHECK,
  summary:
    'the plan deletes an NFS security group rule and creates an identical one at another address (a renamed key or construct)',
  help: 'Renaming a key of allowed_security_groups or allowed_cidrs, or a construct, moves an NFS rule to a new address: the plan deletes the rule and creates an identical one, with no order between them, so AWS refuses the duplicate or NFS is cut for a while. A moved block (printed ready to paste) keeps the rule where it is.',
  run: diagnose,
};
