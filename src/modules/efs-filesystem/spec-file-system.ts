/**
 * efs-filesystem file system: throughput, performance, encryption, zone, automatic backups,
 * lifecycle, the creation token and the replacement guard's flag, declared once (inputs and
 * rules). build-file-system.ts creates the file system from them.
 */
import {
  Expr,
  and,
  call,
  cond,
  eq,
  ge,
  get,
  gt,
  inputReader,
  isNull,
  le,
  lit,
  name,
  ne,
  not,
  notNull,
  nullOr,
  or,
  show,
  template,
} from '../../core/expr';
import { Rule, oneOf } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { closedSet, optional, t } from '../../core/types';
import { doc, either, hclOnly, nm, val } from '../../core/doc';
import { matches } from '../shared';

export const THROUGHPUT_MODES = closedSet(
  'ThroughputMode',
  ['elastic', 'provisioned', 'bursting'],
  "How the file system's throughput is set.",
);
export const PERFORMANCE_MODES = closedSet(
  'PerformanceMode',
  ['generalPurpose', 'maxIO'],
  "The file system's performance mode.",
);
/** Values of TransitionToIA and TransitionToArchive, in increasing order of age. */
export const TRANSITION_DAYS = closedSet(
  'TransitionAge',
  [
    'AFTER_1_DAY',
    'AFTER_7_DAYS',
    'AFTER_14_DAYS',
    'AFTER_30_DAYS',
    'AFTER_60_DAYS',
    'AFTER_90_DAYS',
    'AFTER_180_DAYS',
    'AFTER_270_DAYS',
    'AFTER_365_DAYS',
  ],
  'Days since a file was last accessed before it moves to Infrequent Access or Archive.',
);
export const PRIMARY_STORAGE_TRANSITIONS = closedSet(
  'PrimaryStorageTransition',
  ['AFTER_1_ACCESS'],
  'When a file moves back to Standard storage.',
);
/** The API's range for ProvisionedThroughputInMibps; the Region may set a lower ceiling. */
export const MAX_PROVISIONED_MIBPS = 3414;

/** Patterns this file and spec-replication.ts check (a replica takes a zone and a key too). */
export const FILE_SYSTEM_PATTERNS = {
  kmsKeyArn: '^arn:aws[a-z-]*:kms:[a-z0-9-]+:[0-9]{12}:key/[A-Za-z0-9-]+$',
  availabilityZone: '^[a-z]{2}(-[a-z]+)+-[0-9]+[a-z]$',
};
const PATTERNS = FILE_SYSTEM_PATTERNS;

export const fileSystemInputs = defineInputs([
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
    description: doc.unset(
      'none (only used with provisioned throughput)',
    )`Throughput in MiB/s when ${nm('throughput_mode')} is ${val('provisioned')} (required then, refused otherwise): 1 to ${MAX_PROVISIONED_MIBPS}, and the Region may allow less. AWS limits decreases to about one a day.`,
    onChange: 'In place (AWS allows about one decrease a day).',
  },
  {
    name: 'performance_mode',
    type: t.oneOf(PERFORMANCE_MODES),
    default: 'generalPurpose',
    description: doc`${val('generalPurpose')} or ${val('maxIO')}. Immutable: changing it replaces the file system. ${val('maxIO')} works only with Regional file systems and non-elastic throughput.`,
    onChange:
      'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  {
    name: 'encrypted',
    type: t.bool(),
    default: true,
    description: 'Encrypt data at rest. Immutable: changing it replaces the file system.',
    onChange:
      'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  {
    name: 'kms_key_arn',
    type: t.string(),
    description: doc.unset(
      'the AWS-managed key',
    )`ARN of the KMS key for encryption at rest${hclOnly('; null uses the AWS-managed key')}. Needs ${nm('encrypted')}. Immutable. A key ARN, not a key id or alias: switching between forms has replaced file systems.`,
    onChange:
      'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
  },
  {
    name: 'availability_zone_name',
    type: t.string(),
    description: doc.unset(
      'a Regional file system',
    )`Availability Zone of a One Zone file system${hclOnly('; null for a Regional one')}. Immutable. A One Zone file system takes at most one mount target, in that zone.`,
    onChange:
      'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data.',
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
    description: doc`When files move to Infrequent Access and Archive (${val('AFTER_1_DAY')} … ${val('AFTER_365_DAYS')}) and back to Standard (${val('AFTER_1_ACCESS')}). A field left out means no such transition; ${val({})} keeps everything in Standard. Archive must come after IA and needs elastic throughput and General Purpose mode.`,
    onChange: 'In place.',
  },
]);

