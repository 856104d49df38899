/**
 * efs-filesystem: the interface, declared once. The facts behind the rules come from the Amazon
 * EFS API reference (CreateFileSystem, LifecyclePolicy, RootDirectory, CreationInfo, PosixUser).
 */
import {
  Expr, and, call, cond, eq, forEach, ge, get, gt, inputReader, isNull, le, lit, name, ne, not, notNull, nullOr, or, show, template,
} from '../../core/expr';
import { Rule, distinctValues, eachEntry, oneOf, quoteList } from '../../core/rules';
import { InputName, ModuleSpec, OutputSpec, defineInputs } from '../../core/spec';
import { closedSet, optional, t } from '../../core/types';
import { doc, either, hclOnly, nm, val } from '../../core/doc';
import { AWS_PROVIDER_MIN } from '../aws-provider';
import {
  FILE_SYSTEM_REFERENCE, MAX_POSIX_ID, POSIX_USER, SHARED_PATTERNS, isPosixId, matches, nameFormatRule, octalPermissions, rootDirectory,
} from '../shared';
import { alarmsInputs, alarmsRules } from './spec-alarms';
import { backupPlanInputs, backupPlanRules } from './spec-backup-plan';

export const THROUGHPUT_MODES = closedSet('ThroughputMode', ['elastic', 'provisioned', 'bursting'], 'How the file system\'s throughput is set.');
export const PERFORMANCE_MODES = closedSet('PerformanceMode', ['generalPurpose', 'maxIO'], 'The file system\'s performance mode.');
/** Values of TransitionToIA and TransitionToArchive, in increasing order of age. */
export const TRANSITION_DAYS = closedSet(
  'TransitionAge',
  [
    'AFTER_1_DAY', 'AFTER_7_DAYS', 'AFTER_14_DAYS', 'AFTER_30_DAYS', 'AFTER_60_DAYS',
    'AFTER_90_DAYS', 'AFTER_180_DAYS', 'AFTER_270_DAYS', 'AFTER_365_DAYS',
  ],
  'Days since a file was last accessed before it moves to Infrequent Access or Archive.',
);
export const PRIMARY_STORAGE_TRANSITIONS = closedSet('PrimaryStorageTransition', ['AFTER_1_ACCESS'], 'When a file moves back to Standard storage.');
/** What users may set; AWS itself sets `REPLICATING` while the file system is a replication destination. */
export const REPLICATION_OVERWRITE = closedSet('ReplicationOverwriteProtection', ['ENABLED', 'DISABLED'], 'The file system\'s replication overwrite protection.');
export const POLICY_EFFECTS = closedSet('PolicyEffect', ['Allow', 'Deny'], 'The effect of a file system policy statement.');
/** The API's range for ProvisionedThroughputInMibps; the Region may set a lower ceiling. */
export const MAX_PROVISIONED_MIBPS = 3414;
/** Action patterns that cover ClientMount: an unconditional Deny of one stops every client from mounting. */
const MOUNT_COVERING_ACTIONS = ['*', 'elasticfilesystem:*', 'elasticfilesystem:Client*', 'elasticfilesystem:ClientMount'];

const PATTERNS = {
  vpcId: '^vpc-[0-9a-f]{8,17}$',
  subnetId: '^subnet-[0-9a-f]{8,17}$',
  securityGroupId: SHARED_PATTERNS.securityGroupId,
  ipv4: '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$',
  kmsKeyArn: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$',
  region: '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
  availabilityZone: '^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$',
  fileSystemId: '^fs-[0-9a-f]{8,40}$',
  /** What EC2 accepts in a VPC security group's name and description. */
  securityGroupName: '^[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]{1,255}$',
};

const v = inputReader<EfsFilesystemInput>();

// ----------------------------------------------------------------------------- inputs

