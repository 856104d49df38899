/**
 * efs-filesystem: the interface, declared once. Each concern declares its inputs and rules in a
 * file of its own (spec-network.ts, spec-file-system.ts, spec-access-points.ts, spec-policy.ts,
 * spec-replication.ts, spec-backup-plan.ts, spec-alarms.ts); this file puts them together in
 * the published order, declares the outputs and exports the module's spec.
 */
import { Rule } from '../../core/rules';
import type { BuildContext } from '../../core/module';
import { InputName, InputValues, ModuleSpec, OutputSpec, defineInputs } from '../../core/spec';
import { optional, t } from '../../core/types';
import { doc, either, hclOnly, nm } from '../../core/doc';
import { AWS_PROVIDER_MIN } from '../aws-provider';
import { FILE_SYSTEM_REFERENCE, POSIX_USER, nameFormatRule } from '../shared';
import { accessPointInputs, accessPointRules } from './spec-access-points';
import { alarmsInputs, alarmsRules } from './spec-alarms';
import { backupPlanInputs, backupPlanRules } from './spec-backup-plan';
import {
  creationTokenInputs,
  creationTokenRules,
  fileSystemCrossRules,
  fileSystemInputs,
  fileSystemRules,
  replacementInputs,
} from './spec-file-system';
import { networkCrossRules, networkInputs, networkRules } from './spec-network';
import { policyDocumentInputs, policyInputs, policyRules } from './spec-policy';
import {
  replicationDestinationRules,
  replicationInputs,
  replicationOverwriteInputs,
  replicationOverwriteRules,
  replicationRegionRules,
} from './spec-replication';

// ----------------------------------------------------------------------------- inputs

// The order is the published one (variables.tf, READMEs, the generated types): inputs added
// later sit after the ones they were added to, so the parts interleave.
const inputs = defineInputs([
  {
    name: 'name',
    type: t.string(),
    required: true,
    description: doc`Name of the file system: its \`Name\` tag and the prefix of the names of everything the module creates. Unless ${nm('security_group_name')} is set, a new name replaces the mount targets' security group, create-before-destroy so that no client loses NFS${hclOnly(' (see "What a change does")')}.`,
    onChange:
      'Tags and rule descriptions update in place. The security group keeps the name it was created with (set once; its `Name` tag follows), so a rename replaces nothing.',
  },
  ...networkInputs,
  ...fileSystemInputs,
  ...accessPointInputs,
  ...policyInputs,
  ...replacementInputs,
  ...replicationInputs,
  // --- creation token, replication overwrite protection and the policy's own inputs (issue 12 item 1)
  ...creationTokenInputs,
  ...replicationOverwriteInputs,
  ...policyDocumentInputs,
  // --- backup_plan and alarms: declared in spec-backup-plan.ts and spec-alarms.ts
  ...backupPlanInputs,
  ...alarmsInputs,
  {
    name: 'tags',
    type: t.map(t.string()),
    default: {},
    description: 'Tags for every resource the module creates.',
    onChange: 'In place, on every resource.',
  },
]);

/** The names of efs-filesystem's inputs, derived from the declaration above: build and cases take theirs from it. */
export type EfsFilesystemInput = InputName<typeof inputs>;
/** What each input holds, typed down to nested fields: builds read inputs through it. */
export type EfsFilesystemValues = InputValues<typeof inputs>;
/** The build's context: inputs read by name, typed by what they hold. */
export type EfsFilesystemContext = BuildContext<EfsFilesystemInput, EfsFilesystemValues>;

// ----------------------------------------------------------------------------- outputs

const outputs: OutputSpec[] = [
  { name: 'id', type: t.string(), description: 'ID of the file system.' },
  { name: 'arn', type: t.string(), description: 'ARN of the file system.' },
  { name: 'dns_name', type: t.string(), description: 'DNS name of the file system, for mounting by name.' },
  {
    name: 'security_group_id',
    type: t.string(),
    description: doc`ID of the security group the module created for the mount targets${either('; null when `create_security_group = false`', ' (none when `createSecurityGroup` is false)')}.`,
  },
  {
    name: 'security_group_arn',
    type: t.string(),
    description: doc`ARN of the security group the module created for the mount targets${either('; null when `create_security_group = false`', ' (none when `createSecurityGroup` is false)')}.`,
  },
  {
    name: 'size_in_bytes',
    type: t.number(),
    description:
      'The metered size of the data in the file system, in bytes, as of the last refresh (EFS updates it about once an hour; it is not a real-time figure).',
  },
  {
    name: 'mount_target_ids',
    type: t.map(t.string()),
    description: doc`IDs of the mount targets, by the keys of ${nm('mount_targets')}.`,
  },
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

// The order is the published one (docs/validation.md, the preconditions, the rule catalogue).
const rules: Rule<EfsFilesystemInput>[] = [
  nameFormatRule(),
  ...networkRules,
  ...fileSystemRules,
  ...accessPointRules,
  ...replicationRegionRules,
  ...policyRules,
  ...replicationDestinationRules,
  ...creationTokenRules,
  ...replicationOverwriteRules,
  // --- rules across inputs (preconditions in HCL)
  ...fileSystemCrossRules,
  ...networkCrossRules,
  // --- backup_plan and alarms: declared in spec-backup-plan.ts and spec-alarms.ts
  ...backupPlanRules,
  ...alarmsRules,
];

export const efsFilesystemSpec: ModuleSpec<EfsFilesystemInput> = {
  name: 'efs-filesystem',
  className: 'EfsFilesystem',
  summary:
    'An encrypted Amazon EFS file system with mount targets, their security group, access points, backup, lifecycle, a TLS-only file system policy and optional replication.',
  inputs,
  outputs,
  rules,
  awsProviderVersion: AWS_PROVIDER_MIN, // why this release: src/modules/aws-provider.ts
};