export const replacementInputs = defineInputs([
  {
    name: 'allow_file_system_replacement',
    type: t.bool(),
    default: false,
    description: doc`Changing ${nm('encrypted')}, ${nm('kms_key_arn')}, ${nm('performance_mode')}, ${nm('availability_zone_name')} or ${nm('creation_token')} replaces the file system and destroys its data, and so does \`-replace\` of it: while this is ${val(false)}, the plan that would do it fails, whatever was applied before (the flag set and reset, the module's own \`terraform_data\` removed or replaced). Set it to ${val(true)} for the one apply that should replace the file system, then back to ${val(false)}. Removing ${nm('kms_key_arn')}, ${nm('availability_zone_name')} or ${nm('creation_token')} changes nothing (the file system keeps its key, zone and token) and is not refused. ${either(
      "Not refused at plan time, but flagged by `efs-modules doctor`: `terraform destroy`, a removed module block, and a plan in which the module's security group and `terraform_data.module_created` are new too (a file system imported or moved into a module never applied without its security group, or `-replace` of both; with `create_security_group = false`, `-replace` of `terraform_data.module_created` alone).",
      'While it is `false` the construct also refuses `cdktf destroy` (`prevent_destroy`); `removalPolicy` sets it (`RemovalPolicy.DESTROY` is `true`), so give one or the other. Not refused at plan time, but flagged by `efs-modules doctor`: a removed construct, and a plan in which its security group and `terraform_data.module_created` are new too (a file system imported or moved into a stack never applied without its security group, or `-replace` of both; with `createSecurityGroup` false, `-replace` of `terraform_data.module_created` alone).',
    )}`,
    onChange: 'Replaces no AWS resource by itself: it lets the plan it is set in replace the file system.',
  },
]);

export const creationTokenInputs = defineInputs([
  {
    name: 'creation_token',
    type: t.string(),
    description: doc.unset(
      'a token the provider generates',
    )`Idempotency token of the file system (1 to 64 characters), the \`CreationToken\` of the EFS API. Immutable: a different token replaces the file system. Leaving it out on an existing file system keeps the token it has.`,
    onChange:
      'Refused without `allow_file_system_replacement = true`; with it, replaces the file system and destroys its data. Removing it changes nothing.',
  },
]);

/** The inputs this file declares (part of `EfsFilesystemInput`). */
export type FileSystemInput = InputName<
  typeof fileSystemInputs | typeof replacementInputs | typeof creationTokenInputs
>;
const fileSystem = inputReader<FileSystemInput>();

const dayIndex = (x: Expr) => call('indexOf', lit(TRANSITION_DAYS.values), x);
const isAge = (x: Expr) => call('contains', lit(TRANSITION_DAYS.values), x);
/**
 * `later` comes after `earlier` in the list of ages. True while either is not an age: its own
 * rule reports it, and index() would fail on it (a second error beside the first).
 */
const laterAge = (later: Expr, earlier: Expr) =>
  cond(and(isAge(later), isAge(earlier)), gt(dayIndex(later), dayIndex(earlier)), lit(true));
const lifecycle = (field: string) => get(fileSystem('lifecycle_policy'), field);

export const fileSystemRules: Rule<FileSystemInput>[] = [
  oneOf('throughput-mode-allowed', 'throughput_mode', THROUGHPUT_MODES),
  {
    id: 'provisioned-throughput-range',
    inputs: ['provisioned_throughput_in_mibps'],
    summary: `provisioned_throughput_in_mibps is from 1 to ${MAX_PROVISIONED_MIBPS}`,
    condition: nullOr(
      fileSystem('provisioned_throughput_in_mibps'),
      and(
        ge(fileSystem('provisioned_throughput_in_mibps'), lit(1)),
        le(fileSystem('provisioned_throughput_in_mibps'), lit(MAX_PROVISIONED_MIBPS)),
      ),
    ),
    message: template`${name('provisioned_throughput_in_mibps')} must be from 1 to ${lit(MAX_PROVISIONED_MIBPS)} MiB/s (got ${show(fileSystem('provisioned_throughput_in_mibps'))}).`,
  },
  oneOf('performance-mode-allowed', 'performance_mode', PERFORMANCE_MODES),
  {
    id: 'kms-key-arn-format',
    inputs: ['kms_key_arn'],
    summary: 'kms_key_arn, when set, is a KMS key ARN',
    condition: nullOr(fileSystem('kms_key_arn'), matches(fileSystem('kms_key_arn'), PATTERNS.kmsKeyArn)),
    message: template`${name('kms_key_arn')} must be a KMS key ARN such as "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab", not a key ID or alias (got ${show(fileSystem('kms_key_arn'))}).`,
  },
  {
    id: 'availability-zone-format',
    inputs: ['availability_zone_name'],
    summary: 'availability_zone_name, when set, is a zone name such as `us-east-1a`',
    condition: nullOr(
      fileSystem('availability_zone_name'),
      matches(fileSystem('availability_zone_name'), PATTERNS.availabilityZone),
    ),
    message: template`${name('availability_zone_name')} must be an Availability Zone name such as "us-east-1a" (got ${show(fileSystem('availability_zone_name'))}).`,
  },
  oneOf('lifecycle-ia-allowed', 'lifecycle_policy', TRANSITION_DAYS, ['transition_to_ia']),
  oneOf('lifecycle-archive-allowed', 'lifecycle_policy', TRANSITION_DAYS, ['transition_to_archive']),
  oneOf('lifecycle-primary-allowed', 'lifecycle_policy', PRIMARY_STORAGE_TRANSITIONS, [
    'transition_to_primary_storage_class',
  ]),
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
];

