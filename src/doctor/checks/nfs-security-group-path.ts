import { groupsCreatedByPlan } from '../analysis/created-groups';
import { CHECK_BY_HAND, describeIdentity, firstReason, listSome } from '../analysis/describe';
import { SECURITY_GROUP, type Identity } from '../analysis/identity';
import { nfsPath } from '../analysis/nfs-path';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import type { PlanResource } from '../plan/resources';
import type { Check } from './check';
import { efsClients, type Client } from './clients';

const CHECK = 'nfs-security-group-path';

const FIX =
  'allow TCP 2049 from the client\'s security group on the mount-target security group, e.g. `aws_vpc_security_group_ingress_rule { security_group_id = <mount-target group>, referenced_security_group_id = <client group>, ip_protocol = "tcp", from_port = 2049, to_port = 2049 }` (with modules/efs-filesystem: add the client group to allowed_security_groups, which also lets it out).';

/** A client whose security groups the plan does not show: the path is for a person to check. */
function groupsUnseen(client: Client): Finding {
  const address = client.resource.address;
  return client.resource.type === 'aws_ecs_service'
    ? finding(
        CHECK,
        'warning',
        address,
        "the service has no network_configuration (awsvpc), so its tasks use the container instances' security groups, which the plan does not show: the NFS path cannot be checked.",
        "check by hand that the container instances' security group may reach TCP 2049 on the mount-target security group.",
      )
    : finding(
        CHECK,
        'warning',
        address,
        "it names no security group, so its instances get the VPC's default group, which the plan does not show: the NFS path cannot be checked.",
        'give it a security group of its own (`vpc_security_group_ids`) that the file system allows in on TCP 2049.',
      );
}

function diagnose(ctx: DoctorContext, client: Client): Finding[] {
  const address = client.resource.address;
  const { mountTargets, exact } = ctx.efs.mountTargets(client.fileSystems);
  if (mountTargets.length === 0) return [];
  if (!client.groups) return [groupsUnseen(client)];
  const clientName = describeIdentity(client.groups);
  const clientGroups = client.groups;
  const verdicts = groupByMountTargetGroups(ctx, mountTargets).map((group) => ({
    ...group,
    verdict: nfsPath(clientGroups, group.groups, ctx.ingressRules()),
  }));
  if (!exact) {
    // Every mount target of the plan is a candidate: only "open to all of them" proves anything.
    const notOpen = verdicts.filter((v) => v.verdict.verdict !== 'open');
    if (notOpen.length === 0) return [];
    const targets = listSome(
      notOpen.flatMap((v) => v.mountTargets.map((mt) => mt.address)),
      1,
    );
    return [
      finding(
        CHECK,
        'warning',
        address,
        `cannot tell which file system it mounts (${firstReason(client.fileSystems.unresolved)}), and its security groups are not shown to reach TCP 2049 on ${targets}.`,
        CHECK_BY_HAND,
      ),
    ];
  }
  const findings: Finding[] = [];
  for (const { groups, mountTargets: targets, verdict } of verdicts) {
    const targetNames = listSome(targets.map((mt) => mt.address));
    const groupNames = describeIdentity(groups);
    if (verdict.verdict === 'closed' && !groupsCreatedByPlan(ctx, clientGroups) && !groupsCreatedByPlan(ctx, groups)) {
      // Both sides exist already: a rule managed outside this configuration may join them.
      findings.push(
        finding(
          CHECK,
          'warning',
          address,
          `no ingress rule in this plan lets its security groups (${clientName}) reach TCP 2049 on the mount-target security groups (${groupNames}) of ${targetNames}; both exist already, so a rule managed outside this configuration may allow it.`,
          `check by hand, or ${FIX}`,
        ),
      );
    } else if (verdict.verdict === 'closed') {
      findings.push(
        finding(
          CHECK,
          'error',
          address,
          `no ingress rule lets its security groups (${clientName}) reach TCP 2049 on the mount-target security groups (${groupNames}) of ${targetNames}: mounts time out.`,
          FIX,
        ),
      );
    } else if (verdict.verdict === 'undecided') {
      findings.push(
        finding(
          CHECK,
          'warning',
          address,
          `cannot tell whether its security groups reach TCP 2049 on ${listSome(
            targets.map((mt) => mt.address),
            1,
          )}: ${firstReason(verdict.reasons)}.`,
          CHECK_BY_HAND,
        ),
      );
    }
  }
  return findings;
}

/** Mount targets with the same security groups share a verdict; untraced ones form one group, with all the reasons. */
function groupByMountTargetGroups(
  ctx: DoctorContext,
  mountTargets: PlanResource[],
): Array<{ groups: Identity; mountTargets: PlanResource[] }> {
  const byKey = new Map<string, { groups: Identity; mountTargets: PlanResource[] }>();
  for (const mt of mountTargets) {
    const groups = ctx.ids.referenced(mt, ['security_groups'], SECURITY_GROUP);
    const key = [...groups.tokens].sort().join(',');
    const entry = byKey.get(key);
    if (entry) {
      entry.mountTargets.push(mt);
      entry.groups = {
        tokens: entry.groups.tokens,
        unresolved: [...new Set([...entry.groups.unresolved, ...groups.unresolved])],
      };
    } else {
      byKey.set(key, { groups, mountTargets: [mt] });
    }
  }
  return [...byKey.values()];
}

export const nfsSecurityGroupPath: Check = {
  id: CHECK,
  summary: 'no TCP 2049 ingress from a client security group (Lambda, ECS service) to the mount-target security group',
  help: "A client (Lambda function, ECS service) can mount only if an ingress rule on the mount targets' security group admits one of its security groups on TCP 2049. Without one, mounts time out.",
  run: (ctx) => efsClients(ctx).flatMap((client) => diagnose(ctx, client)),
};
