import { CHECK_BY_HAND, describeIdentity, firstReason, listSome } from '../analysis/describe';
import { groupsCreatedByPlan } from '../analysis/created-groups';
import { intersects } from '../analysis/identity';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { Check } from './check';
import { efsClients, type Client } from './clients';

const CHECK = 'nfs-client-egress';
const FIX =
  'let the client\'s security group out to NFS, e.g. `aws_vpc_security_group_egress_rule { security_group_id = <client group>, referenced_security_group_id = <mount-target group>, ip_protocol = "tcp", from_port = 2049, to_port = 2049 }`.';

/**
 * Decided only when every group of the client is created by this plan: the
 * rules of existing groups may be managed elsewhere. Destinations are not
 * checked, only that some rule lets TCP 2049 out.
 */
function diagnose(ctx: DoctorContext, client: Client): Finding[] {
  const { groups } = client;
  const own = groups && groupsCreatedByPlan(ctx, groups);
  if (!groups || !own) return []; // existing groups may have rules managed elsewhere

  const onClient = ctx.egressRules().filter((rule) => intersects(rule.owner.tokens, own));
  if (onClient.some((rule) => rule.allowsNfs === 'yes')) return [];
  const names = describeIdentity(groups);
  const maybe = [
    ...onClient
      .filter((rule) => rule.allowsNfs === 'unknown')
      .map((rule) => `${rule.label} (its protocol or ports are unknown until apply)`),
    ...ctx
      .egressRules()
      .filter(
        (rule) => !intersects(rule.owner.tokens, own) && rule.owner.unresolved.length > 0 && rule.allowsNfs !== 'no',
      )
      .map((rule) => `${rule.label} (${listSome(rule.owner.unresolved)})`),
  ];
  if (maybe.length > 0) {
    return [
      finding(
        CHECK,
        'warning',
        client.resource.address,
        `cannot tell whether its security groups (${names}) let TCP 2049 out: ${firstReason(maybe)} might.`,
        CHECK_BY_HAND,
      ),
    ];
  }
  const problem =
    onClient.length === 0
      ? `its security groups (${names}) have no egress rule at all: the AWS provider removes the allow-all egress rule AWS gives a new group, so the client cannot open NFS (TCP 2049) connections to the mount targets.`
      : `none of the egress rules of its security groups (${names}) lets TCP 2049 out (${listSome(onClient.map((rule) => rule.label))}), so the client cannot open NFS connections to the mount targets.`;
  return [finding(CHECK, 'error', client.resource.address, problem, FIX)];
}

export const nfsClientEgress: Check = {
  id: CHECK,
  summary: 'no security group of an EFS client (Lambda, ECS service) created by the plan lets TCP 2049 out',
  help: 'Security groups created by Terraform have no egress rule unless one is written, so a client group with none (or none covering TCP 2049) cannot reach the mount targets.',
  run: (ctx) => efsClients(ctx).flatMap((client) => diagnose(ctx, client)),
};
