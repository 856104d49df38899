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
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';
import { birthTag, keepBirthTag } from './birth-tag';
import { NFS_PORT } from '../shared';

const KEYED_RULES =
  'Replaced create-before-destroy: when the group is replaced, the rules of the new group exist before ' +
  'the mount targets switch to it (they depend on the rules), and the old rules are deleted after. ' +
  'for_each over a map keyed by the names users choose: keys are known at plan time even when the ' +
  "group IDs are not, and a change to one entry touches that entry's rule only.";

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
  ctx: BuildContext<EfsFilesystemInput>,
  securityGroup: SecurityGroup,
  attribute: string,
): string => `${ctx.address(securityGroup)}[0].${attribute}`;

/** The same, as a value that is null when the module has no security group (for outputs). */
export const securityGroupOutput = (
  ctx: BuildContext<EfsFilesystemInput>,
  securityGroup: SecurityGroup,
  attribute: string,
): string => `one(${ctx.address(securityGroup)}[*].${attribute})`;

export function buildNetwork(ctx: BuildContext<EfsFilesystemInput>, fileSystem: EfsFileSystem): NetworkResources {
  const securityGroup = buildSecurityGroup(ctx);
  const rules = buildNfsRules(ctx, securityGroup);
  const mountTargets = ctx.named(
    new EfsMountTarget(ctx.scope, 'mount_target', {
      forEach: forEachOf(ex(ctx.in('mount_targets'))),
      fileSystemId: fileSystem.id,
      subnetId: ex('each.value.subnet_id'),
      ipAddress: ex('each.value.ip_address'),
      securityGroups: stringList(
        ex(`concat(${ctx.address(securityGroup)}[*].id, ${ctx.in('mount_target_security_group_ids')})`),
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

function buildSecurityGroup(ctx: BuildContext<EfsFilesystemInput>): SecurityGroup {
  const v = ctx.in;
  const groupName = ctx.local(
    'security_group_name',
    ex(`coalesce(${v('security_group_name')}, "\${${v('name')}}-efs")`),
  );
  const usePrefix = v('security_group_use_name_prefix');
  const securityGroup = ctx.named(
    new SecurityGroup(ctx.scope, 'security_group', {
      count: num(ex(`${v('create_security_group')} ? 1 : 0`)),
      name: ex(`${usePrefix} ? null : ${groupName}`),
      namePrefix: ex(`${usePrefix} ? "\${${groupName}}-" : null`),
      description: ex(v('security_group_description')),
      vpcId: ex(v('vpc_id')),
      revokeRulesOnDelete: bool(ex(v('security_group_revoke_rules_on_delete'))),
      tags: stringMap(ex(`merge(${v('tags')}, { Name = ${groupName} }, ${ctx.hcl(birthTag)})`)),
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

function buildNfsRules(ctx: BuildContext<EfsFilesystemInput>, securityGroup: SecurityGroup): NfsRules {
  const { scope, in: v } = ctx;
  const tags = stringMap(ex(v('tags')));
  const groupId = ex(securityGroupAttribute(ctx, securityGroup, 'id'));
  // Every rule lives on the module's group: none exists without it (the rules refuse the inputs then).
  const withGroup = v('create_security_group');
  const nfsRule = { ipProtocol: 'tcp', fromPort: NFS_PORT, toPort: NFS_PORT, lifecycle: { createBeforeDestroy: true } };
  const nfsFromSecurityGroups = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_security_groups', {
      forEach: forEachOf(ex(`${withGroup} ? ${v('allowed_security_groups')} : {}`)),
      securityGroupId: groupId,
      referencedSecurityGroupId: ex('each.value'),
      ...nfsRule,
      description: ex('"NFS from allowed security group ${each.key}"'),
      tags,
    }),
    'nfs_from_security_groups',
  );
  ctx.explain(nfsFromSecurityGroups, KEYED_RULES);
  const nfsFromSelf = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_self', {
      count: num(ex(`${withGroup} && ${v('allow_nfs_from_self')} ? 1 : 0`)),
      securityGroupId: groupId,
      referencedSecurityGroupId: groupId,
      ...nfsRule,
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
      forEach: forEachOf(ex(`${withGroup} ? ${v('allowed_cidrs')} : {}`)),
      securityGroupId: groupId,
      cidrIpv4: ex('can(regex(":", each.value)) ? null : each.value'),
      cidrIpv6: ex('can(regex(":", each.value)) ? each.value : null'),
      ...nfsRule,
      description: ex('"NFS from allowed CIDR ${each.key}"'),
      tags,
    }),
    'nfs_from_cidrs',
  );
  ctx.explain(
    nfsFromCidrs,
    'Keyed by the names of allowed_cidrs and replaced create-before-destroy, as nfs_from_security_groups is and for the same reasons.',
  );
  const nfsToFileSystem = ctx.named(
    new VpcSecurityGroupEgressRule(scope, 'nfs_to_file_system', {
      forEach: forEachOf(
        ex(
          `{ for key, id in ${v('allowed_security_groups')} : key => id if ${withGroup} && ${v('client_egress_rules')} }`,
        ),
      ),
      securityGroupId: ex('each.value'),
      referencedSecurityGroupId: groupId,
      ...nfsRule,
      description: ex(`"NFS to the mount targets of EFS \${${v('name')}}"`),
      tags,
      lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [securityGroupAttribute(ctx, securityGroup, 'id')] },
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
  return { nfsFromSecurityGroups, nfsFromSelf, nfsFromCidrs, nfsToFileSystem };
}
