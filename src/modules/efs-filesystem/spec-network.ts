/**
 * efs-filesystem network: the mount targets, their security group and the NFS rules that let
 * clients in, declared once (inputs and rules). build-network.ts creates them.
 */
import {
  and,
  call,
  cond,
  eq,
  forEach,
  get,
  gt,
  inputReader,
  isNull,
  le,
  lit,
  name,
  not,
  notNull,
  nullOr,
  or,
  show,
  template,
} from '../../core/expr';
import { Rule, distinctValues, eachEntry } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { optional, t } from '../../core/types';
import { doc, either, hclOnly, nm, val } from '../../core/doc';
import { SHARED_PATTERNS, matches } from '../shared';
import type { FileSystemInput } from './spec-file-system';

const PATTERNS = {
  vpcId: '^vpc-[0-9a-f]{8,17}$',
  subnetId: '^subnet-[0-9a-f]{8,17}$',
  securityGroupId: SHARED_PATTERNS.securityGroupId,
  ipv4: '^((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$',
  /** What EC2 accepts in a VPC security group's name and description. */
  securityGroupName: '^[A-Za-z0-9 ._:/()#,@\\[\\]+=&;{}!$*-]{1,255}$',
};

export const networkInputs = defineInputs([
  {
    name: 'vpc_id',
    type: t.string(),
    description: doc.unset(
      doc`none: required while ${nm('create_security_group')} is ${val(true)}`,
    )`VPC of the mount targets and of the security group the module creates. Required while ${nm('create_security_group')} is ${val(true)} (the default); without a group of its own the module does not need it${hclOnly(' (null)')}: the mount targets take their VPC from their subnets.`,
    onChange:
      "Replaces the security group (create-before-destroy). The mount targets must then get subnets of the new VPC, which replaces each of them (deleted, then created): clients lose NFS while that runs. Without a security group of the module's own it changes nothing.",
  },
  {
    name: 'mount_targets',
    type: t.map(t.object({ subnet_id: t.string(), ip_address: optional(t.string()) }, 'MountTarget')),
    default: {},
    description: doc`One mount target per entry, keyed by a name you choose (such as the Availability Zone). Keys, not positions, identify mount targets: adding, removing or reordering entries touches only those entries, and keys stay known at plan time even when the subnets are created in the same apply. ${val({})} creates a file system no client can reach yet (a replication destination, a file system created before its network); the ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} refuse it until it has a mount target.`,
    onChange:
      'Per key: adding an entry creates its mount target, removing one deletes it, reordering changes nothing. A new `subnet_id` replaces that mount target (deleted, then created; one per zone).',
  },
  {
    name: 'allowed_security_groups',
    type: t.map(t.string()),
    default: {},
    description: doc`Client security groups whose members may reach NFS (TCP 2049) on the mount targets, keyed by a name you choose (${either('`{ app = aws_security_group.app.id }`', '`{ app: appGroup.id }`')}). One rule per entry, keyed by its name: adding, removing or reordering entries touches only those entries, and the IDs may come from groups created in the same apply. Each group at most once. Prefer this to CIDRs.`,
    onChange:
      'Per key: adding an entry creates its ingress and egress rules, removing one deletes them, reordering changes nothing. Another group under a key updates its ingress rule in place and replaces its egress rule create-before-destroy.',
  },
  {
    name: 'client_egress_rules',
    type: t.bool(),
    default: true,
    description: doc`Also add, to each group of ${nm('allowed_security_groups')}, an egress rule that lets its members out to NFS (TCP 2049) on the mount targets' group: a group created by Terraform has no egress at all. Set to ${val(false)} when a client group declares inline ${either('`egress` blocks', '`egress` rules in its `SecurityGroup`')} (they manage its egress exclusively and would remove this rule at every apply) or already allows the traffic.`,
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
    onChange:
      'Per key: adding an entry creates its rule, removing one deletes it, reordering changes nothing. Another block of the same IP version under a key updates its rule in place; one of the other version replaces it create-before-destroy.',
  },
  {
    name: 'security_group_name',
    type: t.string(),
    description: doc.unset(
      doc`${nm('name')} followed by \`-efs\``,
    )`Name of the mount targets' security group (its \`Name\` tag, and its name or name prefix).${hclOnly(' Null: `"<name>-efs"`.')} Set once, when the group is created: AWS cannot rename a group, so a new name changes its \`Name\` tag only (a group kept from another module keeps its name).`,
    onChange:
      'Updates the `Name` tag only: the group keeps the name it was created with. To give it the new name, replace it (`-replace` of the group): the new group and its rules first, then the mount targets move to it, then the old group goes.',
  },
  {
    name: 'security_group_use_name_prefix',
    type: t.bool(),
    default: true,
    description: doc`Use ${nm('security_group_name')} followed by \`-\` as a name prefix, AWS adding a unique suffix; ${val(false)}: use it as the exact name. Set once, when the group is created. With a prefix, a replacement of the group (another VPC, \`-replace\`) creates the new group first; with an exact name it cannot, because the name is taken until the old group is deleted.`,
    onChange: 'Nothing on an existing group (set once, as `security_group_name`).',
  },
  {
    name: 'security_group_description',
    type: t.string(),
    default: 'NFS access to the EFS mount targets',
    description:
      "Description of the mount targets' security group, set once when the group is created: AWS cannot change it in place, so a new one changes nothing on an existing group (a group kept from another module keeps its description).",
    onChange:
      'Nothing on an existing group (set once). To apply a new description, replace the group (`-replace`), as for `security_group_name`.',
  },
  // --- network parity with terraform-aws-efs: bring your own security groups
  {
    name: 'create_security_group',
    type: t.bool(),
    default: true,
    description: doc`Create the mount targets' security group and its NFS rules. Set to ${val(false)} to bring your own groups: give them in ${nm('mount_target_security_group_ids')} (at least one while there are mount targets) and let clients in with rules of your own. Without a group of its own the module takes no ${nm('allowed_security_groups')} or ${nm('allowed_cidrs')} (refused: there is no group to hold their rules), ${nm('vpc_id')} is not needed, and ${nm('allow_nfs_from_self')}, ${nm('client_egress_rules')} and the other ${either('`security_group_*`', '`securityGroup*`')} inputs do nothing; the ${nm('security_group_id')} and ${nm('security_group_arn')} outputs are ${either('null', 'without a value')}.`,
    onChange:
      "`false` updates the mount targets in place to the groups of `mount_target_security_group_ids` and deletes the module's security group and its NFS rules, in the same apply: AWS refuses to delete the group while a mount target still uses it, and the provider retries the deletion until the mount targets have left it. `true` creates the group and its rules, then adds the group to the mount targets in place. The file system is not touched.",
  },
  {
    name: 'mount_target_security_group_ids',
    type: t.list(t.string()),
    default: [],
    description: doc`Security groups attached to every mount target, besides the module's own group (or instead of it when ${nm('create_security_group')} is ${val(false)}), such as groups shared with other services. The IDs may come from groups created in the same apply: nothing is keyed on them. Each ID at most once; a mount target takes at most 5 groups, the module's own included.`,
    onChange:
      'Updates every mount target in place (its security groups): no mount target is replaced and clients keep NFS through the groups that stay.',
  },
  {
    name: 'security_group_revoke_rules_on_delete',
    type: t.bool(),
    default: false,
    description: doc`When the module's security group is deleted, first revoke its rules and the rules that reference it. Needed when other groups (not managed by this module) reference it, which would otherwise block its deletion.`,
    onChange: 'In place (an attribute of the security group only Terraform reads).',
  },
]);

