/**
 * efs-filesystem: the mount targets' security group, its NFS rules (each keyed by a name the
 * user chose) and the mount targets themselves.
 */
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { bool, forEachOf, num, stringList, stringMap } from '../../core/blocks';
import {
  type Expr,
  and,
  at,
  call,
  eachOf,
  forMap,
  get,
  cond,
  lit,
  obj,
  splat,
  template,
  type Val,
} from '../../core/expr';
import type { EfsFilesystemContext } from './spec';
import { birthTag, keepBirthTag } from './birth-tag';
import { NFS_PORT } from '../shared';

const KEYED_RULES =
  'Replaced create-before-destroy: when the group is replaced, the rules of the new group exist before ' +
  'the mount targets switch to it (they depend on the rules), and the old rules are deleted after. ' +
  'for_each over a map keyed by the names users choose: keys are known at plan time even when the ' +
  "group IDs are not, and a change to one entry touches that entry's rule only.";

/** What every NFS rule says: TCP on the NFS port, replaced create-before-destroy. */
const NFS_RULE = { ipProtocol: 'tcp', fromPort: NFS_PORT, toPort: NFS_PORT, lifecycle: { createBeforeDestroy: true } };

export interface NetworkResources {
  /** count = 1 when `create_security_group` (the default), else 0: read it through `securityGroupRef`. */
  readonly securityGroup: SecurityGroup;
  /** One resource, for_each over `mount_targets`. */
  readonly mountTargets: EfsMountTarget;
}

/** The NFS rules of the module's group, which the mount targets wait for. */
interface NfsRules {
  /** Ingress from each group of `allowed_security_groups`, keyed by its name. */
  readonly nfsFromSecurityGroups: VpcSecurityGroupIngressRule;
  /** Ingress from the group itself, when `allow_nfs_from_self`. */
  readonly nfsFromSelf: VpcSecurityGroupIngressRule;
  /** Ingress from each CIDR of `allowed_cidrs`, keyed by its name. */
  readonly nfsFromCidrs: VpcSecurityGroupIngressRule;
  /** Egress on each client group to the mount targets, when `client_egress_rules`. */
  readonly nfsToFileSystem: VpcSecurityGroupEgressRule;
}

/**
 * An attribute of the module's security group, which exists once or not at all (count): only
 * resources that exist with it may read it (their for_each or count is empty without it).
 */
export const securityGroupAttribute = (
  ctx: EfsFilesystemContext,
  securityGroup: SecurityGroup,
  attribute: string,
): Val => get(at(ctx.ref(securityGroup), 0), attribute);

/** The same, as a value that is null when the module has no security group (for outputs). */
export const securityGroupOutput = (ctx: EfsFilesystemContext, securityGroup: SecurityGroup, attribute: string): Expr =>
  call('one', splat(ctx.ref(securityGroup), attribute));

export function buildNetwork(ctx: EfsFilesystemContext, fileSystem: EfsFileSystem): NetworkResources {
  const securityGroup = buildSecurityGroup(ctx);
  const rules = buildNfsRules(ctx, securityGroup);
  const mountTarget = eachOf(ctx.input('mount_targets'));
  const mountTargets = ctx.named(
    new EfsMountTarget(ctx.scope, 'mount_target', {
      forEach: forEachOf(ctx.tf(ctx.input('mount_targets'))),
      fileSystemId: fileSystem.id,
      subnetId: ctx.tf(get(mountTarget.value, 'subnet_id')),
      ipAddress: ctx.tf(get(mountTarget.value, 'ip_address')),
      securityGroups: stringList(
        ctx.tf(call('concat', splat(ctx.ref(securityGroup), 'id'), ctx.input('mount_target_security_group_ids'))),
      ),
      dependsOn: [rules.nfsFromSecurityGroups, rules.nfsFromSelf, rules.nfsFromCidrs, rules.nfsToFileSystem],
    }),
    'this',
  );
  ctx.explain(
    mountTargets,
    'depends_on the NFS rules: a mount target moves to a new group only once that group lets the clients in (and out). ' +
      "security_groups: the module's group (when it creates one) and the user's groups, a list: their IDs may be unknown at plan time, and a change updates each mount target in place.",
  );
  return { securityGroup, mountTargets };
}

function buildSecurityGroup(ctx: EfsFilesystemContext): SecurityGroup {
  const v = ctx.input;
  const groupName = ctx.local(
    'security_group_name',
    call('coalesce', v('security_group_name'), template`${v('name')}-efs`),
  );
  const usePrefix = v('security_group_use_name_prefix');
  const securityGroup = ctx.named(
    new SecurityGroup(ctx.scope, 'security_group', {
      count: num(ctx.tf(cond(v('create_security_group'), lit(1), lit(0)))),
      name: ctx.tf(cond(usePrefix, lit(null), groupName)),
      namePrefix: ctx.tf(cond(usePrefix, template`${groupName}-`, lit(null))),
      description: ctx.tf(v('security_group_description')),
      vpcId: ctx.tf(v('vpc_id')),
      revokeRulesOnDelete: bool(ctx.tf(v('security_group_revoke_rules_on_delete'))),
      tags: stringMap(ctx.tf(call('merge', v('tags'), obj({ Name: groupName }), birthTag))),
      // Set once, like the birth tag: AWS cannot rename a group or change its description, so a
      // change would replace it. Kept, a group adopted from another module (terraform-aws-efs,
      // whose module block is swapped for this one) stays, and witnesses for the replacement guard.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: ['name', 'name_prefix', 'description', ...keepBirthTag] },
    }),
    'this',
  );
  return ctx.explain(
    securityGroup,
    'Name and description are set once, at creation (ignore_changes): AWS cannot change them in place, and ' +
      'a group adopted from another module keeps them, so it stays and witnesses for the replacement guard ' +
      'that the module was there before. Replaced (another VPC, -replace) create-before-destroy: the new group and its rules ' +
      'exist before the mount targets move to it, and the old group and its rules go only after. Rules live ' +
      'in their own resources so that each is keyed by its own name. The birth tag is a witness of the ' +
      'replacement guard on aws_efs_file_system.this. count, not for_each: a state written before ' +
      'create_security_group existed holds the group without an index, which Terraform moves to [0] by itself.',
  );
}

