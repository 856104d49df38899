/**
 * efs-filesystem: the resources, written once. Runs as the TypeScript construct and as the
 * generator of the HCL module (see src/core/module.ts). Inputs are read through `ctx.in`.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { EfsBackupPolicy } from '@cdktf/provider-aws/lib/efs-backup-policy';
import { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { EfsMountTarget } from '@cdktf/provider-aws/lib/efs-mount-target';
import { EfsReplicationConfiguration } from '@cdktf/provider-aws/lib/efs-replication-configuration';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { DataResource, TerraformIterator } from '../../cdktf';
import { addDynamic, bool, num } from '../../core/blocks';
import { hclObject } from '../../core/hcl-writer';
import { BuildContext, ex } from '../../core/module';
import { buildAlarms } from './build-alarms';
import { buildBackupPlan } from './build-backup-plan';
import type { EfsFilesystemInput } from './spec';

const NFS_PORT = 2049;
/**
 * Tag whose value is the timestamp (RFC 3339, from plantimestamp()) of the plan that created the
 * file system or the security group; the replacement guard reads it. Key and value fit the EFS
 * tag rules (letters, digits, spaces and `_ . : / = + - @`; key up to 128 characters and not
 * starting with `aws:`, value up to 256), which the tests check.
 */
export const CREATED_TAG = 'efs-modules:created';
const IMMUTABLE_SETTINGS: readonly EfsFilesystemInput[] = ['encrypted', 'kms_key_arn', 'performance_mode', 'availability_zone_name'];
const CLIENT_ACTIONS = ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite', 'elasticfilesystem:ClientRootAccess'];

