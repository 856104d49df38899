/**
 * efs-filesystem replication: the replica (new or existing) and the file system's replication
 * overwrite protection, declared once (inputs and rules). build-replication.ts creates the
 * replication configuration from them.
 */
import { and, cond, get, inputReader, isNull, lit, name, nullOr, or, show, template, call } from '../../core/expr';
import { Rule, quoteList } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { closedSet, optional, t } from '../../core/types';
import { doc, hclOnly, nm, val } from '../../core/doc';
import { given, matches } from '../shared';
import { FILE_SYSTEM_PATTERNS } from './spec-file-system';

/** What users may set; AWS itself sets `REPLICATING` while the file system is a replication destination. */
export const REPLICATION_OVERWRITE = closedSet(
  'ReplicationOverwriteProtection',
  ['ENABLED', 'DISABLED'],
  "The file system's replication overwrite protection.",
);

const PATTERNS = {
  ...FILE_SYSTEM_PATTERNS,
  region: '^[a-z]{2}(-[a-z]+)+-[0-9]+$',
  fileSystemId: '^fs-[0-9a-f]{8,40}$',
};

export const replicationInputs = defineInputs([
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
    description: doc.unset(
      'no replication',
    )`Replicate to a new read-only file system in ${nm('region')} (One Zone when ${nm('availability_zone_name')} is set, encrypted with ${nm('kms_key_arn')} when set), or, with ${nm('file_system_id')}, to that existing file system in ${nm('region')}: its ${nm('replication_overwrite_protection')} must be ${val('DISABLED')} before the replication is created, and it becomes read-only while it lasts; ${nm('availability_zone_name')} and ${nm('kms_key_arn')} describe a new replica and are refused with it.${hclOnly(' Null: no replication.')}`,
    onChange:
      'Adding creates the replication configuration, removing deletes it, a new destination replaces it (delete, then create).',
  },
]);

export const replicationOverwriteInputs = defineInputs([
  {
    name: 'replication_overwrite_protection',
    type: t.oneOf(REPLICATION_OVERWRITE),
    description: doc.unset(
      'the AWS default (enabled)',
    )`The file system's replication overwrite protection: ${val('ENABLED')} (the AWS default) keeps it writable and refuses it as a replication destination; ${val('DISABLED')} lets another file system's replication use it as its destination (set it before that replication is created). While it is a destination AWS reports ${val('REPLICATING')}, a status users cannot set, and refuses any change: once the replication exists, leave this input out, or the AWS provider plans to set ${val('DISABLED')} again at every apply and the apply fails (hashicorp/terraform-provider-aws#36811).${hclOnly(' Null: the setting is left as AWS has it.')}`,
    onChange: "In place (the file system's protection). Removing it changes nothing.",
  },
]);

/** The inputs this file declares (part of `EfsFilesystemInput`). */
export type ReplicationInput = InputName<typeof replicationInputs | typeof replicationOverwriteInputs>;
const replication = inputReader<ReplicationInput>();

const replicationField = (field: string) => get(replication('replication'), field);

/** The replica's Region, zone and key are well formed. */
export const replicationRegionRules: Rule<ReplicationInput>[] = [
  {
    id: 'replication-region-format',
    inputs: ['replication'],
    summary: 'replication.region is a Region name and its zone and key, when set, are well formed',
    condition: nullOr(
      replication('replication'),
      and(
        matches(get(replication('replication'), 'region'), PATTERNS.region),
        nullOr(
          get(replication('replication'), 'availability_zone_name'),
          matches(get(replication('replication'), 'availability_zone_name'), PATTERNS.availabilityZone),
        ),
        nullOr(
          get(replication('replication'), 'kms_key_arn'),
          matches(get(replication('replication'), 'kms_key_arn'), PATTERNS.kmsKeyArn),
        ),
      ),
    ),
    message: template`${name('replication')} must name a Region such as "eu-west-1", an Availability Zone such as "eu-west-1a" and a KMS key ARN (got ${show(replication('replication'))}).`,
  },
];

/** The replica's file system ID, and what an existing destination must leave out. */
export const replicationDestinationRules: Rule<ReplicationInput>[] = [
  {
    id: 'replication-file-system-id-format',
    inputs: ['replication'],
    summary: 'replication.file_system_id, when set, is a file system ID such as `fs-0123456789abcdef0`',
    condition: nullOr(
      replication('replication'),
      nullOr(replicationField('file_system_id'), matches(replicationField('file_system_id'), PATTERNS.fileSystemId)),
    ),
    message: template`${name('replication', 'file_system_id')} must be a file system ID such as "fs-0123456789abcdef0" (got ${show(cond(isNull(replication('replication')), lit(null), replicationField('file_system_id')))}).`,
  },
  {
    id: 'replication-existing-destination',
    inputs: ['replication'],
    summary:
      'replication to an existing file system (file_system_id) gives no availability_zone_name and no kms_key_arn',
    condition: nullOr(
      replication('replication'),
      or(
        isNull(replicationField('file_system_id')),
        and(isNull(replicationField('availability_zone_name')), isNull(replicationField('kms_key_arn'))),
      ),
    ),
    message: cond(
      isNull(replication('replication')),
      lit('replication is null'),
      template`${name('replication')} names an existing file system in ${name('replication', 'file_system_id')}, so ${name('replication', 'availability_zone_name')} and ${name('replication', 'kms_key_arn')} must be left out: they describe a new replica, and the existing one keeps its own zone and key (got ${given(replicationField('availability_zone_name'))}${name('replication', 'availability_zone_name')} and ${given(replicationField('kms_key_arn'))}${name('replication', 'kms_key_arn')}).`,
    ),
  },
];

export const replicationOverwriteRules: Rule<ReplicationInput>[] = [
  {
    id: 'replication-overwrite-protection-allowed',
    inputs: ['replication_overwrite_protection'],
    summary: 'replication_overwrite_protection is `ENABLED` or `DISABLED`',
    condition: nullOr(
      replication('replication_overwrite_protection'),
      call('contains', lit(REPLICATION_OVERWRITE.values), replication('replication_overwrite_protection')),
    ),
    message: template`${name('replication_overwrite_protection')} must be ${lit(quoteList(REPLICATION_OVERWRITE.values))} (got ${show(replication('replication_overwrite_protection'))}); "REPLICATING" is a status AWS sets while the file system is a replication destination, not a setting.`,
  },
];