const inputs = defineInputs([
  {
    name: 'name',
    type: t.string(),
    required: true,
    description: doc`Name of the file system: its \`Name\` tag and the prefix of the names of everything the module creates. Unless ${nm('security_group_name')} is set, a new name replaces the mount targets' security group, create-before-destroy so that no client loses NFS${hclOnly(' (see "What a change does")')}.`,
    onChange: 'Tags and rule descriptions update in place. The security group keeps the name it was created with (set once; its `Name` tag follows), so a rename replaces nothing.',
  },
  {
    name: 'vpc_id',
    type: t.string(),
    description: doc.unset(doc`none: required while ${nm('create_security_group')} is ${val(true)}`)`VPC of the mount targets and of the security group the module creates. Required while ${nm('create_security_group')} is ${val(true)} (the default); without a group of its own the module does not need it${hclOnly(' (null)')}: the mount targets take their VPC from their subnets.`,
    onChange: 'Replaces the security group (create-before-destroy). The mount targets must then get subnets of the new VPC, which replaces each of them (deleted, then created): clients lose NFS while that runs. Without a security group of the module\'s own it changes nothing.',
  },
  {
    name: 'mount_targets',
    type: t.map(t.object({ subnet_id: t.string(), ip_address: optional(t.string()) }, 'MountTarget')),
    default: {},
    description:
      doc`One mount target per entry, keyed by a name you choose (such as the Availability Zone). Keys, not positions, identify mount targets: adding, removing or reordering entries touches only those entries, and keys stay known at plan time even when the subnets are created in the same apply. ${val({})} creates a file system no client can reach yet (a replication destination, a file system created before its network); the ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} refuse it until it has a mount target.`,
    onChange: 'Per key: adding an entry creates its mount target, removing one deletes it, reordering changes nothing. A new `subnet_id` replaces that mount target (deleted, then created; one per zone).',
  },
  {
    name: 'allowed_security_groups',
    type: t.map(t.string()),
    default: {},
    description:
      doc`Client security groups whose members may reach NFS (TCP 2049) on the mount targets, keyed by a name you choose (${either('`{ app = aws_security_group.app.id }`', '`{ app: appGroup.id }`')}). One rule per entry, keyed by its name: adding, removing or reordering entries touches only those entries, and the IDs may come from groups created in the same apply. Each group at most once. Prefer this to CIDRs.`,
    onChange: 'Per key: adding an entry creates its ingress and egress rules, removing one deletes them, reordering changes nothing. Another group under a key updates its ingress rule in place and replaces its egress rule create-before-destroy.',
  },
  {
    name: 'client_egress_rules',
    type: t.bool(),
    default: true,
    description:
      doc`Also add, to each group of ${nm('allowed_security_groups')}, an egress rule that lets its members out to NFS (TCP 2049) on the mount targets' group: a group created by Terraform has no egress at all. Set to ${val(false)} when a client group declares inline ${either('`egress` blocks', '`egress` rules in its `SecurityGroup`')} (they manage its egress exclusively and would remove this rule at every apply) or already allows the traffic.`,
    onChange: 'Creates (`true`) or deletes (`false`) the egress rules on the client groups; the ingress rules stay.',
  },
  {
    name: 'allow_nfs_from_self',
    type: t.bool(),
    default: true,
    description: doc`Allow NFS (TCP 2049) from members of the mount targets' own security group, so that attaching the ${nm('security_group_id')} output to a client lets it mount.`,
    onChange: 'Creates or deletes the one self-referencing rule.',
  },
  {
    name: 'allowed_cidrs',
    type: t.map(t.string()),
    default: {},
    description: doc`IPv4 or IPv6 CIDR blocks that may reach NFS (TCP 2049) on the mount targets, keyed by a name you choose (${val({ office: '10.20.0.0/16' }, t.map(t.string()))}). One rule per entry, keyed by its name. An open block (\`/0\`) is refused, and so is one block given twice.`,
    onChange: 'Per key: adding an entry creates its rule, removing one deletes it, reordering changes nothing. Another block of the same IP version under a key updates its rule in place; one of the other version replaces it create-before-destroy.',
  },
  {
    name: 'security_group_name',
    type: t.string(),
    description:
      doc.unset(doc`${nm('name')} followed by \`-efs\``)`Name of the mount targets' security group (its \`Name\` tag, and its name or name prefix).${hclOnly(' Null: `"<name>-efs"`.')} Set once, when the group is created: AWS cannot rename a group, so a new name changes its \`Name\` tag only (a group kept from another module keeps its name).`,
    onChange: 'Updates the `Name` tag only: the group keeps the name it was created with. To give it the new name, replace it (`-replace` of the group): the new group and its rules first, then the mount targets move to it, then the old group goes.',
  },
  {
    name: 'security_group_use_name_prefix',
    type: t.bool(),
    default: true,
    description:
      doc`Use ${nm('security_group_name')} followed by \`-\` as a name prefix, AWS adding a unique suffix; ${val(false)}: use it as the exact name. Set once, when the group is created. With a prefix, a replacement of the group (another VPC, \`-replace\`) creates the new group first; with an exact name it cannot, because the name is taken until the old group is deleted.`,
    onChange: 'Nothing on an existing group (set once, as `security_group_name`).',
  },
  {
    name: 'security_group_description',
    type: t.string(),
    default: 'NFS access to the EFS mount targets',
    description:
      'Description of the mount targets\' security group, set once when the group is created: AWS cannot change it in place, so a new one changes nothing on an existing group (a group kept from another module keeps its description).',
    onChange: 'Nothing on an existing group (set once). To apply a new description, replace the group (`-replace`), as for `security_group_name`.',
  },
  // --- network parity with terraform-aws-efs: bring your own security groups
  {
    name: 'create_security_group',
    type: t.bool(),
    default: true,
    description: doc`Create the mount targets' security group and its NFS rules. Set to ${val(false)} to bring your own groups: give them in ${nm('mount_target_security_group_ids')} (at least one while there are mount targets) and let clients in with rules of your own. Without a group of its own the module takes no ${nm('allowed_security_groups')} or ${nm('allowed_cidrs')} (refused: there is no group to hold their rules), ${nm('vpc_id')} is not needed, and ${nm('allow_nfs_from_self')}, ${nm('client_egress_rules')} and the other ${either('`security_group_*`', '`securityGroup*`')} inputs do nothing; the ${nm('security_group_id')} and ${nm('security_group_arn')} outputs are ${either('null', 'without a value')}.`,
    onChange: '`false` updates the mount targets in place to the groups of `mount_target_security_group_ids` and deletes the module\'s security group and its NFS rules, in the same apply: AWS refuses to delete the group while a mount target still uses it, and the provider retries the deletion until the mount targets have left it. `true` creates the group and its rules, then adds the group to the mount targets in place. The file system is not touched.',
  },
  {
    name: 'mount_target_security_group_ids',
    type: t.list(t.string()),
    default: [],
    description: doc`Security groups attached to every mount target, besides the module's own group (or instead of it when ${nm('create_security_group')} is ${val(false)}), such as groups shared with other services. The IDs may come from groups created in the same apply: nothing is keyed on them. Each ID at most once; a mount target takes at most 5 groups, the module's own included.`,
    onChange: 'Updates every mount target in place (its security groups): no mount target is replaced and clients keep NFS through the groups that stay.',
  },
  {
    name: 'security_group_revoke_rules_on_delete',
    type: t.bool(),
    default: false,
    description: doc`When the module's security group is deleted, first revoke its rules and the rules that reference it. Needed when other groups (not managed by this module) reference it, which would otherwise block its deletion.`,
    onChange: 'In place (an attribute of the security group only Terraform reads).',
  },
  {
    name: 'throughput_mode',
    type: t.oneOf(THROUGHPUT_MODES),
    default: 'elastic',
    description: doc`${val('elastic')} (scales with demand, the right choice for spiky work), ${val('provisioned')} (a fixed MiB/s for steady work) or ${val('bursting')} (scales with size, with burst credits).`,
    onChange: 'In place.',
  },
  {
    name: 'provisioned_throughput_in_mibps',
    type: t.number(),
    description: doc.unset('none (only used with provisioned throughput)')`Throughput in MiB/s when ${nm('throughput_mode')} is ${val('provisioned')} (required then, refused otherwise): 1 to ${MAX_PROVISIONED_MIBPS}, and the Region may allow less. AWS limits decreases to about one a day.`,
    onChange: 'In place (AWS allows about one decrease a day).',
  },
  {
    name: 'performance_mode',
    type: t.oneOf(PERFORMANCE_MODES),
    default: 'generalPurpose',
    description: doc`${val('generalPurpose')} or ${val('maxIO')}. Immutable: changing it replaces the file system. ${val('maxIO')} works only with Regional file systems and non-elastic throughput.`,
    onChange: 'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  { name: 'encrypted', type: t.bool(), default: true, description: 'Encrypt data at rest. Immutable: changing it replaces the file system.', onChange: 'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.' },
  {
    name: 'kms_key_arn',
    type: t.string(),
    description: doc.unset('the AWS-managed key')`ARN of the KMS key for encryption at rest${hclOnly('; null uses the AWS-managed key')}. Needs ${nm('encrypted')}. Immutable. A key ARN, not a key id or alias: switching between forms has replaced file systems.`,
    onChange: 'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  {
    name: 'availability_zone_name',
    type: t.string(),
    description: doc.unset('a Regional file system')`Availability Zone of a One Zone file system${hclOnly('; null for a Regional one')}. Immutable. A One Zone file system takes at most one mount target, in that zone.`,
    onChange: 'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  {
    name: 'backup_enabled',
    type: t.bool(),
    default: true,
    description: 'Turn on AWS-managed automatic backups (daily, kept 35 days, in the default AWS Backup vault).',
    onChange: 'In place (the backup policy).',
  },
  {
    name: 'lifecycle_policy',
    type: t.object(
      {
        transition_to_ia: optional(t.oneOf(TRANSITION_DAYS)),
        transition_to_archive: optional(t.oneOf(TRANSITION_DAYS)),
        transition_to_primary_storage_class: optional(t.oneOf(PRIMARY_STORAGE_TRANSITIONS)),
      },
      'LifecyclePolicy',
    ),
    default: { transition_to_ia: 'AFTER_30_DAYS', transition_to_primary_storage_class: 'AFTER_1_ACCESS' },
    description:
      doc`When files move to Infrequent Access and Archive (${val('AFTER_1_DAY')} … ${val('AFTER_365_DAYS')}) and back to Standard (${val('AFTER_1_ACCESS')}). A field left out means no such transition; ${val({})} keeps everything in Standard. Archive must come after IA and needs elastic throughput and General Purpose mode.`,
    onChange: 'In place.',
  },
  {
    name: 'access_points',
    type: t.map(
      t.object(
        {
          root_directory: optional(t.string(), '/'),
          posix_user: optional(
            POSIX_USER,
            undefined,
            doc`The user and groups every NFS request through the access point runs as, whatever the client sends (${nm('uid')}, ${nm('gid')}, ${nm('secondary_gids')}: whole numbers from 0 to 4294967295). Left out, clients act as their own users.`,
          ),
          creation_info: optional(
            t.object({ owner_uid: t.number(), owner_gid: t.number(), permissions: optional(t.string(), '0755') }, 'CreationInfo'),
            undefined,
            doc`Owner and octal permissions (such as ${val('0755')}) EFS gives ${nm('root_directory')} when it creates it on first use. Left out, the POSIX user owns it with ${val('0755')}; without either, a root directory other than ${val('/')} is refused, since EFS would not create it.`,
          ),
          tags: optional(t.map(t.string()), {}),
        },
        'AccessPoint',
      ),
    ),
    default: {},
    description:
      doc`Access points keyed by a name you choose. ${nm('root_directory')} is an absolute path of at most 100 characters and four levels; when it is not \`/\`, EFS creates it only with ${nm('creation_info')} (owner and octal permissions), which defaults to the POSIX user as owner with ${val('0755')}.`,
    onChange: 'Per key: adding an entry creates its access point, removing one deletes it, reordering changes nothing. A new `root_directory`, `posix_user` or `creation_info` replaces that access point create-before-destroy: whatever reads its ID or ARN is repointed before the old one is deleted.',
  },
  {
    name: 'enforce_tls',
    type: t.bool(),
    default: true,
    description: 'Attach a file system policy that denies any access not encrypted in transit (TLS). Clients mount with the `tls` option.',
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'deny_root_access',
    type: t.bool(),
    default: false,
    description: doc`Add a policy statement that denies \`ClientRootAccess\`: clients act as the POSIX user they mount as, never as root. The ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} mount as non-root users, so they keep working.`,
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'read_only',
    type: t.bool(),
    default: false,
    description: 'Add a policy statement that denies `ClientWrite` to every client. Mounting (`ClientMount`) stays allowed.',
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'enforce_access_point',
    type: t.bool(),
    default: false,
    description: 'Add a policy statement that denies mounts that do not go through an access point, so every client sees only its access point\'s root directory as its access point\'s POSIX user.',
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'policy_statements',
    type: t.list(
      t.object(
        {
          sid: t.string(),
          effect: t.oneOf(POLICY_EFFECTS),
          actions: optional(t.list(t.string())),
          not_actions: optional(t.list(t.string())),
          principals: optional(t.list(t.object({ type: t.string(), identifiers: t.list(t.string()) }, 'PolicyPrincipal'))),
          not_principals: optional(t.list(t.object({ type: t.string(), identifiers: t.list(t.string()) }, 'PolicyPrincipal'))),
          resources: optional(t.list(t.string())),
          conditions: optional(
            t.list(t.object({ test: t.string(), variable: t.string(), values: t.list(t.string()) }, 'PolicyCondition')),
            [],
          ),
        },
        'PolicyStatement',
      ),
    ),
    default: [],
    description:
      doc`More file system policy statements, after the presets. Each has exactly one of ${nm('actions')} and ${nm('not_actions')}, and at most one of ${nm('principals')} and ${nm('not_principals')} (neither: everyone, \`AWS\` \`*\`); ${nm('resources')} defaults to the file system's ARN. A Deny without conditions may not cover \`ClientMount\` (in ${nm('actions')}, or by leaving it out of ${nm('not_actions')}): it would lock out every client, the roles the ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} grant included.`,
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'allow_file_system_replacement',
    type: t.bool(),
    default: false,
    description:
      doc`Changing ${nm('encrypted')}, ${nm('kms_key_arn')}, ${nm('performance_mode')}, ${nm('availability_zone_name')} or ${nm('creation_token')} replaces the file system and destroys its data, and so does \`-replace\` of it: while this is ${val(false)}, the plan that would do it fails, whatever was applied before (the flag set and reset, the module's own \`terraform_data\` removed or replaced). Set it to ${val(true)} for the one apply that should replace the file system, then back to ${val(false)}. Removing ${nm('kms_key_arn')}, ${nm('availability_zone_name')} or ${nm('creation_token')} changes nothing (the file system keeps its key, zone and token) and is not refused. ${either(
        "Not refused at plan time, but flagged by `efs-modules doctor`: `terraform destroy`, a removed module block, and a plan in which the module's security group and `terraform_data.module_created` are new too (a file system imported or moved into a module never applied without its security group, or `-replace` of both; with `create_security_group = false`, `-replace` of `terraform_data.module_created` alone).",
        'While it is `false` the construct also refuses `cdktf destroy` (`prevent_destroy`); `removalPolicy` sets it (`RemovalPolicy.DESTROY` is `true`), so give one or the other. Not refused at plan time, but flagged by `efs-modules doctor`: a removed construct, and a plan in which its security group and `terraform_data.module_created` are new too (a file system imported or moved into a stack never applied without its security group, or `-replace` of both; with `createSecurityGroup` false, `-replace` of `terraform_data.module_created` alone).',
      )}`,
    onChange: 'Replaces no AWS resource by itself: it lets the plan it is set in replace the file system.',
  },
  {
    name: 'replication',
    type: t.object(
      {
        region: t.string(),
        availability_zone_name: optional(t.string()),
        kms_key_arn: optional(t.string()),
        file_system_id: optional(t.string()),
      },
      'Replication',
    ),
    description: doc.unset('no replication')`Replicate to a new read-only file system in ${nm('region')} (One Zone when ${nm('availability_zone_name')} is set, encrypted with ${nm('kms_key_arn')} when set), or, with ${nm('file_system_id')}, to that existing file system in ${nm('region')}: its ${nm('replication_overwrite_protection')} must be ${val('DISABLED')} before the replication is created, and it becomes read-only while it lasts; ${nm('availability_zone_name')} and ${nm('kms_key_arn')} describe a new replica and are refused with it.${hclOnly(' Null: no replication.')}`,
    onChange: 'Adding creates the replication configuration, removing deletes it, a new destination replaces it (delete, then create).',
  },
  // --- creation token, replication overwrite protection and the policy's own inputs (issue 12 item 1)
  {
    name: 'creation_token',
    type: t.string(),
    description: doc.unset('a token the provider generates')`Idempotency token of the file system (1 to 64 characters), the \`CreationToken\` of the EFS API. Immutable: a different token replaces the file system. Leaving it out on an existing file system keeps the token it has.`,
    onChange: 'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data. Removing it changes nothing.',
  },
  {
    name: 'replication_overwrite_protection',
    type: t.oneOf(REPLICATION_OVERWRITE),
    description: doc.unset('the AWS default (enabled)')`The file system's replication overwrite protection: ${val('ENABLED')} (the AWS default) keeps it writable and refuses it as a replication destination; ${val('DISABLED')} lets another file system's replication use it as its destination (set it before that replication is created). While it is a destination AWS reports ${val('REPLICATING')}, a status users cannot set, and refuses any change: once the replication exists, leave this input out, or the AWS provider plans to set ${val('DISABLED')} again at every apply and the apply fails (hashicorp/terraform-provider-aws#36811).${hclOnly(' Null: the setting is left as AWS has it.')}`,
    onChange: 'In place (the file system\'s protection). Removing it changes nothing.',
  },
  {
    name: 'allow_access_via_mount_targets',
    type: t.bool(),
    default: true,
    description: doc`Keep the policy's first statement, which allows \`ClientMount\`, \`ClientWrite\` and \`ClientRootAccess\` to every client that comes through a mount target (what EFS allows when a file system has no policy). With ${val(false)} the policy allows only what ${nm('policy_statements')} allow, so one of them must be an Allow whose ${nm('actions')} cover \`ClientMount\`, or no client could mount (except roles with an IAM grant that mount with IAM authorization).`,
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'source_policy_documents',
    type: t.list(t.string()),
    default: [],
    description: doc`IAM policy documents (JSON) merged into the file system policy, as the ${either('`source_policy_documents` of `aws_iam_policy_document`', '`sourcePolicyDocuments` of `DataAwsIamPolicyDocument`')}: the module's statements replace theirs with the same \`Sid\`. The lockout checks of ${nm('policy_statements')} and ${nm('allow_access_via_mount_targets')} do not look inside them.`,
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'override_policy_documents',
    type: t.list(t.string()),
    default: [],
    description: doc`IAM policy documents (JSON) merged over the file system policy, as the ${either('`override_policy_documents` of `aws_iam_policy_document`', '`overridePolicyDocuments` of `DataAwsIamPolicyDocument`')}: their statements replace the module's with the same \`Sid\`, the others are added. The lockout checks of ${nm('policy_statements')} and ${nm('allow_access_via_mount_targets')} do not look inside them.`,
    onChange: 'In place (the file system policy).',
  },
  // --- backup_plan and alarms: declared in spec-backup-plan.ts and spec-alarms.ts
  ...backupPlanInputs,
  ...alarmsInputs,
  { name: 'tags', type: t.map(t.string()), default: {}, description: 'Tags for every resource the module creates.', onChange: 'In place, on every resource.' },
]);

/** The names of efs-filesystem's inputs, derived from the declaration above: rules, build and cases take theirs from it. */
export type EfsFilesystemInput = InputName<typeof inputs>;

// ----------------------------------------------------------------------------- outputs

const outputs: OutputSpec[] = [
  { name: 'id', type: t.string(), description: 'ID of the file system.' },
  { name: 'arn', type: t.string(), description: 'ARN of the file system.' },
  { name: 'dns_name', type: t.string(), description: 'DNS name of the file system, for mounting by name.' },
  { name: 'security_group_id', type: t.string(), description: doc`ID of the security group the module created for the mount targets${either('; null when `create_security_group = false`', ' (none when `createSecurityGroup` is false)')}.` },
  { name: 'security_group_arn', type: t.string(), description: doc`ARN of the security group the module created for the mount targets${either('; null when `create_security_group = false`', ' (none when `createSecurityGroup` is false)')}.` },
  { name: 'size_in_bytes', type: t.number(), description: 'The metered size of the data in the file system, in bytes, as of the last refresh (EFS updates it about once an hour; it is not a real-time figure).' },
  { name: 'mount_target_ids', type: t.map(t.string()), description: doc`IDs of the mount targets, by the keys of ${nm('mount_targets')}.` },
  {
    name: 'mount_targets',
    type: t.map(
      t.object(
        {
          id: t.string(),
          dns_name: t.string(),
          network_interface_id: t.string(),
          availability_zone_name: t.string(),
          availability_zone_id: t.string(),
          subnet_id: t.string(),
          ip_address: t.string(),
        },
        'MountTargetAttributes',
      ),
    ),
    description: doc`Each mount target by the keys of ${nm('mount_targets')}: its ID, DNS name (${nm('dns_name')}, for mounting in that zone by name), network interface, Availability Zone (name and ID), subnet and IP address.`,
  },
  {
    name: 'access_points',
    type: t.map(
      t.object(
        {
          id: t.string(),
          arn: t.string(),
          root_directory: t.string(),
          posix_user: optional(POSIX_USER),
        },
        'AccessPointOutput',
      ),
    ),
    description: doc`Each access point by the keys of ${nm('access_points')}: its ID, ARN, root directory path and POSIX user${either(' (null when none is set)', ' (none when none is set)')}.`,
  },
  {
    name: 'replication_destination_file_system_id',
    type: t.string(),
    description: doc`ID of the replica file system${either('; null without replication', ' (only with replication)')}.`,
  },
  {
    name: 'file_system',
    type: FILE_SYSTEM_REFERENCE,
    description: doc`What the ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} need, in one object: ${either('`file_system = module.efs.file_system`', '`fileSystem: efs.fileSystem`')}.`,
  },
];

// ----------------------------------------------------------------------------- rules

const dayIndex = (x: Expr) => call('indexOf', lit(TRANSITION_DAYS.values), x);
const isAge = (x: Expr) => call('contains', lit(TRANSITION_DAYS.values), x);
/**
 * `later` comes after `earlier` in the list of ages. True while either is not an age: its own
 * rule reports it, and index() would fail on it (a second error beside the first).
 */
const laterAge = (later: Expr, earlier: Expr) =>
  cond(and(isAge(later), isAge(earlier)), gt(dayIndex(later), dayIndex(earlier)), lit(true));
const lifecycle = (field: string) => get(v('lifecycle_policy'), field);
const rootDir = (ap: Expr) => get(ap, 'root_directory');
const creationInfo = (ap: Expr) => get(ap, 'creation_info');
const posixUser = (ap: Expr) => get(ap, 'posix_user');

/** Every id of an access point (POSIX user, secondary groups, directory owner) is a whole number in range. */
const accessPointIdsOk = (ap: Expr): Expr =>
  and(
    nullOr(posixUser(ap), and(
      isPosixId(get(posixUser(ap), 'uid')),
      isPosixId(get(posixUser(ap), 'gid')),
      call('alltrue', forEach(get(posixUser(ap), 'secondary_gids'), (_i, g) => isPosixId(g), undefined, ['i', 'g'])),
    )),
    nullOr(creationInfo(ap), and(
      isPosixId(get(creationInfo(ap), 'owner_uid')),
      isPosixId(get(creationInfo(ap), 'owner_gid')),
    )),
  );

/** A list that may be null, as an empty list when it is (a call, so that a for expression can iterate it). */
const listOrEmpty = (x: Expr) => call('concat', cond(isNull(x), lit([]), x));
/** True when one of the action patterns covers ClientMount. */
const coversMount = (actions: Expr) =>
  call('anytrue', forEach(actions, (_j, a) => call('contains', lit(MOUNT_COVERING_ACTIONS), a), undefined, ['j', 'a']));
/** True when a statement's actions cover ClientMount, or its not_actions leave ClientMount in. */
const reachesMount = (st: Expr) =>
  cond(isNull(get(st, 'not_actions')), coversMount(listOrEmpty(get(st, 'actions'))), not(coversMount(get(st, 'not_actions'))));
const replicationField = (field: string) => get(v('replication'), field);
/** "no " before the name of a field left out, for messages about which fields are given. */
const given = (x: Expr) => cond(isNull(x), lit('no '), lit(''));

const rules: Rule<EfsFilesystemInput>[] = [
  nameFormatRule(),
  {
    id: 'vpc-id-format',
    inputs: ['vpc_id'],
    summary: 'vpc_id, when set, looks like `vpc-0123456789abcdef0`',
    condition: nullOr(v('vpc_id'), matches(v('vpc_id'), PATTERNS.vpcId)),
    message: template`${name('vpc_id')} must be a VPC ID such as "vpc-0123456789abcdef0" (got ${show(v('vpc_id'))}).`,
  },
  eachEntry(
    'mount-target-subnet-format',
    'mount_targets',
    'each mount target has a subnet ID such as `subnet-0123456789abcdef0`',
    (_k, mt) => matches(get(mt, 'subnet_id'), PATTERNS.subnetId),
    template`every ${name('mount_targets')} entry's ${name('subnet_id')} must be a subnet ID such as "subnet-0123456789abcdef0"`,
    (k, mt) => template`${name('mount_targets', k, 'subnet_id')} = ${show(get(mt, 'subnet_id'))}`,
  ),
  eachEntry(
    'mount-target-ip-format',
    'mount_targets',
    'each mount target ip_address, when set, is an IPv4 address',
    (_k, mt) => nullOr(get(mt, 'ip_address'), matches(get(mt, 'ip_address'), PATTERNS.ipv4)),
    template`every ${name('mount_targets')} entry's ${name('ip_address')}, when set, must be an IPv4 address within the subnet`,
    (k, mt) => template`${name('mount_targets', k, 'ip_address')} = ${show(get(mt, 'ip_address'))}`,
  ),
  {
    id: 'mount-target-subnets-distinct',
    inputs: ['mount_targets'],
    summary: 'no two mount targets share a subnet',
    kind: 'distinct-values',
    condition: eq(
      call('length', call('distinct', forEach(v('mount_targets'), (_k, mt) => get(mt, 'subnet_id')))),
      call('length', v('mount_targets')),
    ),
    message: template`${name('mount_targets')} must not place two mount targets in the same subnet (got subnets ${show(forEach(v('mount_targets'), (_k, mt) => get(mt, 'subnet_id')))}); give each entry a subnet in a different Availability Zone.`,
  },
  eachEntry(
    'allowed-security-group-id-format',
    'allowed_security_groups',
    'each allowed security group is an ID such as `sg-0123456789abcdef0`',
    (_k, id) => matches(id, PATTERNS.securityGroupId),
    template`every ${name('allowed_security_groups')} value must be a security group ID such as "sg-0123456789abcdef0"`,
    (k, id) => template`${name('allowed_security_groups', k)} = ${show(id)}`,
  ),
  // Each entry becomes its own NFS rule: one group under two names is the same rule twice, which
  // AWS refuses at apply. A distinct-values rule also compares token props at synth.
  distinctValues(
    'allowed-security-groups-distinct',
    'allowed_security_groups',
    'no security group is allowed under two names (AWS refuses the second, identical rule)',
    (groups) => call('values', groups),
    () => template`${name('allowed_security_groups')} must give each security group under one name only: AWS refuses a second, identical NFS rule (got ${show(v('allowed_security_groups'))}).`,
  ),
  eachEntry(
    'allowed-cidr-format',
    'allowed_cidrs',
    'each allowed CIDR is a valid IPv4 or IPv6 CIDR block',
    (_k, c) => call('isCidr', c),
    template`every ${name('allowed_cidrs')} value must be a CIDR block such as "10.0.0.0/16"`,
    (k, c) => template`${name('allowed_cidrs', k)} = ${show(c)}`,
  ),
  eachEntry(
    'allowed-cidr-not-open',
    'allowed_cidrs',
    'no allowed CIDR is open to the whole internet (`/0`)',
    (_k, c) => not(matches(c, '/0$')),
    template`${name('allowed_cidrs')} must not open NFS to every address: allow client security groups through ${name('allowed_security_groups')}, or a narrower block`,
    (k, c) => template`${name('allowed_cidrs', k)} = ${show(c)}`,
  ),
  distinctValues(
    'allowed-cidrs-distinct',
    'allowed_cidrs',
    'no CIDR block is allowed under two names (AWS refuses the second, identical rule)',
    (cidrs) => call('values', cidrs),
    () => template`${name('allowed_cidrs')} must give each CIDR block under one name only: AWS refuses a second, identical NFS rule (got ${show(v('allowed_cidrs'))}).`,
  ),
  {
    id: 'security-group-name-format',
    inputs: ['security_group_name'],
    summary: 'security_group_name, when set, is 1–255 characters AWS allows in a group name and does not start with `sg-`',
    condition: nullOr(v('security_group_name'), and(
      matches(v('security_group_name'), PATTERNS.securityGroupName),
      not(matches(v('security_group_name'), '^sg-')),
    )),
    message: template`${name('security_group_name')} must be 1 to 255 letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* and must not start with "sg-" (got ${show(v('security_group_name'))}).`,
  },
  {
    id: 'security-group-description-format',
    inputs: ['security_group_description'],
    summary: 'security_group_description is 1–255 characters AWS allows in a group description',
    condition: matches(v('security_group_description'), PATTERNS.securityGroupName),
    message: template`${name('security_group_description')} must be 1 to 255 letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* (got ${show(v('security_group_description'))}).`,
  },
  // --- network parity: bring your own security groups
  eachEntry(
    'mount-target-security-group-id-format',
    'mount_target_security_group_ids',
    'each of mount_target_security_group_ids is an ID such as `sg-0123456789abcdef0`',
    (_i, id) => matches(id, PATTERNS.securityGroupId),
    template`every entry of ${name('mount_target_security_group_ids')} must be a security group ID such as "sg-0123456789abcdef0"`,
    (i, id) => template`${name('mount_target_security_group_ids')}[${i}] = ${show(id)}`,
  ),
  distinctValues(
    'mount-target-security-groups-distinct',
    'mount_target_security_group_ids',
    'no security group is listed twice in mount_target_security_group_ids',
    (ids) => ids,
    (ids) => template`${name('mount_target_security_group_ids')} must list each security group once (got ${show(ids)}).`,
  ),
  {
    id: 'vpc-id-required-for-security-group',
    inputs: ['vpc_id', 'create_security_group'],
    summary: 'vpc_id is set while create_security_group is true (the default)',
    condition: or(not(v('create_security_group')), notNull(v('vpc_id'))),
    message: template`${name('vpc_id')} is not set but ${name('create_security_group')} is true (the default): the module's security group needs the VPC of the mount targets. Give ${name('vpc_id')}, or set ${name('create_security_group')} to false and attach your own groups with ${name('mount_target_security_group_ids')}.`,
  },
  {
    id: 'mount-targets-need-security-group',
    inputs: ['mount_target_security_group_ids', 'create_security_group', 'mount_targets'],
    summary: 'with create_security_group false, mount targets get at least one group from mount_target_security_group_ids',
    condition: or(v('create_security_group'), gt(call('length', v('mount_target_security_group_ids')), lit(0)), eq(call('length', v('mount_targets')), lit(0))),
    message: template`${name('mount_target_security_group_ids')} must name at least one security group when ${name('create_security_group')} is false: the module creates none, and a mount target needs one (got [] for mount targets ${show(call('keys', v('mount_targets')))}).`,
  },
  {
    id: 'nfs-rules-need-security-group',
    inputs: ['allowed_security_groups', 'allowed_cidrs', 'create_security_group'],
    summary: 'allowed_security_groups and allowed_cidrs are empty when create_security_group is false',
    condition: or(
      v('create_security_group'),
      and(eq(call('length', v('allowed_security_groups')), lit(0)), eq(call('length', v('allowed_cidrs')), lit(0))),
    ),
    message: template`${name('allowed_security_groups')} and ${name('allowed_cidrs')} must be empty when ${name('create_security_group')} is false: their NFS rules would go on the module's own security group, which is not created (got ${show(v('allowed_security_groups'))} and ${show(v('allowed_cidrs'))}). Let the clients in with rules on your groups of ${name('mount_target_security_group_ids')}, or set ${name('create_security_group')} to true.`,
  },
  {
    id: 'mount-target-security-groups-limit',
    inputs: ['mount_target_security_group_ids', 'create_security_group'],
    summary: 'a mount target gets at most 5 security groups, the module\'s own included',
    condition: le(call('length', v('mount_target_security_group_ids')), cond(v('create_security_group'), lit(4), lit(5))),
    message: template`${name('mount_target_security_group_ids')} must have at most ${cond(v('create_security_group'), lit(4), lit(5))} entries: AWS attaches at most 5 security groups to a mount target${cond(v('create_security_group'), lit(', and the module\'s own group is one of them'), lit(''))} (got ${call('length', v('mount_target_security_group_ids'))}).`,
  },
  oneOf('throughput-mode-allowed', 'throughput_mode', THROUGHPUT_MODES),
  {
    id: 'provisioned-throughput-range',
    inputs: ['provisioned_throughput_in_mibps'],
    summary: `provisioned_throughput_in_mibps is from 1 to ${MAX_PROVISIONED_MIBPS}`,
    condition: nullOr(v('provisioned_throughput_in_mibps'), and(
      ge(v('provisioned_throughput_in_mibps'), lit(1)),
      le(v('provisioned_throughput_in_mibps'), lit(MAX_PROVISIONED_MIBPS)),
    )),
    message: template`${name('provisioned_throughput_in_mibps')} must be from 1 to ${lit(MAX_PROVISIONED_MIBPS)} MiB/s (got ${show(v('provisioned_throughput_in_mibps'))}).`,
  },
  oneOf('performance-mode-allowed', 'performance_mode', PERFORMANCE_MODES),
  {
    id: 'kms-key-arn-format',
    inputs: ['kms_key_arn'],
    summary: 'kms_key_arn, when set, is a KMS key ARN',
    condition: nullOr(v('kms_key_arn'), matches(v('kms_key_arn'), PATTERNS.kmsKeyArn)),
    message: template`${name('kms_key_arn')} must be a KMS key ARN such as "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", not a key ID or alias (got ${show(v('kms_key_arn'))}).`,
  },
  {
    id: 'availability-zone-format',
    inputs: ['availability_zone_name'],
    summary: 'availability_zone_name, when set, is a zone name such as `us-east-1a`',
    condition: nullOr(v('availability_zone_name'), matches(v('availability_zone_name'), PATTERNS.availabilityZone)),
    message: template`${name('availability_zone_name')} must be an Availability Zone name such as "us-east-1a" (got ${show(v('availability_zone_name'))}).`,
  },
  oneOf('lifecycle-ia-allowed', 'lifecycle_policy', TRANSITION_DAYS, ['transition_to_ia']),
  oneOf('lifecycle-archive-allowed', 'lifecycle_policy', TRANSITION_DAYS, ['transition_to_archive']),
  oneOf('lifecycle-primary-allowed', 'lifecycle_policy', PRIMARY_STORAGE_TRANSITIONS, ['transition_to_primary_storage_class']),
  {
    id: 'lifecycle-archive-after-ia',
    inputs: ['lifecycle_policy'],
    summary: 'the transition to Archive comes later than the transition to IA',
    condition: cond(
      or(isNull(lifecycle('transition_to_ia')), isNull(lifecycle('transition_to_archive'))),
      lit(true),
      laterAge(lifecycle('transition_to_archive'), lifecycle('transition_to_ia')),
    ),
    message: template`${name('lifecycle_policy', 'transition_to_archive')} must come later than ${name('lifecycle_policy', 'transition_to_ia')} (got ${show(lifecycle('transition_to_archive'))} and ${show(lifecycle('transition_to_ia'))}).`,
  },
  eachEntry(
    'access-point-root-absolute',
    'access_points',
    'each access point root_directory is an absolute path without `..`',
    (_k, ap) => rootDirectory.isAbsolute(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeAbsolute)}`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}`,
  ),
  eachEntry(
    'access-point-root-length',
    'access_points',
    'each access point root_directory is at most 100 characters',
    (_k, ap) => rootDirectory.isShortEnough(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeShortEnough)}`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}, ${call('length', rootDir(ap))} characters`,
  ),
  eachEntry(
    'access-point-root-depth',
    'access_points',
    'each access point root_directory is at most four levels deep',
    (_k, ap) => rootDirectory.isShallowEnough(rootDir(ap)),
    template`every ${name('access_points')} entry's ${name('root_directory')} ${lit(rootDirectory.mustBeShallowEnough)}`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}, ${call('pathDepth', rootDir(ap))} deep`,
  ),
  eachEntry(
    'access-point-root-creatable',
    'access_points',
    'an access point below `/` has creation_info or a posix_user to derive it from',
    (_k, ap) => or(rootDirectory.isFileSystemRoot(rootDir(ap)), notNull(creationInfo(ap)), notNull(posixUser(ap))),
    template`an ${name('access_points')} entry whose ${name('root_directory')} is below "/" needs ${name('creation_info')} or ${name('posix_user')}: EFS creates the directory only when it knows the owner and permissions, and mounts fail while it does not exist`,
    (k, ap) => template`${name('access_points', k, 'root_directory')} = ${show(rootDir(ap))}`,
  ),
  eachEntry(
    'access-point-permissions-octal',
    'access_points',
    'each access point creation_info.permissions is 3 or 4 octal digits',
    (_k, ap) => nullOr(creationInfo(ap), octalPermissions.isOctal(get(creationInfo(ap), 'permissions'))),
    template`every ${name('access_points')} entry's ${name('creation_info', 'permissions')} ${lit(octalPermissions.mustBe)}`,
    (k, ap) => template`${name('access_points', k, 'creation_info', 'permissions')} = ${show(cond(isNull(creationInfo(ap)), lit(null), get(creationInfo(ap), 'permissions')))}`,
  ),
  eachEntry(
    'access-point-posix-ids',
    'access_points',
    `each uid and gid of an access point is a whole number from 0 to ${MAX_POSIX_ID}`,
    (_k, ap) => accessPointIdsOk(ap),
    template`every uid and gid of an ${name('access_points')} entry must be a whole number from 0 to ${lit(MAX_POSIX_ID)}`,
    (k, ap) => template`${name('access_points', k)} with ${name('posix_user')} ${show(posixUser(ap))} and ${name('creation_info')} ${show(creationInfo(ap))}`,
  ),
  {
    id: 'replication-region-format',
    inputs: ['replication'],
    summary: 'replication.region is a Region name and its zone and key, when set, are well formed',
    condition: nullOr(v('replication'), and(
      matches(get(v('replication'), 'region'), PATTERNS.region),
      nullOr(get(v('replication'), 'availability_zone_name'), matches(get(v('replication'), 'availability_zone_name'), PATTERNS.availabilityZone)),
      nullOr(get(v('replication'), 'kms_key_arn'), matches(get(v('replication'), 'kms_key_arn'), PATTERNS.kmsKeyArn)),
    )),
    message: template`${name('replication')} must name a Region such as "eu-west-1", an Availability Zone such as "eu-west-1a" and a KMS key ARN (got ${show(v('replication'))}).`,
  },
  eachEntry(
    'policy-statement-effect',
    'policy_statements',
    'each extra policy statement has effect `Allow` or `Deny` and a sid of letters and digits',
    (_i, st) => and(call('contains', lit(POLICY_EFFECTS.values), get(st, 'effect')), matches(get(st, 'sid'), '^[A-Za-z0-9]*$')),
    template`every ${name('policy_statements')} entry must have effect ${lit(quoteList(POLICY_EFFECTS.values))} and a sid of letters and digits`,
    (i, st) => template`${name('policy_statements')}[${i}] with effect ${show(get(st, 'effect'))} and sid ${show(get(st, 'sid'))}`,
  ),
  eachEntry(
    'policy-statement-keeps-mount',
    'policy_statements',
    'no extra policy statement denies ClientMount to everyone without a condition (by its actions, or by not_actions that leave ClientMount in)',
    (_i, st) => not(and(
      eq(get(st, 'effect'), lit('Deny')),
      eq(call('length', get(st, 'conditions')), lit(0)),
      reachesMount(st),
    )),
    template`a ${name('policy_statements')} entry must not deny ClientMount without a condition, by its actions or by ${name('not_actions')} that do not exclude it: it would block every client, the roles the efs-mount-* modules grant included; add a condition or deny narrower actions`,
    (i, st) => template`${name('policy_statements')}[${i}] denies ${cond(
      isNull(get(st, 'not_actions')),
      show(get(st, 'actions')),
      template`every action but ${show(get(st, 'not_actions'))}`,
    )}`,
  ),
  // --- issue 12 item 1: statement shape, lockout without the mount-target statement, merged documents, replication, creation token
  eachEntry(
    'policy-statement-actions-xor',
    'policy_statements',
    'each extra policy statement has exactly one of actions and not_actions, and at most one of principals and not_principals',
    (_i, st) => and(
      ne(isNull(get(st, 'actions')), isNull(get(st, 'not_actions'))),
      or(isNull(get(st, 'principals')), isNull(get(st, 'not_principals'))),
    ),
    template`every ${name('policy_statements')} entry must have exactly one of ${name('actions')} and ${name('not_actions')}, and at most one of ${name('principals')} and ${name('not_principals')}`,
    // Which fields are given, not their values: known at synth time even when the values are tokens.
    (i, st) => template`${name('policy_statements')}[${i}] with ${given(get(st, 'actions'))}${name('actions')}, ${given(get(st, 'not_actions'))}${name('not_actions')}, ${given(get(st, 'principals'))}${name('principals')}, ${given(get(st, 'not_principals'))}${name('not_principals')}`,
  ),
  {
    id: 'mount-allowed-without-mount-target-statement',
    inputs: ['allow_access_via_mount_targets', 'policy_statements'],
    summary: 'with allow_access_via_mount_targets false, some extra policy statement allows ClientMount (by its actions, or by not_actions that leave it in)',
    condition: or(
      v('allow_access_via_mount_targets'),
      call('anytrue', forEach(v('policy_statements'), (_i, st) => and(
        eq(get(st, 'effect'), lit('Allow')),
        reachesMount(st),
      ), undefined, ['i', 'st'])),
    ),
    message: template`${name('allow_access_via_mount_targets')} is false and no statement of ${name('policy_statements')} is an Allow whose actions cover "elasticfilesystem:ClientMount" (such as "elasticfilesystem:ClientMount" or "elasticfilesystem:Client*"), or whose ${name('not_actions')} do not exclude it: the file system policy would allow mounting to nobody, so no client could mount without an IAM grant and IAM authorization. Add such a statement, or keep ${name('allow_access_via_mount_targets')} true.`,
  },
  ...(['source', 'override'] as const).map((kind) => {
    const input = `${kind}_policy_documents` as const;
    return eachEntry(
      `${kind}-policy-documents-json`,
      input,
      `each ${kind} policy document is JSON`,
      (_i, d) => call('isJson', d),
      template`every ${name(input)} entry must be a JSON policy document`,
      (i, d) => template`${name(input)}[${i}] ${show(d)}`,
    );
  }),
  {
    id: 'replication-file-system-id-format',
    inputs: ['replication'],
    summary: 'replication.file_system_id, when set, is a file system ID such as `fs-0123456789abcdef0`',
    condition: nullOr(v('replication'), nullOr(replicationField('file_system_id'), matches(replicationField('file_system_id'), PATTERNS.fileSystemId))),
    message: template`${name('replication', 'file_system_id')} must be a file system ID such as "fs-0123456789abcdef0" (got ${show(cond(isNull(v('replication')), lit(null), replicationField('file_system_id')))}).`,
  },
  {
    id: 'replication-existing-destination',
    inputs: ['replication'],
    summary: 'replication to an existing file system (file_system_id) gives no availability_zone_name and no kms_key_arn',
    condition: nullOr(v('replication'), or(
      isNull(replicationField('file_system_id')),
      and(isNull(replicationField('availability_zone_name')), isNull(replicationField('kms_key_arn'))),
    )),
    message: cond(isNull(v('replication')), lit('replication is null'), template`${name('replication')} names an existing file system in ${name('replication', 'file_system_id')}, so ${name('replication', 'availability_zone_name')} and ${name('replication', 'kms_key_arn')} must be left out: they describe a new replica, and the existing one keeps its own zone and key (got ${given(replicationField('availability_zone_name'))}${name('replication', 'availability_zone_name')} and ${given(replicationField('kms_key_arn'))}${name('replication', 'kms_key_arn')}).`),
  },
  {
    id: 'creation-token-length',
    inputs: ['creation_token'],
    summary: 'creation_token, when set, is 1 to 64 characters',
    condition: nullOr(v('creation_token'), and(ne(v('creation_token'), lit('')), le(call('length', v('creation_token')), lit(64)))),
    message: template`${name('creation_token')} must be 1 to 64 characters (got ${show(v('creation_token'))}).`,
  },
  {
    id: 'replication-overwrite-protection-allowed',
    inputs: ['replication_overwrite_protection'],
    summary: 'replication_overwrite_protection is `ENABLED` or `DISABLED`',
    condition: nullOr(v('replication_overwrite_protection'), call('contains', lit(REPLICATION_OVERWRITE.values), v('replication_overwrite_protection'))),
    message: template`${name('replication_overwrite_protection')} must be ${lit(quoteList(REPLICATION_OVERWRITE.values))} (got ${show(v('replication_overwrite_protection'))}); "REPLICATING" is a status AWS sets while the file system is a replication destination, not a setting.`,
  },
  // --- rules across inputs (preconditions in HCL)
  {
    id: 'provisioned-throughput-required',
    inputs: ['provisioned_throughput_in_mibps', 'throughput_mode'],
    summary: 'provisioned_throughput_in_mibps is set exactly when throughput_mode is `provisioned`',
    condition: eq(eq(v('throughput_mode'), lit('provisioned')), notNull(v('provisioned_throughput_in_mibps'))),
    message: template`${name('provisioned_throughput_in_mibps')} must be set when ${name('throughput_mode')} is "provisioned", and only then (got ${show(v('provisioned_throughput_in_mibps'))} with ${name('throughput_mode')} ${show(v('throughput_mode'))}).`,
  },
  {
    id: 'max-io-not-elastic',
    inputs: ['performance_mode', 'throughput_mode'],
    summary: '`maxIO` is not combined with elastic throughput',
    condition: not(and(eq(v('performance_mode'), lit('maxIO')), eq(v('throughput_mode'), lit('elastic')))),
    message: template`${name('performance_mode')} "maxIO" does not work with ${name('throughput_mode')} "elastic"; use "generalPurpose", or "provisioned" or "bursting" throughput.`,
  },
  {
    id: 'max-io-not-one-zone',
    inputs: ['performance_mode', 'availability_zone_name'],
    summary: '`maxIO` is not combined with One Zone',
    condition: not(and(eq(v('performance_mode'), lit('maxIO')), notNull(v('availability_zone_name')))),
    message: template`${name('performance_mode')} "maxIO" does not work with a One Zone file system (${name('availability_zone_name')} is ${show(v('availability_zone_name'))}); use "generalPurpose".`,
  },
  {
    id: 'kms-key-needs-encryption',
    inputs: ['kms_key_arn', 'encrypted'],
    summary: 'a KMS key is only given with encryption on',
    condition: or(v('encrypted'), isNull(v('kms_key_arn'))),
    message: template`${name('kms_key_arn')} is set but ${name('encrypted')} is false; set ${name('encrypted')} to true or remove the key.`,
  },
  {
    id: 'archive-needs-elastic-general-purpose',
    inputs: ['lifecycle_policy', 'throughput_mode', 'performance_mode'],
    summary: 'Archive storage is only used with elastic throughput and General Purpose mode',
    condition: or(
      isNull(lifecycle('transition_to_archive')),
      and(eq(v('throughput_mode'), lit('elastic')), eq(v('performance_mode'), lit('generalPurpose'))),
    ),
    message: template`${name('lifecycle_policy', 'transition_to_archive')} needs ${name('throughput_mode')} "elastic" and ${name('performance_mode')} "generalPurpose" (got ${show(v('throughput_mode'))} and ${show(v('performance_mode'))}).`,
  },
  {
    id: 'security-group-name-prefix-length',
    inputs: ['security_group_name', 'security_group_use_name_prefix'],
    summary: 'a security_group_name used as a prefix is at most 99 characters',
    condition: cond(
      or(isNull(v('security_group_name')), not(v('security_group_use_name_prefix'))),
      lit(true),
      le(call('length', v('security_group_name')), lit(99)),
    ),
    message: template`${name('security_group_name')} must be at most 99 characters when ${name('security_group_use_name_prefix')} is true: AWS limits a name prefix to 100 characters, the last being "-" (got ${call('length', call('coalesce', v('security_group_name'), lit('-')))}).`,
  },
  {
    id: 'one-zone-single-mount-target',
    inputs: ['mount_targets', 'availability_zone_name'],
    summary: 'a One Zone file system has at most one mount target',
    condition: or(isNull(v('availability_zone_name')), le(call('length', v('mount_targets')), lit(1))),
    message: template`${name('mount_targets')} must have at most one entry for a One Zone file system (${name('availability_zone_name')} is ${show(v('availability_zone_name'))}), in a subnet of that zone (got ${call('length', v('mount_targets'))}: ${show(call('keys', v('mount_targets')))}).`,
  },  // --- backup_plan and alarms: declared in spec-backup-plan.ts and spec-alarms.ts
  ...backupPlanRules,
  ...alarmsRules,
];

export const efsFilesystemSpec: ModuleSpec<EfsFilesystemInput> = {
  name: 'efs-filesystem',
  className: 'EfsFilesystem',
  summary: 'An encrypted Amazon EFS file system with mount targets, their security group, access points, backup, lifecycle, a TLS-only file system policy and optional replication.',
  inputs,
  outputs,
  rules,
  awsProviderVersion: AWS_PROVIDER_MIN, // why this release: src/modules/aws-provider.ts
};
