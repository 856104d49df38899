import type { Planned } from '../plan/planned';
import type { PlanResource, PlanResources } from '../plan/resources';
import { SECURITY_GROUP, type Identities, type Identity } from './identity';

const NFS_PORT = 2049;

/** Whether a rule lets TCP 2049 in: `unknown` when its protocol or ports are only known after apply. */
export type PortMatch = 'yes' | 'no' | 'unknown';

/** An ingress permission from one security group to another, whatever resource style declares it. */
export interface IngressRule {
  /** e.g. `aws_vpc_security_group_ingress_rule.nfs[0]` or `aws_security_group.efs (inline ingress #1)`. */
  label: string;
  /** The group the rule is on. */
  target: Identity;
  /** The group traffic may come from. */
  source: Identity;
  allowsNfs: PortMatch;
}

export function allowsNfs(protocol: Planned, fromPort: Planned, toPort: Planned): PortMatch {
  if (protocol.unknown) return 'unknown';
  const name = protocol.string()?.toLowerCase();
  if (name === '-1' || name === 'all') return 'yes';
  if (name !== 'tcp' && name !== '6') return 'no';
  if (fromPort.unknown || toPort.unknown) return 'unknown';
  const from = fromPort.number();
  const to = toPort.number();
  return from !== undefined && to !== undefined && from <= NFS_PORT && NFS_PORT <= to ? 'yes' : 'no';
}

const known = (tokens: Set<string>): Identity => ({ tokens, unresolved: [] });

/** `aws_vpc_security_group_ingress_rule` with a referenced_security_group_id. */
function vpcIngressRule(rule: PlanResource, ids: Identities): IngressRule[] {
  if (rule.after.at('referenced_security_group_id').absent) return [];
  return [
    {
      label: rule.address,
      target: ids.referenced(rule, ['security_group_id'], SECURITY_GROUP),
      source: ids.referenced(rule, ['referenced_security_group_id'], SECURITY_GROUP),
      allowsNfs: allowsNfs(rule.after.at('ip_protocol'), rule.after.at('from_port'), rule.after.at('to_port')),
    },
  ];
}

/** `aws_security_group_rule` of type ingress, with source_security_group_id or self. */
function legacyRule(rule: PlanResource, ids: Identities): IngressRule[] {
  if (rule.after.at('type').string() !== 'ingress') return [];
  const target = ids.referenced(rule, ['security_group_id'], SECURITY_GROUP);
  const isSelf = rule.after.at('self').bool() === true;
  if (!isSelf && rule.after.at('source_security_group_id').absent) return [];
  return [
    {
      label: rule.address,
      target,
      source: isSelf ? target : ids.referenced(rule, ['source_security_group_id'], SECURITY_GROUP),
      allowsNfs: allowsNfs(rule.after.at('protocol'), rule.after.at('from_port'), rule.after.at('to_port')),
    },
  ];
}

/** Inline `ingress` blocks of an `aws_security_group`. */
function inlineRules(group: PlanResource, ids: Identities): IngressRule[] {
  const self = ids.self(group, SECURITY_GROUP);
  const ingress = group.after.at('ingress');
  if (ingress.unknown) {
    // The whole list is only known after apply: a computed value when the
    // configuration writes no ingress, else an expression we cannot evaluate.
    if (!ids.isWritten(group, ['ingress'])) return [];
    const source = ids.referenced(group, ['ingress'], SECURITY_GROUP);
    return [{ label: `${group.address} (inline ingress)`, target: known(self), source, allowsNfs: 'unknown' }];
  }
  return ingress.items().flatMap((block, i): IngressRule[] => {
    const isSelf = block.at('self').bool() === true;
    const groups = block.at('security_groups');
    if (!isSelf && groups.strings().complete && groups.strings().values.length === 0) return [];
    const referenced = ids.referenced(group, ['ingress', i, 'security_groups'], SECURITY_GROUP);
    const source: Identity = isSelf
      ? { tokens: new Set([...referenced.tokens, ...self]), unresolved: referenced.unresolved }
      : referenced;
    return [
      {
        label: `${group.address} (inline ingress #${i + 1})`,
        target: known(self),
        source,
        allowsNfs: allowsNfs(block.at('protocol'), block.at('from_port'), block.at('to_port')),
      },
    ];
  });
}

/** Every security-group-to-security-group ingress rule of the plan, in the three styles the AWS provider offers. */
export function ingressRules(resources: PlanResources, ids: Identities): IngressRule[] {
  return [
    ...resources.ofType('aws_vpc_security_group_ingress_rule').flatMap((r) => vpcIngressRule(r, ids)),
    ...resources.ofType('aws_security_group_rule').flatMap((r) => legacyRule(r, ids)),
    ...resources.ofType('aws_security_group').flatMap((r) => inlineRules(r, ids)),
  ];
}
