import { describeIdentity } from '../analysis/describe';
import { SECURITY_GROUP, type Identity } from '../analysis/identity';
import type { DoctorContext } from '../context';
import { finding, type Finding } from '../finding';
import { remains, type PlanResource } from '../plan/resources';
import type { Check } from './check';

const CHECK = 'nfs-duplicate-rule';
const FIX =
  'keep one rule per client group: with modules/efs-filesystem, list each group once in allowed_security_groups (the efs-mount-* modules add no rules), and drop rules written by hand for a group listed there.';

/**
 * One token, fully traced: the value is a known ID, or comes from exactly one resource. Two
 * values that each come from several resources (a map of groups read through one variable)
 * may still differ, so they are never compared.
 */
function single(identity: Identity): string | undefined {
  return identity.unresolved.length === 0 && identity.tokens.size === 1 ? [...identity.tokens][0] : undefined;
}

/** What makes two rules identical to AWS: target group, source group, protocol and ports. */
function signature(ctx: DoctorContext, rule: PlanResource): string | undefined {
  const target = single(ctx.ids.referenced(rule, ['security_group_id'], SECURITY_GROUP));
  const source = single(ctx.ids.referenced(rule, ['referenced_security_group_id'], SECURITY_GROUP));
  const protocol = rule.after.at('ip_protocol');
  const from = rule.after.at('from_port');
  const to = rule.after.at('to_port');
  if (!target || !source || protocol.unknown || from.unknown || to.unknown) return undefined;
  return JSON.stringify([target, source, protocol.string()?.toLowerCase(), from.number(), to.number()]);
}

/**
 * AWS refuses a second ingress rule identical to one the group already has, so the apply
 * fails half-way. Decided only for `aws_vpc_security_group_ingress_rule`s whose groups are
 * each traced to one known ID or one resource, and that let TCP 2049 in.
 */
function diagnose(ctx: DoctorContext): Finding[] {
  const rules = ctx.resources
    .ofType('aws_vpc_security_group_ingress_rule')
    .filter((rule) => remains(rule) && !rule.after.at('referenced_security_group_id').absent);
  const first = new Map<string, PlanResource>();
  const findings: Finding[] = [];
  for (const rule of rules) {
    const key = signature(ctx, rule);
    if (!key || !ctx.ingressRules().some((r) => r.label === rule.address && r.allowsNfs === 'yes')) continue;
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, rule);
      continue;
    }
    const source = describeIdentity(ctx.ids.referenced(rule, ['referenced_security_group_id'], SECURITY_GROUP));
    findings.push(
      finding(
        CHECK,
        'error',
        rule.address,
        `lets ${source} reach NFS on the same security group as ${earlier.address} does: AWS refuses the second, identical rule, and the apply stops there.`,
        FIX,
      ),
    );
  }
  return findings;
}

export const nfsDuplicateRule: Check = {
  id: CHECK,
  summary: 'two ingress rules let the same security group reach TCP 2049 on the same group (AWS refuses the second)',
  help: 'Two identical ingress rules (same group, same source group, same ports) cannot both exist: AWS refuses the second and the apply stops half-way. Keep one rule per client group.',
  run: diagnose,
};