/** The inputs this file declares (part of `EfsFilesystemInput`). */
export type NetworkInput = InputName<typeof networkInputs>;
const network = inputReader<NetworkInput>();

export const networkRules: Rule<NetworkInput>[] = [
  {
    id: 'vpc-id-format',
    inputs: ['vpc_id'],
    summary: 'vpc_id, when set, looks like `vpc-0123456789abcdef0`',
    condition: nullOr(network('vpc_id'), matches(network('vpc_id'), PATTERNS.vpcId)),
    message: template`${name('vpc_id')} must be a VPC ID such as "vpc-0123456789abcdef0" (got ${show(network('vpc_id'))}).`,
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
      call(
        'length',
        call(
          'distinct',
          forEach(network('mount_targets'), (_k, mt) => get(mt, 'subnet_id')),
        ),
      ),
      call('length', network('mount_targets')),
    ),
    message: template`${name('mount_targets')} must not place two mount targets in the same subnet (got subnets ${show(forEach(network('mount_targets'), (_k, mt) => get(mt, 'subnet_id')))}); give each entry a subnet in a different Availability Zone.`,
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
    () =>
      template`${name('allowed_security_groups')} must give each security group under one name only: AWS refuses a second, identical NFS rule (got ${show(network('allowed_security_groups'))}).`,
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
    () =>
      template`${name('allowed_cidrs')} must give each CIDR block under one name only: AWS refuses a second, identical NFS rule (got ${show(network('allowed_cidrs'))}).`,
  ),
  {
    id: 'security-group-name-format',
    inputs: ['security_group_name'],
    summary:
      'security_group_name, when set, is 1–255 characters AWS allows in a group name and does not start with `sg-`',
    condition: nullOr(
      network('security_group_name'),
      and(
        matches(network('security_group_name'), PATTERNS.securityGroupName),
        not(matches(network('security_group_name'), '^sg-')),
      ),
    ),
    message: template`${name('security_group_name')} must be 1 to 255 letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* and must not start with "sg-" (got ${show(network('security_group_name'))}).`,
  },
  {
    id: 'security-group-description-format',
    inputs: ['security_group_description'],
    summary: 'security_group_description is 1–255 characters AWS allows in a group description',
    condition: matches(network('security_group_description'), PATTERNS.securityGroupName),
    message: template`${name('security_group_description')} must be 1 to 255 letters, digits, spaces or ._-:/()#,@[]+=&;{}!$* (got ${show(network('security_group_description'))}).`,
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
    (ids) =>
      template`${name('mount_target_security_group_ids')} must list each security group once (got ${show(ids)}).`,
  ),
  {
    id: 'vpc-id-required-for-security-group',
    inputs: ['vpc_id', 'create_security_group'],
    summary: 'vpc_id is set while create_security_group is true (the default)',
    condition: or(not(network('create_security_group')), notNull(network('vpc_id'))),
    message: template`${name('vpc_id')} is not set but ${name('create_security_group')} is true (the default): the module's security group needs the VPC of the mount targets. Give ${name('vpc_id')}, or set ${name('create_security_group')} to false and attach your own groups with ${name('mount_target_security_group_ids')}.`,
  },
  {
    id: 'mount-targets-need-security-group',
    inputs: ['mount_target_security_group_ids', 'create_security_group', 'mount_targets'],
    summary:
      'with create_security_group false, mount targets get at least one group from mount_target_security_group_ids',
    condition: or(
      network('create_security_group'),
      gt(call('length', network('mount_target_security_group_ids')), lit(0)),
      eq(call('length', network('mount_targets')), lit(0)),
    ),
    message: template`${name('mount_target_security_group_ids')} must name at least one security group when ${name('create_security_group')} is false: the module creates none, and a mount target needs one (got [] for mount targets ${show(call('keys', network('mount_targets')))}).`,
  },
  {
    id: 'nfs-rules-need-security-group',
    inputs: ['allowed_security_groups', 'allowed_cidrs', 'create_security_group'],
    summary: 'allowed_security_groups and allowed_cidrs are empty when create_security_group is false',
    condition: or(
      network('create_security_group'),
      and(
        eq(call('length', network('allowed_security_groups')), lit(0)),
        eq(call('length', network('allowed_cidrs')), lit(0)),
      ),
    ),
    message: template`${name('allowed_security_groups')} and ${name('allowed_cidrs')} must be empty when ${name('create_security_group')} is false: their NFS rules would go on the module's own security group, which is not created (got ${show(network('allowed_security_groups'))} and ${show(network('allowed_cidrs'))}). Let the clients in with rules on your groups of ${name('mount_target_security_group_ids')}, or set ${name('create_security_group')} to true.`,
  },
  {
    id: 'mount-target-security-groups-limit',
    inputs: ['mount_target_security_group_ids', 'create_security_group'],
    summary: "a mount target gets at most 5 security groups, the module's own included",
    condition: le(
      call('length', network('mount_target_security_group_ids')),
      cond(network('create_security_group'), lit(4), lit(5)),
    ),
    message: template`${name('mount_target_security_group_ids')} must have at most ${cond(network('create_security_group'), lit(4), lit(5))} entries: AWS attaches at most 5 security groups to a mount target${cond(network('create_security_group'), lit(", and the module's own group is one of them"), lit(''))} (got ${call('length', network('mount_target_security_group_ids'))}).`,
  },
];