function buildNfsRules(ctx: EfsFilesystemContext, securityGroup: SecurityGroup): NfsRules {
  const { scope, input: v } = ctx;
  const tags = stringMap(ctx.tf(v('tags')));
  const groupId = ctx.tf(securityGroupAttribute(ctx, securityGroup, 'id'));
  // Every rule lives on the module's group: none exists without it (the rules refuse the inputs then).
  const withGroup = v('create_security_group');
  const allowedGroups = v('allowed_security_groups');
  const fromGroup = eachOf(allowedGroups);
  const allowedCidrs = v('allowed_cidrs');
  const cidr = eachOf(allowedCidrs);
  const isIpv6 = call('matches', cidr.value, lit(':'));
  const nfsFromSecurityGroups = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_security_groups', {
      forEach: forEachOf(ctx.tf(cond(withGroup, allowedGroups, obj({})))),
      securityGroupId: groupId,
      referencedSecurityGroupId: ctx.tf(fromGroup.value),
      ...NFS_RULE,
      description: ctx.tf(template`NFS from allowed security group ${fromGroup.key}`),
      tags,
    }),
    'nfs_from_security_groups',
  );
  ctx.explain(nfsFromSecurityGroups, KEYED_RULES);
  const nfsFromSelf = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_self', {
      count: num(ctx.tf(cond(and(withGroup, v('allow_nfs_from_self')), lit(1), lit(0)))),
      securityGroupId: groupId,
      referencedSecurityGroupId: groupId,
      ...NFS_RULE,
      description: 'NFS from members of this security group',
      tags,
    }),
    'nfs_from_self',
  );
  ctx.explain(
    nfsFromSelf,
    'Replaced create-before-destroy, like the other NFS rules: the new group lets its members in before the mount targets move to it.',
  );
  const nfsFromCidrs = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_cidrs', {
      forEach: forEachOf(ctx.tf(cond(withGroup, allowedCidrs, obj({})))),
      securityGroupId: groupId,
      cidrIpv4: ctx.tf(cond(isIpv6, lit(null), cidr.value)),
      cidrIpv6: ctx.tf(cond(isIpv6, cidr.value, lit(null))),
      ...NFS_RULE,
      description: ctx.tf(template`NFS from allowed CIDR ${cidr.key}`),
      tags,
    }),
    'nfs_from_cidrs',
  );
  ctx.explain(
    nfsFromCidrs,
    'Keyed by the names of allowed_cidrs and replaced create-before-destroy, as nfs_from_security_groups is and for the same reasons.',
  );
  const nfsToFileSystem = buildClientEgress(ctx, securityGroup);
  return { nfsFromSecurityGroups, nfsFromSelf, nfsFromCidrs, nfsToFileSystem };
}

/** Egress on each client group to the mount targets, when `client_egress_rules`. */
function buildClientEgress(ctx: EfsFilesystemContext, securityGroup: SecurityGroup): VpcSecurityGroupEgressRule {
  const v = ctx.input;
  const groupId = ctx.tf(securityGroupAttribute(ctx, securityGroup, 'id'));
  const clientGroups = forMap(
    v('allowed_security_groups'),
    (key, id) => [key, id],
    () => and(v('create_security_group'), v('client_egress_rules')),
    ['key', 'id'],
  );
  const nfsToFileSystem = ctx.named(
    new VpcSecurityGroupEgressRule(ctx.scope, 'nfs_to_file_system', {
      forEach: forEachOf(ctx.tf(clientGroups)),
      securityGroupId: ctx.tf(eachOf(clientGroups).value),
      referencedSecurityGroupId: groupId,
      ...NFS_RULE,
      description: ctx.tf(template`NFS to the mount targets of EFS ${v('name')}`),
      tags: stringMap(ctx.tf(v('tags'))),
      lifecycle: {
        createBeforeDestroy: true,
        replaceTriggeredBy: [ctx.hcl(securityGroupAttribute(ctx, securityGroup, 'id'))],
      },
    }),
    'nfs_to_file_system',
  );
  ctx.explain(
    nfsToFileSystem,
    'A group Terraform creates has no egress at all: let each client group out to the mount targets. ' +
      "Replaced (create-before-destroy) with the module's group, never updated in place, so a client keeps " +
      'its way out to the old group until the mount targets have left it. Keyed by the names of ' +
      'allowed_security_groups, known at plan time.',
  );
  return nfsToFileSystem;
}
