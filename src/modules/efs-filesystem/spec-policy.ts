/**
 * efs-filesystem file system policy: the preset statements, the extra statements and the merged
 * documents, declared once (inputs and rules, the lockout checks among them). build-policy.ts
 * writes the policy from them.
 */
import {
  Expr,
  and,
  call,
  cond,
  eq,
  forEach,
  get,
  inputReader,
  isNull,
  lit,
  name,
  ne,
  not,
  or,
  show,
  template,
} from '../../core/expr';
import { Rule, eachEntry, quoteList } from '../../core/rules';
import { InputName, defineInputs } from '../../core/spec';
import { closedSet, optional, t } from '../../core/types';
import { doc, either, nm, val } from '../../core/doc';
import { given, matches } from '../shared';

export const POLICY_EFFECTS = closedSet(
  'PolicyEffect',
  ['Allow', 'Deny'],
  'The effect of a file system policy statement.',
);
/** Action patterns that cover ClientMount: an unconditional Deny of one stops every client from mounting. */
const MOUNT_COVERING_ACTIONS = [
  '*',
  'elasticfilesystem:*',
  'elasticfilesystem:Client*',
  'elasticfilesystem:ClientMount',
];

export const policyInputs = defineInputs([
  {
    name: 'enforce_tls',
    type: t.bool(),
    default: true,
    description:
      'Attach a file system policy that denies any access not encrypted in transit (TLS). Clients mount with the `tls` option.',
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
    description:
      'Add a policy statement that denies `ClientWrite` to every client. Mounting (`ClientMount`) stays allowed.',
    onChange: 'In place (the file system policy).',
  },
  {
    name: 'enforce_access_point',
    type: t.bool(),
    default: false,
    description:
      "Add a policy statement that denies mounts that do not go through an access point, so every client sees only its access point's root directory as its access point's POSIX user.",
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
          principals: optional(
            t.list(t.object({ type: t.string(), identifiers: t.list(t.string()) }, 'PolicyPrincipal')),
          ),
          not_principals: optional(
            t.list(t.object({ type: t.string(), identifiers: t.list(t.string()) }, 'PolicyPrincipal')),
          ),
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
    description: doc`More file system policy statements, after the presets. Each has exactly one of ${nm('actions')} and ${nm('not_actions')}, and at most one of ${nm('principals')} and ${nm('not_principals')} (neither: everyone, \`AWS\` \`*\`); ${nm('resources')} defaults to the file system's ARN. A Deny without conditions may not cover \`ClientMount\` (in ${nm('actions')}, or by leaving it out of ${nm('not_actions')}): it would lock out every client, the roles the ${either('`efs-mount-*` modules', '`EfsMountLambda` and `EfsMountEcs` constructs')} grant included.`,
    onChange: 'In place (the file system policy).',
  },
]);

export const policyDocumentInputs = defineInputs([
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
]);

/** The inputs this file declares (part of `EfsFilesystemInput`). */
export type PolicyInput = InputName<typeof policyInputs | typeof policyDocumentInputs>;
const policy = inputReader<PolicyInput>();

/** A list that may be null, as an empty list when it is (a call, so that a for expression can iterate it). */
const listOrEmpty = (x: Expr) => call('concat', cond(isNull(x), lit([]), x));
/** True when one of the action patterns covers ClientMount. */
const coversMount = (actions: Expr) =>
  call(
    'anytrue',
    forEach(actions, (_j, a) => call('contains', lit(MOUNT_COVERING_ACTIONS), a), undefined, ['j', 'a']),
  );
/** True when a statement's actions cover ClientMount, or its not_actions leave ClientMount in. */
const reachesMount = (st: Expr) =>
  cond(
    isNull(get(st, 'not_actions')),
    coversMount(listOrEmpty(get(st, 'actions'))),
    not(coversMount(get(st, 'not_actions'))),
  );

export const policyRules: Rule<PolicyInput>[] = [
  eachEntry(
    'policy-statement-effect',
    'policy_statements',
    'each extra policy statement has effect `Allow` or `Deny` and a sid of letters and digits',
    (_i, st) =>
      and(call('contains', lit(POLICY_EFFECTS.values), get(st, 'effect')), matches(get(st, 'sid'), '^[A-Za-z0-9]*$')),
    template`every ${name('policy_statements')} entry must have effect ${lit(quoteList(POLICY_EFFECTS.values))} and a sid of letters and digits`,
    (i, st) =>
      template`${name('policy_statements')}[${i}] with effect ${show(get(st, 'effect'))} and sid ${show(get(st, 'sid'))}`,
  ),
  eachEntry(
    'policy-statement-keeps-mount',
    'policy_statements',
    'no extra policy statement denies ClientMount to everyone without a condition (by its actions, or by not_actions that leave ClientMount in)',
    (_i, st) =>
      not(and(eq(get(st, 'effect'), lit('Deny')), eq(call('length', get(st, 'conditions')), lit(0)), reachesMount(st))),
    template`a ${name('policy_statements')} entry must not deny ClientMount without a condition, by its actions or by ${name('not_actions')} that do not exclude it: it would block every client, the roles the efs-mount-* modules grant included; add a condition or deny narrower actions`,
    (i, st) =>
      template`${name('policy_statements')}[${i}] denies ${cond(
        isNull(get(st, 'not_actions')),
        show(get(st, 'actions')),
        template`every action but ${show(get(st, 'not_actions'))}`,
      )}`,
  ),
  // --- issue 12 item 1: statement shape, lockout without the mount-target statement, merged documents
  eachEntry(
    'policy-statement-actions-xor',
    'policy_statements',
    'each extra policy statement has exactly one of actions and not_actions, and at most one of principals and not_principals',
    (_i, st) =>
      and(
        ne(isNull(get(st, 'actions')), isNull(get(st, 'not_actions'))),
        or(isNull(get(st, 'principals')), isNull(get(st, 'not_principals'))),
      ),
    template`every ${name('policy_statements')} entry must have exactly one of ${name('actions')} and ${name('not_actions')}, and at most one of ${name('principals')} and ${name('not_principals')}`,
    // Which fields are given, not their values: known at synth time even when the values are tokens.
    (i, st) =>
      template`${name('policy_statements')}[${i}] with ${given(get(st, 'actions'))}${name('actions')}, ${given(get(st, 'not_actions'))}${name('not_actions')}, ${given(get(st, 'principals'))}${name('principals')}, ${given(get(st, 'not_principals'))}${name('not_principals')}`,
  ),
  {
    id: 'mount-allowed-without-mount-target-statement',
    inputs: ['allow_access_via_mount_targets', 'policy_statements'],
    summary:
      'with allow_access_via_mount_targets false, some extra policy statement allows ClientMount (by its actions, or by not_actions that leave it in)',
    condition: or(
      policy('allow_access_via_mount_targets'),
      call(
        'anytrue',
        forEach(
          policy('policy_statements'),
          (_i, st) => and(eq(get(st, 'effect'), lit('Allow')), reachesMount(st)),
          undefined,
          ['i', 'st'],
        ),
      ),
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
];