export function buildEfsFilesystem(ctx: BuildContext<EfsFilesystemInput>): Record<string, unknown> {
  const { scope, in: v } = ctx;
  const tags = (extra: string) => ex(`merge(${v('tags')}, ${extra})`);

  // One lifecycle_policy block per transition: the API rejects two transitions in one block.
  const transitions = ctx.local(
    'lifecycle_transitions',
    ex(`{ for name, when in ${v('lifecycle_policy')} : name => when if when != null }`),
  );
  // A directory below "/" is only created with creation_info; default it to the POSIX user as owner.
  const ownedByPosixUser = hclObject({ owner_uid: 'ap.posix_user.uid', owner_gid: 'ap.posix_user.gid', permissions: '"0755"' });
  const creationInfo = ctx.local(
    'access_point_creation_info',
    ex(
      `{\n  for key, ap in ${v('access_points')} : key => (\n    ap.creation_info != null ? ap.creation_info :\n` +
        `    ap.posix_user != null ? ${ownedByPosixUser.split('\n').join('\n    ')} : null\n  )\n}`,
    ),
  );

  // Nothing lost by surprise (docs/design.md). The file system and the security group carry a
  // birth tag: the timestamp of the plan that created them. ignore_changes keeps it on every
  // update, but Terraform plans a create or a replacement from the configuration alone, so the
  // planned tag equals plantimestamp() exactly when this plan creates or replaces the resource,
  // and that is known at plan time. terraform_data.module_created is another witness: its input
  // is the timestamp of the plan that created it (read input, not output: a new terraform_data's
  // output is unknown until apply, and an unknown condition is only checked after the apply).
  // A file system born now while a witness is older is a replacement: the postcondition fails
  // the plan before anything is applied.
  const bornTag = (tagsOf: string) => `lookup(${tagsOf}, ${JSON.stringify(CREATED_TAG)}, null)`;
  const birthTag = `{ ${JSON.stringify(CREATED_TAG)} = plantimestamp() }`;
  const keepBirthTag = [`tags["${CREATED_TAG}"]`];
  // Where the rules plan time checks go. The HCL module keeps its cross-input preconditions on the
  // file system. A construct's deferred rules (props that are tokens) go on the witness, which
  // depends on nothing: the file system waits for its security group (the guard reads its tag),
  // and a value the provider rejects there would hide every message on the file system.
  const rulesAtPlan = ctx.preconditions();
  const moduleCreated = ctx.named(
    new DataResource(scope, 'module_created', {
      input: ex('plantimestamp()') as unknown as Record<string, unknown>,
      lifecycle: { ignoreChanges: ['input'], precondition: ctx.mode === 'construct' ? rulesAtPlan : [] },
    }),
    'module_created',
  );
  const allowReplacement = v('allow_file_system_replacement');
  const permission = ctx.mode === 'module'
    ? 'set allow_file_system_replacement = true for the apply that replaces it'
    : 'give it removalPolicy: RemovalPolicy.DESTROY (allowFileSystemReplacement: true) for the deploy that replaces it';
  const refusedBecause = ctx.mode === 'module'
    ? 'allow_file_system_replacement is false'
    : 'removalPolicy is RETAIN (allowFileSystemReplacement is false)';
  const requested = IMMUTABLE_SETTINGS.map((name) => `${ctx.spell(name)} = \${jsonencode(${v(name)})}`)
    .join(', ');

  const fileSystem = ctx.named(
    new EfsFileSystem(scope, 'file_system', {
      encrypted: bool(ex(v('encrypted'))),
      kmsKeyId: ex(v('kms_key_arn')),
      performanceMode: ex(v('performance_mode')),
      throughputMode: ex(v('throughput_mode')),
      provisionedThroughputInMibps: num(ex(v('provisioned_throughput_in_mibps'))),
      availabilityZoneName: ex(v('availability_zone_name')),
      tags: tags(`{ Name = ${v('name')} }, ${birthTag}`) as unknown as Record<string, string>,
      lifecycle: { ignoreChanges: keepBirthTag, precondition: ctx.mode === 'module' ? rulesAtPlan : [] },
    }),
    'this',
  );
  addDynamic(fileSystem, 'lifecycle_policy', {
    forEach: ex(transitions),
    content: {
      transition_to_ia: ex('lifecycle_policy.key == "transition_to_ia" ? lifecycle_policy.value : null'),
      transition_to_archive: ex('lifecycle_policy.key == "transition_to_archive" ? lifecycle_policy.value : null'),
      transition_to_primary_storage_class: ex(
        'lifecycle_policy.key == "transition_to_primary_storage_class" ? lifecycle_policy.value : null',
      ),
    },
  });

  // The group is replaced (new name or description, another VPC) create-before-destroy: the new
  // group and its rules exist before the mount targets move to it, and the old group and its
  // rules go only after (see the rules and the mount targets below).
  const groupName = ctx.local('security_group_name', ex(`coalesce(${v('security_group_name')}, "\${${v('name')}}-efs")`));
  const usePrefix = v('security_group_use_name_prefix');
  const securityGroup = ctx.named(
    new SecurityGroup(scope, 'security_group', {
      name: ex(`${usePrefix} ? null : ${groupName}`),
      namePrefix: ex(`${usePrefix} ? "\${${groupName}}-" : null`),
      description: ex(v('security_group_description')),
      vpcId: ex(v('vpc_id')),
      tags: tags(`{ Name = ${groupName} }, ${birthTag}`) as unknown as Record<string, string>,
      // Rules live in their own resources so that each is keyed by its own name.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: keepBirthTag },
    }),
    'this',
  );

  // Checked at plan time: every value it reads is known then. A witness that is new too means
  // the whole module is new (first apply) and the file system is simply created.
  fileSystem.lifecycle = {
    ...fileSystem.lifecycle,
    postcondition: [{
      condition: ex(
        `${allowReplacement} || ${bornTag('self.tags')} != plantimestamp() || ` +
          `(${ctx.address(moduleCreated)}.input == plantimestamp() && ${bornTag(`${ctx.address(securityGroup)}.tags`)} == plantimestamp())`,
      ),
      errorMessage:
        `${refusedBecause}, and this plan would replace the file system "\${${v('name')}}" and destroy its data: ` +
        `${IMMUTABLE_SETTINGS.map(ctx.spell).join(', ').replace(/, ([^,]+)$/, ' and $1')} cannot change on an existing file system ` +
        `(the configuration asks for ${requested}), and -replace or a file system missing from the state re-creates it empty. ` +
        `Keep the settings it has, or ${permission}. ` +
        `A plan with the permission shows which attribute forces the replacement, without applying anything.`,
    }],
  };

  // Every rule below is replaced create-before-destroy: when the group is replaced, the rules of
  // the new group exist before the mount targets switch to it (they depend on the rules), and the
  // old rules are deleted after. for_each over maps keyed by the names users choose: keys are
  // known at plan time even when the group IDs are not, and an entry's change touches that entry.
  const nfsRule = { ipProtocol: 'tcp', fromPort: NFS_PORT, toPort: NFS_PORT, lifecycle: { createBeforeDestroy: true } };
  const fromGroups = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_security_groups', {
      forEach: TerraformIterator.fromMap(ex(v('allowed_security_groups')) as unknown as Record<string, unknown>),
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: ex('each.value'),
      ...nfsRule,
      description: ex('"NFS from allowed security group ${each.key}"'),
      tags: ex(v('tags')) as unknown as Record<string, string>,
    }),
    'nfs_from_security_groups',
  );
  const fromSelf = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_self', {
      count: num(ex(`${v('allow_nfs_from_self')} ? 1 : 0`)),
      securityGroupId: securityGroup.id,
      referencedSecurityGroupId: securityGroup.id,
      ...nfsRule,
      description: 'NFS from members of this security group',
      tags: ex(v('tags')) as unknown as Record<string, string>,
    }),
    'nfs_from_self',
  );
  const fromCidrs = ctx.named(
    new VpcSecurityGroupIngressRule(scope, 'nfs_from_cidrs', {
      forEach: TerraformIterator.fromMap(ex(v('allowed_cidrs')) as unknown as Record<string, unknown>),
      securityGroupId: securityGroup.id,
      cidrIpv4: ex('can(regex(":", each.value)) ? null : each.value'),
      cidrIpv6: ex('can(regex(":", each.value)) ? each.value : null'),
      ...nfsRule,
      description: ex('"NFS from allowed CIDR ${each.key}"'),
      tags: ex(v('tags')) as unknown as Record<string, string>,
    }),
    'nfs_from_cidrs',
  );
  // A group Terraform creates has no egress at all: let each client group out to the mount
  // targets. Replaced (create-before-destroy) with the module's group, never updated in place,
  // so a client keeps its way out to the old group until the mount targets have left it.
  const toFileSystem = ctx.named(
    new VpcSecurityGroupEgressRule(scope, 'nfs_to_file_system', {
      forEach: TerraformIterator.fromMap(
        ex(`{ for key, id in ${v('allowed_security_groups')} : key => id if ${v('client_egress_rules')} }`) as unknown as Record<string, unknown>,
      ),
      securityGroupId: ex('each.value'),
      referencedSecurityGroupId: securityGroup.id,
      ...nfsRule,
      description: ex(`"NFS to the mount targets of EFS \${${v('name')}}"`),
      tags: ex(v('tags')) as unknown as Record<string, string>,
      lifecycle: { createBeforeDestroy: true, replaceTriggeredBy: [`${ctx.address(securityGroup)}.id`] },
    }),
    'nfs_to_file_system',
  );

  const mountTargetIterator = TerraformIterator.fromMap(ex(v('mount_targets')) as unknown as Record<string, unknown>);
  const mountTargets = ctx.named(
    new EfsMountTarget(scope, 'mount_target', {
      forEach: mountTargetIterator,
      fileSystemId: fileSystem.id,
      subnetId: ex('each.value.subnet_id'),
      ipAddress: ex('each.value.ip_address'),
      securityGroups: [securityGroup.id],
      // A mount target moves to a new group only once that group lets the clients in (and out).
      dependsOn: [fromGroups, fromSelf, fromCidrs, toFileSystem],
    }),
    'this',
  );

  ctx.named(
    new EfsBackupPolicy(scope, 'backup_policy', {
      fileSystemId: fileSystem.id,
      backupPolicy: { status: ex(`${v('backup_enabled')} ? "ENABLED" : "DISABLED"`) },
    }),
    'this',
  );

  // The first statement keeps what EFS grants when there is no policy (mount through a mount
  // target), so that deny presets never lock out clients that IAM or the network allow; no
  // preset denies ClientMount to a client that uses TLS and an access point, as the
  // efs-mount-* modules do. Statements are data, in order: presets add entries, not blocks.
  const everyone = '[{ type = "AWS", identifiers = ["*"] }]';
  const statement = (sid: string, effect: string, actions: readonly string[], conditions: string) =>
    hclObject({
      sid: JSON.stringify(sid),
      effect: JSON.stringify(effect),
      actions: `[${actions.map((a) => JSON.stringify(a)).join(', ')}]`,
      principals: everyone,
      conditions,
    });
  const condition = (test: string, variable: string, value: string) => `[{ test = "${test}", variable = "${variable}", values = ["${value}"] }]`;
  const preset = (name: string, sid: string, effect: string, actions: readonly string[], conditions = '[]') =>
    ctx.local(`${name}_statement`, ex(statement(sid, effect, actions, conditions)));
  const allowMount = preset('allow_mount', 'AllowClientAccessThroughMountTargets', 'Allow', CLIENT_ACTIONS,
    condition('Bool', 'elasticfilesystem:AccessedViaMountTarget', 'true'));
  const presets: [EfsFilesystemInput, string][] = [
    ['enforce_tls', preset('deny_unencrypted_transport', 'DenyUnencryptedTransport', 'Deny', ['*'], condition('Bool', 'aws:SecureTransport', 'false'))],
    ['deny_root_access', preset('deny_root_access', 'DenyRootAccess', 'Deny', ['elasticfilesystem:ClientRootAccess'])],
    ['read_only', preset('read_only', 'DenyWrite', 'Deny', ['elasticfilesystem:ClientWrite'])],
    ['enforce_access_point', preset('enforce_access_point', 'DenyAccessWithoutAccessPoint', 'Deny', CLIENT_ACTIONS,
      condition('Null', 'elasticfilesystem:AccessPointArn', 'true'))],
  ];
  const statements = ctx.local(
    'file_system_policy_statements',
    ex(
      `concat(\n  [${allowMount}],\n` +
        presets.map(([input, local]) => `  ${v(input)} ? [${local}] : [],\n`).join('') +
        `  ${v('policy_statements')},\n)`,
    ),
  );
  const policyDocument = ctx.named(new DataAwsIamPolicyDocument(scope, 'file_system_policy_document', {}), 'this');
  addDynamic(policyDocument, 'statement', {
    forEach: ex(statements),
    content: {
      sid: ex('statement.value.sid'),
      effect: ex('statement.value.effect'),
      actions: ex('statement.value.actions'),
      resources: [fileSystem.arn],
      dynamic: {
        principals: {
          for_each: ex('statement.value.principals'),
          content: { type: ex('principals.value.type'), identifiers: ex('principals.value.identifiers') },
        },
        condition: {
          for_each: ex('statement.value.conditions'),
          content: {
            test: ex('condition.value.test'),
            variable: ex('condition.value.variable'),
            values: ex('condition.value.values'),
          },
        },
      },
    },
  });
  ctx.named(
    new EfsFileSystemPolicy(scope, 'file_system_policy', {
      fileSystemId: fileSystem.id,
      policy: policyDocument.json,
    }),
    'this',
  );

  const accessPointIterator = TerraformIterator.fromMap(ex(v('access_points')) as unknown as Record<string, unknown>);
  const accessPoints = ctx.named(
    new EfsAccessPoint(scope, 'access_point', {
      forEach: accessPointIterator,
      fileSystemId: fileSystem.id,
      rootDirectory: { path: ex('each.value.root_directory') },
      tags: ex(`merge(${v('tags')}, each.value.tags, { Name = "\${${v('name')}}-\${each.key}" })`) as unknown as Record<string, string>,
      // A new root directory, POSIX user or creation info replaces the access point: create the
      // new one first, so whatever mounts it is repointed before the old one is deleted.
      lifecycle: { createBeforeDestroy: true },
    }),
    'this',
  );
  addDynamic(accessPoints, 'posix_user', {
    forEach: ex('each.value.posix_user == null ? [] : [each.value.posix_user]'),
    content: {
      uid: ex('posix_user.value.uid'),
      gid: ex('posix_user.value.gid'),
      secondary_gids: ex('posix_user.value.secondary_gids'),
    },
  });
  accessPoints.addOverride('root_directory.dynamic.creation_info', {
    for_each: ex(`${creationInfo}[each.key] == null ? [] : [${creationInfo}[each.key]]`),
    content: {
      owner_uid: ex('creation_info.value.owner_uid'),
      owner_gid: ex('creation_info.value.owner_gid'),
      permissions: ex('creation_info.value.permissions'),
    },
  });

  // for_each over at most one entry, read through each.value: with count, the provider would
  // validate the block even when there is no replication and the inputs are constants.
  const replicationIterator = TerraformIterator.fromMap(
    ex(`${v('replication')} == null ? {} : { replica = ${v('replication')} }`) as unknown as Record<string, unknown>,
  );
  const replication = ctx.named(
    new EfsReplicationConfiguration(scope, 'replication', {
      forEach: replicationIterator,
      sourceFileSystemId: fileSystem.id,
      destination: {
        region: ex('each.value.region'),
        availabilityZoneName: ex('each.value.availability_zone_name'),
        kmsKeyId: ex('each.value.kms_key_arn'),
      },
    }),
    'this',
  );

  buildBackupPlan(ctx, fileSystem); // backup_plan: build-backup-plan.ts
  buildAlarms(ctx, fileSystem); // alarms: build-alarms.ts

  const mountTargetIds = ex(`{ for key, mount_target in ${ctx.address(mountTargets)} : key => mount_target.id }`);
  return {
    id: fileSystem.id,
    arn: fileSystem.arn,
    dns_name: fileSystem.dnsName,
    security_group_id: securityGroup.id,
    mount_target_ids: mountTargetIds,
    access_points: ex(`{ for key, ap in ${ctx.address(accessPoints)} : key => { id = ap.id, arn = ap.arn } }`),
    replication_destination_file_system_id: ex(`try(${ctx.address(replication)}["replica"].destination[0].file_system_id, null)`),
    file_system: {
      id: fileSystem.id,
      arn: fileSystem.arn,
      security_group_id: securityGroup.id,
      mount_target_ids: mountTargetIds,
      allowed_security_group_ids: ex(`values(${v('allowed_security_groups')})`),
    },
  };
}
