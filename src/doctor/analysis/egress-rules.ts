import type { PlanResource, PlanResources } from '../plan/resources';
import { SECURITY_GROUP, type Identities, type Identity } from './identity';
import { allowsNfs, type PortMatch } from './ingress-rules';

/** An egress permission of a security group, whatever resource style declares it. Destinations are not modelled. */
export interface EgressRule {
  label: string;
  /** The group the rule is on. */
  owner: Identity;
  allowsNfs: PortMatch;
}

function standalone(rule: PlanResource, ids: Identities, protocol: string): EgressRule {
  return {
    label: rule.address,
    owner: ids.referenced(rule, ['security_group_id'], SECURITY_GROUP),
    allowsNfs: allowsNfs(rule.after.at(protocol), rule.after.at('from_port'), rule.after.at('to_port')),
  };
}

/** Inline `egress` blocks of an `aws_security_group`. */
function inline(group: PlanResource, ids: Identities): EgressRule[] {
  const owner: Identity = { tokens: ids.self(group, SECURITY_GROUP), unresolved: [] };
  const egress = group.after.at('egress');
  if (egress.unknown) {
    // Unknown and not written: computed, and the provider revokes AWS's default
    // allow-all rule of the groups it creates, so there is none.
    return ids.isWritten(group, ['egress'])
      ? [{ label: `${group.address} (inline egress)`, owner, allowsNfs: 'unknown' }]
      : [];
  }
  return egress.items().map((block, i) => ({
    label: `${group.address} (inline egress #${i + 1})`,
    owner,
    allowsNfs: allowsNfs(block.at('protocol'), block.at('from_port'), block.at('to_port')),
  }));
}

export function egressRules(resources: PlanResources, ids: Identities): EgressRule[] {
  return [
    ...resources.ofType('aws_vpc_security_group_egress_rule').map((r) => standalone(r, ids, 'ip_protocol')),
    ...resources
      .ofType('aws_security_group_rule')
      .filter((r) => r.after.at('type').string() === 'egress')
      .map((r) => standalone(r, ids, 'protocol')),
    ...resources.ofType('aws_security_group').flatMap((r) => inline(r, ids)),
  ];
}
