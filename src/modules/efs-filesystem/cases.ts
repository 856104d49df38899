/** Bad inputs that efs-filesystem must refuse, one rule each (see src/core/cases.ts). */
import type { BadInput, ModuleCases } from '../../core/cases';
import { alarmsBadInputs } from './cases-alarms';
import { backupPlanBadInputs } from './cases-backup-plan';
import type { EfsFilesystemInput } from './spec';

const SUBNET_A = 'subnet-0123456789abcdef0';
const SUBNET_B = 'subnet-0123456789abcdef1';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const oneMountTarget = { a: { subnet_id: SUBNET_A } };
const SHARED_GROUP = 'sg-0bbbbbbbbbbbbbbb2';
const accessPoint = (ap: Record<string, unknown>) => ({ access_points: { app: ap } });

const bad: BadInput<EfsFilesystemInput>[] = [
  { rule: 'name-format', title: 'name with spaces', set: { name: 'my files' }, names: ['name'], shows: ['"my files"'] },
  { rule: 'name-format', title: 'empty name', set: { name: '' }, names: ['name'], shows: ['""'] },
  { rule: 'name-format', title: 'name over 64 characters', set: { name: 'x'.repeat(65) }, names: ['name'], shows: [`"${'x'.repeat(65)}"`] },
  { rule: 'vpc-id-format', title: 'vpc id without prefix', set: { vpc_id: '0123456789abcdef0' }, names: ['vpc_id'], shows: ['"0123456789abcdef0"'] },
  {
    rule: 'mount-target-subnet-format', title: 'empty subnet id',
    set: { mount_targets: { a: { subnet_id: '' } } }, names: ['mount_targets["a"].subnet_id'], shows: ['""'],
  },
  {
    rule: 'mount-target-subnet-format', title: 'subnet id of another type',
    set: { mount_targets: { a: { subnet_id: 'sg-0123456789abcdef0' } } }, names: ['mount_targets["a"].subnet_id'], shows: ['"sg-0123456789abcdef0"'],
  },
  {
    rule: 'mount-target-ip-format', title: 'ip address out of range',
    set: { mount_targets: { a: { subnet_id: SUBNET_A, ip_address: '10.0.0.300' } } }, names: ['mount_targets["a"].ip_address'], shows: ['"10.0.0.300"'],
  },
  {
    rule: 'mount-target-subnets-distinct', title: 'two mount targets in one subnet',
    set: { mount_targets: { a: { subnet_id: SUBNET_A }, b: { subnet_id: SUBNET_A } } }, names: ['mount_targets'], shows: [`["${SUBNET_A}","${SUBNET_A}"]`],
    tsShows: [`["${SUBNET_A}", "${SUBNET_A}"]`],
  },
  {
    rule: 'allowed-security-group-id-format', title: 'security group name instead of id',
    set: { allowed_security_groups: { app: 'default' } }, names: ['allowed_security_groups["app"]'], shows: ['"default"'],
  },
  {
    rule: 'allowed-security-groups-distinct', title: 'one security group under two names',
    set: { allowed_security_groups: { app: 'sg-0123456789abcdef0', api: 'sg-0123456789abcdef0' } },
    names: ['allowed_security_groups'], shows: ['{"api":"sg-0123456789abcdef0","app":"sg-0123456789abcdef0"}'],
    tsShows: ['{ api: "sg-0123456789abcdef0", app: "sg-0123456789abcdef0" }'],
  },
  {
    rule: 'allowed-cidr-format', title: 'cidr prefix over 32',
    set: { allowed_cidrs: { vpc: '10.0.0.0/16', office: '10.0.0.0/33' } }, names: ['allowed_cidrs["office"]'], shows: ['"10.0.0.0/33"'],
  },
  { rule: 'allowed-cidr-format', title: 'cidr without prefix', set: { allowed_cidrs: { host: '10.0.0.1' } }, names: ['allowed_cidrs["host"]'], shows: ['"10.0.0.1"'] },
  { rule: 'allowed-cidr-not-open', title: 'open ipv4 cidr', set: { allowed_cidrs: { all: '0.0.0.0/0' } }, names: ['allowed_cidrs["all"]'], shows: ['"0.0.0.0/0"'] },
  { rule: 'allowed-cidr-not-open', title: 'open ipv6 cidr', set: { allowed_cidrs: { all6: '::/0' } }, names: ['allowed_cidrs["all6"]'], shows: ['"::/0"'] },
  {
    rule: 'allowed-cidrs-distinct', title: 'one cidr under two names',
    set: { allowed_cidrs: { vpc: '10.0.0.0/16', office: '10.0.0.0/16' } }, names: ['allowed_cidrs'], shows: ['{"office":"10.0.0.0/16","vpc":"10.0.0.0/16"}'],
    tsShows: ['{ office: "10.0.0.0/16", vpc: "10.0.0.0/16" }'],
  },
  {
    rule: 'security-group-name-format', title: 'security group name with a tilde',
    set: { security_group_name: 'efs~group' }, names: ['security_group_name'], shows: ['"efs~group"'],
  },
  {
    rule: 'security-group-name-format', title: 'security group name that looks like an id',
    set: { security_group_name: 'sg-efs' }, names: ['security_group_name'], shows: ['"sg-efs"'],
  },
  {
    rule: 'security-group-description-format', title: 'empty security group description',
    set: { security_group_description: '' }, names: ['security_group_description'], shows: ['""'],
  },
  // --- network parity: bring your own security groups
  {
    rule: 'mount-target-security-group-id-format', title: 'mount target security group name instead of id',
    set: { mount_target_security_group_ids: ['sg-0123456789abcdef0', 'shared'] }, names: ['mount_target_security_group_ids[1]'], shows: ['"shared"'],
  },
  {
    rule: 'mount-target-security-groups-distinct', title: 'one mount target security group twice',
    set: { mount_target_security_group_ids: ['sg-0123456789abcdef0', 'sg-0123456789abcdef0'] },
    names: ['mount_target_security_group_ids'], shows: ['["sg-0123456789abcdef0","sg-0123456789abcdef0"]'],
    tsShows: ['["sg-0123456789abcdef0", "sg-0123456789abcdef0"]'],
  },
  {
    rule: 'vpc-id-required-for-security-group', title: 'no vpc id for the module security group',
    set: { vpc_id: null }, names: ['vpc_id', 'create_security_group'], shows: [],
  },
  {
    rule: 'mount-targets-need-security-group', title: 'mount targets without any security group',
    set: { create_security_group: false }, names: ['mount_target_security_group_ids', 'create_security_group'], shows: ['["a","b"]'], tsShows: ['["a", "b"]'],
  },
  {
    rule: 'nfs-rules-need-security-group', title: 'allowed security groups without the module security group',
    set: { create_security_group: false, mount_target_security_group_ids: [SHARED_GROUP], allowed_security_groups: { app: 'sg-0aaaaaaaaaaaaaaa1' } },
    names: ['allowed_security_groups', 'allowed_cidrs', 'create_security_group'], shows: ['{"app":"sg-0aaaaaaaaaaaaaaa1"}'], tsShows: ['{ app: "sg-0aaaaaaaaaaaaaaa1" }'],
  },
  {
    rule: 'nfs-rules-need-security-group', title: 'allowed cidrs without the module security group',
    set: { create_security_group: false, mount_target_security_group_ids: [SHARED_GROUP], allowed_cidrs: { vpc: '10.0.0.0/16' } },
    names: ['allowed_security_groups', 'allowed_cidrs', 'create_security_group'], shows: ['{"vpc":"10.0.0.0/16"}'], tsShows: ['{ vpc: "10.0.0.0/16" }'],
  },
  {
    rule: 'mount-target-security-groups-limit', title: 'five more security groups beside the module security group',
    set: { mount_target_security_group_ids: [1, 2, 3, 4, 5].map((i) => `sg-0123456789abcdef${i}`) },
    names: ['mount_target_security_group_ids'], shows: ['5'],
  },
  {
    rule: 'security-group-name-prefix-length', title: 'security group name prefix over 99 characters',
    set: { security_group_name: 'g'.repeat(100) }, names: ['security_group_name', 'security_group_use_name_prefix'], shows: ['100'],
  },
  { rule: 'throughput-mode-allowed', title: 'unknown throughput mode', set: { throughput_mode: 'fast' }, names: ['throughput_mode'], shows: ['"fast"'] },
  { rule: 'throughput-mode-allowed', title: 'throughput mode in wrong case', set: { throughput_mode: 'Elastic' }, names: ['throughput_mode'], shows: ['"Elastic"'] },
  // One error only: the rule on MiB/s, which reads throughput_mode, does not also fire.
  {
    rule: 'throughput-mode-allowed', title: 'misspelled throughput mode with mibps',
    set: { throughput_mode: 'provisoned', provisioned_throughput_in_mibps: 100 }, names: ['throughput_mode'], shows: ['"provisoned"'],
  },
  {
    rule: 'provisioned-throughput-range', title: 'zero mibps',
    set: { throughput_mode: 'provisioned', provisioned_throughput_in_mibps: 0 }, names: ['provisioned_throughput_in_mibps'], shows: ['0'],
  },
  {
    rule: 'provisioned-throughput-range', title: 'mibps above api limit',
    set: { throughput_mode: 'provisioned', provisioned_throughput_in_mibps: 5000 }, names: ['provisioned_throughput_in_mibps'], shows: ['5000'],
  },
  { rule: 'performance-mode-allowed', title: 'unknown performance mode', set: { performance_mode: 'turbo' }, names: ['performance_mode'], shows: ['"turbo"'] },
  {
    rule: 'kms-key-arn-format', title: 'kms key id instead of arn',
    set: { kms_key_arn: '1234abcd-12ab-34cd-56ef-1234567890ab' }, names: ['kms_key_arn'], shows: ['"1234abcd-12ab-34cd-56ef-1234567890ab"'],
  },
  {
    rule: 'kms-key-arn-format', title: 'kms alias arn',
    set: { kms_key_arn: 'arn:aws:kms:us-east-1:111122223333:alias/efs' }, names: ['kms_key_arn'], shows: ['"arn:aws:kms:us-east-1:111122223333:alias/efs"'],
  },
  {
    rule: 'availability-zone-format', title: 'zone name without dashes',
    set: { availability_zone_name: 'useast1a', mount_targets: oneMountTarget }, names: ['availability_zone_name'], shows: ['"useast1a"'],
  },
  {
    rule: 'lifecycle-ia-allowed', title: 'ia after 2 days',
    set: { lifecycle_policy: { transition_to_ia: 'AFTER_2_DAYS' } }, names: ['lifecycle_policy.transition_to_ia'], shows: ['"AFTER_2_DAYS"'],
  },
  {
    // The ordering rule reads transition_to_ia too: it must stay silent while that value is itself refused.
    rule: 'lifecycle-ia-allowed', title: 'ia misspelt beside archive',
    set: { lifecycle_policy: { transition_to_ia: 'AFTER_30_DAY', transition_to_archive: 'AFTER_90_DAYS' } },
    names: ['lifecycle_policy.transition_to_ia'], shows: ['"AFTER_30_DAY"'],
  },
  {
    rule: 'lifecycle-archive-allowed', title: 'archive in days as a number',
    set: { lifecycle_policy: { transition_to_archive: '90' } }, names: ['lifecycle_policy.transition_to_archive'], shows: ['"90"'],
  },
  {
    rule: 'lifecycle-primary-allowed', title: 'back to primary after days',
    set: { lifecycle_policy: { transition_to_primary_storage_class: 'AFTER_7_DAYS' } }, names: ['lifecycle_policy.transition_to_primary_storage_class'], shows: ['"AFTER_7_DAYS"'],
  },
  {
    rule: 'lifecycle-archive-after-ia', title: 'archive before ia',
    set: { lifecycle_policy: { transition_to_ia: 'AFTER_90_DAYS', transition_to_archive: 'AFTER_30_DAYS' } },
    names: ['lifecycle_policy.transition_to_archive', 'lifecycle_policy.transition_to_ia'], shows: ['"AFTER_30_DAYS"', '"AFTER_90_DAYS"'],
  },
  {
    rule: 'lifecycle-archive-after-ia', title: 'archive same day as ia',
    set: { lifecycle_policy: { transition_to_ia: 'AFTER_30_DAYS', transition_to_archive: 'AFTER_30_DAYS' } },
    names: ['lifecycle_policy.transition_to_archive'], shows: ['"AFTER_30_DAYS"'],
  },
  {
    rule: 'access-point-root-absolute', title: 'relative root directory',
    set: accessPoint({ root_directory: 'data', posix_user: { uid: 1000, gid: 1000 } }), names: ['access_points["app"].root_directory'], shows: ['"data"'],
  },
  {
    rule: 'access-point-root-absolute', title: 'root directory climbing out',
    set: accessPoint({ root_directory: '/data/../etc', posix_user: { uid: 1000, gid: 1000 } }), names: ['access_points["app"].root_directory'], shows: ['"/data/../etc"'],
  },
  {
    rule: 'access-point-root-length', title: 'root directory over 100 characters',
    set: accessPoint({ root_directory: `/${'d'.repeat(100)}`, posix_user: { uid: 1000, gid: 1000 } }), names: ['access_points["app"].root_directory'], shows: ['101'],
  },
  {
    rule: 'access-point-root-depth', title: 'root directory five levels deep',
    set: accessPoint({ root_directory: '/a/b/c/d/e', posix_user: { uid: 1000, gid: 1000 } }), names: ['access_points["app"].root_directory'], shows: ['"/a/b/c/d/e"'],
  },
  {
    rule: 'access-point-root-creatable', title: 'root directory nobody can create',
    set: accessPoint({ root_directory: '/data' }), names: ['access_points["app"]'], shows: ['"/data"'],
  },
  {
    rule: 'access-point-permissions-octal', title: 'permissions with digit 8',
    set: accessPoint({ root_directory: '/data', creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: '0855' } }),
    names: ['access_points["app"].creation_info.permissions'], shows: ['"0855"'],
  },
  {
    rule: 'access-point-permissions-octal', title: 'permissions as letters',
    set: accessPoint({ root_directory: '/data', creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: 'rwxr-xr-x' } }),
    names: ['access_points["app"].creation_info.permissions'], shows: ['"rwxr-xr-x"'],
  },
  {
    rule: 'access-point-permissions-octal', title: 'permissions with two digits',
    set: accessPoint({ root_directory: '/data', creation_info: { owner_uid: 1000, owner_gid: 1000, permissions: '75' } }),
    names: ['access_points["app"].creation_info.permissions'], shows: ['"75"'],
  },
  {
    rule: 'access-point-posix-ids', title: 'negative uid',
    set: accessPoint({ posix_user: { uid: -1, gid: 1000 } }), names: ['access_points["app"]'], shows: ['"uid":-1'], tsShows: ['uid: -1'],
  },
  {
    rule: 'access-point-posix-ids', title: 'gid above 32 bits',
    set: accessPoint({ posix_user: { uid: 1000, gid: 4294967296 } }), names: ['access_points["app"]'], shows: ['"gid":4294967296'], tsShows: ['gid: 4294967296'],
  },
  {
    rule: 'access-point-posix-ids', title: 'fractional owner uid',
    set: accessPoint({ root_directory: '/data', creation_info: { owner_uid: 1.5, owner_gid: 1000 } }), names: ['access_points["app"]'], shows: ['"owner_uid":1.5'], tsShows: ['ownerUid: 1.5'],
  },
  {
    rule: 'replication-region-format', title: 'replication region in capitals',
    set: { replication: { region: 'EU-WEST-1' } }, names: ['replication'], shows: ['"EU-WEST-1"'],
  },
  {
    rule: 'policy-statement-effect', title: 'policy statement effect not allow or deny',
    set: { policy_statements: [{ sid: 'Audit', effect: 'Block', actions: ['elasticfilesystem:ClientWrite'] }] },
    names: ['policy_statements[0]'], shows: ['"Block"'],
  },
  {
    rule: 'policy-statement-effect', title: 'policy statement sid with dashes',
    set: { policy_statements: [{ sid: 'no-writes', effect: 'Deny', actions: ['elasticfilesystem:ClientWrite'] }] },
    names: ['policy_statements[0]'], shows: ['"no-writes"'],
  },
  {
    rule: 'policy-statement-keeps-mount', title: 'policy statement denying mount to everyone',
    set: { policy_statements: [{ sid: 'NoMount', effect: 'Deny', actions: ['elasticfilesystem:ClientMount'] }] },
    names: ['policy_statements[0]'], shows: ['["elasticfilesystem:ClientMount"]'],
  },
  {
    rule: 'policy-statement-keeps-mount', title: 'policy statement denying everything unconditionally',
    set: { policy_statements: [{ sid: 'Lockdown', effect: 'Deny', actions: ['*'] }] },
    names: ['policy_statements[0]'], shows: ['["*"]'],
  },
  // --- issue 12 item 1: policy, replication and creation token
  {
    rule: 'policy-statement-keeps-mount', title: 'policy statement denying all but writes unconditionally',
    set: { policy_statements: [{ sid: 'AllButWrite', effect: 'Deny', not_actions: ['elasticfilesystem:ClientWrite'] }] },
    names: ['policy_statements[0]'], shows: ['["elasticfilesystem:ClientWrite"]'],
  },
  {
    rule: 'policy-statement-actions-xor', title: 'policy statement with actions and not_actions',
    set: { policy_statements: [{ sid: 'Both', effect: 'Deny', actions: ['elasticfilesystem:ClientWrite'], not_actions: ['elasticfilesystem:ClientMount'] }] },
    names: ['policy_statements[0]', 'actions', 'not_actions'], shows: ['with actions, '], shape: true,
  },
  {
    rule: 'policy-statement-actions-xor', title: 'policy statement without actions',
    set: { policy_statements: [{ sid: 'Nothing', effect: 'Allow' }] }, names: ['policy_statements[0]', 'actions'], shows: ['with no actions, no '], shape: true,
  },
  {
    rule: 'policy-statement-actions-xor', title: 'policy statement with principals and not_principals',
    set: {
      policy_statements: [{
        sid: 'Both', effect: 'Allow', actions: ['elasticfilesystem:ClientMount'],
        principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:root'] }],
        not_principals: [{ type: 'AWS', identifiers: ['arn:aws:iam::111122223333:role/intruder'] }],
      }],
    },
    names: ['policy_statements[0]', 'principals', 'not_principals'], shows: [', principals, '], shape: true,
  },
  {
    rule: 'mount-allowed-without-mount-target-statement', title: 'no mount-target statement and no allow of ClientMount',
    set: {
      allow_access_via_mount_targets: false,
      policy_statements: [{ sid: 'WriteOnly', effect: 'Allow', actions: ['elasticfilesystem:ClientWrite'] }],
    },
    names: ['allow_access_via_mount_targets', 'policy_statements'], shows: ['"elasticfilesystem:ClientMount"'],
  },
  {
    rule: 'mount-allowed-without-mount-target-statement', title: 'no mount-target statement and an allow excluding client actions',
    set: {
      allow_access_via_mount_targets: false,
      policy_statements: [{ sid: 'NoClients', effect: 'Allow', not_actions: ['elasticfilesystem:Client*'] }],
    },
    names: ['allow_access_via_mount_targets', 'policy_statements', 'not_actions'], shows: [],
  },
  {
    rule: 'mount-allowed-without-mount-target-statement', title: 'no mount-target statement and no statements',
    set: { allow_access_via_mount_targets: false }, names: ['allow_access_via_mount_targets', 'policy_statements'], shows: [],
  },
  {
    rule: 'source-policy-documents-json', title: 'source policy document that is not JSON',
    set: { source_policy_documents: ['{"Version":"2012-10-17","Statement":[]}', 'Version: 2012-10-17'] },
    names: ['source_policy_documents[1]'], shows: ['"Version: 2012-10-17"'],
  },
  {
    rule: 'override-policy-documents-json', title: 'override policy document cut short',
    set: { override_policy_documents: ['{Version: 2012-10-17'] }, names: ['override_policy_documents[0]'], shows: ['"{Version: 2012-10-17"'],
  },
  {
    rule: 'replication-file-system-id-format', title: 'replica file system id without prefix',
    set: { replication: { region: 'eu-west-1', file_system_id: '0123456789abcdef0' } }, names: ['replication.file_system_id'], shows: ['"0123456789abcdef0"'],
  },
  {
    rule: 'replication-file-system-id-format', title: 'replica file system given by arn',
    set: { replication: { region: 'eu-west-1', file_system_id: 'arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0' } },
    names: ['replication.file_system_id'], shows: ['"arn:aws:elasticfilesystem:eu-west-1:111122223333:file-system/fs-0123456789abcdef0"'],
  },
  {
    rule: 'replication-existing-destination', title: 'existing replica with a kms key',
    set: { replication: { region: 'eu-west-1', file_system_id: 'fs-0123456789abcdef0', kms_key_arn: KEY_ARN.replace('us-east-1', 'eu-west-1') } },
    names: ['replication.file_system_id', 'replication.kms_key_arn'], shows: ['got no replication.'],
  },
  {
    rule: 'replication-existing-destination', title: 'existing replica with a zone',
    set: { replication: { region: 'eu-west-1', file_system_id: 'fs-0123456789abcdef0', availability_zone_name: 'eu-west-1a' } },
    names: ['replication.availability_zone_name'], shows: ['and no replication.'],
  },
  { rule: 'creation-token-length', title: 'empty creation token', set: { creation_token: '' }, names: ['creation_token'], shows: ['""'] },
  {
    rule: 'creation-token-length', title: 'creation token over 64 characters',
    set: { creation_token: 't'.repeat(65) }, names: ['creation_token'], shows: [`"${'t'.repeat(65)}"`],
  },
  {
    rule: 'replication-overwrite-protection-allowed', title: 'overwrite protection set to replicating',
    set: { replication_overwrite_protection: 'REPLICATING' }, names: ['replication_overwrite_protection'], shows: ['"REPLICATING"'],
  },
  {
    rule: 'replication-overwrite-protection-allowed', title: 'overwrite protection in lower case',
    set: { replication_overwrite_protection: 'disabled' }, names: ['replication_overwrite_protection'], shows: ['"disabled"'],
  },
  {
    rule: 'provisioned-throughput-required', title: 'provisioned without mibps',
    set: { throughput_mode: 'provisioned' }, names: ['provisioned_throughput_in_mibps', 'throughput_mode'], shows: ['null', '"provisioned"'], tsShows: ['undefined', '"provisioned"'],
  },
  {
    rule: 'provisioned-throughput-required', title: 'mibps with elastic',
    set: { provisioned_throughput_in_mibps: 100 }, names: ['provisioned_throughput_in_mibps', 'throughput_mode'], shows: ['100', '"elastic"'],
  },
  {
    rule: 'max-io-not-elastic', title: 'max io with elastic',
    set: { performance_mode: 'maxIO' }, names: ['performance_mode', 'throughput_mode'], shows: ['"maxIO"', '"elastic"'],
  },
  {
    rule: 'max-io-not-one-zone', title: 'max io in one zone',
    set: { performance_mode: 'maxIO', throughput_mode: 'bursting', availability_zone_name: 'us-east-1a', mount_targets: oneMountTarget },
    names: ['performance_mode', 'availability_zone_name'], shows: ['"maxIO"', '"us-east-1a"'],
  },
  {
    rule: 'kms-key-needs-encryption', title: 'kms key without encryption',
    set: { encrypted: false, kms_key_arn: KEY_ARN }, names: ['kms_key_arn', 'encrypted'], shows: ['false'],
  },
  {
    rule: 'archive-needs-elastic-general-purpose', title: 'archive with bursting',
    set: { throughput_mode: 'bursting', lifecycle_policy: { transition_to_ia: 'AFTER_30_DAYS', transition_to_archive: 'AFTER_90_DAYS' } },
    names: ['lifecycle_policy.transition_to_archive', 'throughput_mode'], shows: ['"bursting"'],
  },
  {
    rule: 'one-zone-single-mount-target', title: 'one zone with two mount targets',
    set: { availability_zone_name: 'us-east-1a', mount_targets: { a: { subnet_id: SUBNET_A }, b: { subnet_id: SUBNET_B } } },
    names: ['mount_targets', 'availability_zone_name'], shows: ['"us-east-1a"', '["a","b"]'], tsShows: ['"us-east-1a"', '["a", "b"]'],
  },  // --- backup_plan and alarms: cases-backup-plan.ts and cases-alarms.ts
  ...backupPlanBadInputs,
  ...alarmsBadInputs,
];

export const efsFilesystemCases: ModuleCases<EfsFilesystemInput> = {
  valid: {
    name: 'files',
    vpc_id: 'vpc-0123456789abcdef0',
    mount_targets: { a: { subnet_id: SUBNET_A }, b: { subnet_id: SUBNET_B } },
  },
  bad,
};