export const creationTokenRules: Rule<FileSystemInput>[] = [
  {
    id: 'creation-token-length',
    inputs: ['creation_token'],
    summary: 'creation_token, when set, is 1 to 64 characters',
    condition: nullOr(
      fileSystem('creation_token'),
      and(ne(fileSystem('creation_token'), lit('')), le(call('length', fileSystem('creation_token')), lit(64))),
    ),
    message: template`${name('creation_token')} must be 1 to 64 characters (got ${show(fileSystem('creation_token'))}).`,
  },
];

/** Rules across inputs (preconditions in HCL). */
export const fileSystemCrossRules: Rule<FileSystemInput>[] = [
  {
    id: 'provisioned-throughput-required',
    inputs: ['provisioned_throughput_in_mibps', 'throughput_mode'],
    summary: 'provisioned_throughput_in_mibps is set exactly when throughput_mode is `provisioned`',
    condition: eq(
      eq(fileSystem('throughput_mode'), lit('provisioned')),
      notNull(fileSystem('provisioned_throughput_in_mibps')),
    ),
    message: template`${name('provisioned_throughput_in_mibps')} must be set when ${name('throughput_mode')} is "provisioned", and only then (got ${show(fileSystem('provisioned_throughput_in_mibps'))} with ${name('throughput_mode')} ${show(fileSystem('throughput_mode'))}).`,
  },
  {
    id: 'max-io-not-elastic',
    inputs: ['performance_mode', 'throughput_mode'],
    summary: '`maxIO` is not combined with elastic throughput',
    condition: not(
      and(eq(fileSystem('performance_mode'), lit('maxIO')), eq(fileSystem('throughput_mode'), lit('elastic'))),
    ),
    message: template`${name('performance_mode')} "maxIO" does not work with ${name('throughput_mode')} "elastic"; use "generalPurpose", or "provisioned" or "bursting" throughput.`,
  },
  {
    id: 'max-io-not-one-zone',
    inputs: ['performance_mode', 'availability_zone_name'],
    summary: '`maxIO` is not combined with One Zone',
    condition: not(
      and(eq(fileSystem('performance_mode'), lit('maxIO')), notNull(fileSystem('availability_zone_name'))),
    ),
    message: template`${name('performance_mode')} "maxIO" does not work with a One Zone file system (${name('availability_zone_name')} is ${show(fileSystem('availability_zone_name'))}); use "generalPurpose".`,
  },
  {
    id: 'kms-key-needs-encryption',
    inputs: ['kms_key_arn', 'encrypted'],
    summary: 'a KMS key is only given with encryption on',
    condition: or(fileSystem('encrypted'), isNull(fileSystem('kms_key_arn'))),
    message: template`${name('kms_key_arn')} is set but ${name('encrypted')} is false; set ${name('encrypted')} to true or remove the key.`,
  },
  {
    id: 'archive-needs-elastic-general-purpose',
    inputs: ['lifecycle_policy', 'throughput_mode', 'performance_mode'],
    summary: 'Archive storage is only used with elastic throughput and General Purpose mode',
    condition: or(
      isNull(lifecycle('transition_to_archive')),
      and(eq(fileSystem('throughput_mode'), lit('elastic')), eq(fileSystem('performance_mode'), lit('generalPurpose'))),
    ),
    message: template`${name('lifecycle_policy', 'transition_to_archive')} needs ${name('throughput_mode')} "elastic" and ${name('performance_mode')} "generalPurpose" (got ${show(fileSystem('throughput_mode'))} and ${show(fileSystem('performance_mode'))}).`,
  },
];