/** Rules across inputs (preconditions in HCL): the group's name prefix, the mount targets of a One Zone file system. */
const crossInput = inputReader<NetworkInput | FileSystemInput>();

export const networkCrossRules: Rule<NetworkInput | FileSystemInput>[] = [
  {
    id: 'security-group-name-prefix-length',
    inputs: ['security_group_name', 'security_group_use_name_prefix'],
    summary: 'a security_group_name used as a prefix is at most 99 characters',
    condition: cond(
      or(isNull(crossInput('security_group_name')), not(crossInput('security_group_use_name_prefix'))),
      lit(true),
      le(call('length', crossInput('security_group_name')), lit(99)),
    ),
    message: template`${name('security_group_name')} must be at most 99 characters when ${name('security_group_use_name_prefix')} is true: AWS limits a name prefix to 100 characters, the last being "-" (got ${call('length', call('coalesce', crossInput('security_group_name'), lit('-')))}).`,
  },
  {
    id: 'one-zone-single-mount-target',
    inputs: ['mount_targets', 'availability_zone_name'],
    summary: 'a One Zone file system has at most one mount target',
    condition: or(
      isNull(crossInput('availability_zone_name')),
      le(call('length', crossInput('mount_targets')), lit(1)),
    ),
    message: template`${name('mount_targets')} must have at most one entry for a One Zone file system (${name('availability_zone_name')} is ${show(crossInput('availability_zone_name'))}), in a subnet of that zone (got ${call('length', crossInput('mount_targets'))}: ${show(call('keys', crossInput('mount_targets')))}).`,
  },
];
