/**
 * efs-filesystem: the file system policy. Its statements are data (locals, in order): the
 * presets add entries, then the user's `policy_statements`; one policy document writes them.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { type DynamicEntry, addDynamic, stringList } from '../../core/blocks';
import { explainArgument } from '../../core/hcl-comments';
import { type Expr, call, forEach, get, cond, isNull, iteratorOf, list, lit, notNull, obj } from '../../core/expr';
import type { EfsFilesystemContext, EfsFilesystemInput } from './spec';

/**
 * What the document says for "this file system" in place of its ARN, swapped for the ARN in the
 * policy itself. The data source then reads no attribute of the file system, so Terraform reads
 * it at plan time even when the file system has a pending update (a data source that depends on
 * a resource with changes is read during apply, and the policy would show as
 * `(known after apply)` on every throughput or lifecycle change). The ARN holds no character
 * JSON escapes, so the swap gives the document the data source would write with the ARN itself.
 */
export const FILE_SYSTEM_ARN_STAND_IN = 'efs-modules:this-file-system';

/** Principals of a statement that names none: everyone. */
const EVERYONE = lit([{ type: 'AWS', identifiers: ['*'] }]);
const CLIENT_ACTIONS = [
  'elasticfilesystem:ClientMount',
  'elasticfilesystem:ClientWrite',
  'elasticfilesystem:ClientRootAccess',
];

export function buildPolicy(ctx: EfsFilesystemContext, fileSystem: EfsFileSystem): void {
  const statements = policyStatements(ctx);
  const policyDocument = ctx.named(
    new DataAwsIamPolicyDocument(ctx.scope, 'file_system_policy_document', {
      sourcePolicyDocuments: stringList(ctx.tf(ctx.input('source_policy_documents'))),
      overridePolicyDocuments: stringList(ctx.tf(ctx.input('override_policy_documents'))),
    }),
    'this',
  );
  addDynamic(policyDocument, 'statement', statementBlocks(ctx, statements));
  explainArgument(
    policyDocument,
    'statement.principals.for_each',
    'Neither principals nor not_principals: everyone, as the presets.',
  );
  ctx.explain(
    policyDocument,
    'The first statement (local.allow_mount_statement, unless allow_access_via_mount_targets is false) keeps ' +
      'what EFS grants when there is no policy: mount through a mount target. So the deny presets never lock ' +
      'out clients that IAM or the network allow; no preset denies ClientMount to a client that uses TLS and ' +
      'an access point, as the efs-mount-* modules do. Statements are data, in order: presets add entries, ' +
      'not blocks. Every statement has the same fields (the presets null the ones they do not use), so one ' +
      'dynamic block reads them all. "This file system" is written ' +
      `"${FILE_SYSTEM_ARN_STAND_IN}"` +
      ' and swapped for the ARN in aws_efs_file_system_policy.this: a document that read the ARN would wait ' +
      'for every pending change of the file system and show the policy as known after apply.',
  );
  const policy = ctx.named(
    new EfsFileSystemPolicy(ctx.scope, 'file_system_policy', {
      fileSystemId: fileSystem.id,
      policy: ctx.tf(
        call(
          'replace',
          get(ctx.ref(policyDocument), 'json'),
          lit(FILE_SYSTEM_ARN_STAND_IN),
          get(ctx.ref(fileSystem), 'arn'),
        ),
      ),
    }),
    'this',
  );
  explainArgument(
    policy,
    'policy',
    'The document names this file system by a stand-in (see the data source): the ARN goes in here, so the ' +
      'document is read at plan time and the policy shows no change when the file system alone changes.',
  );
}

/** One `statement` block per entry of the statements: every entry has every field (see policyStatements). */
function statementBlocks(ctx: EfsFilesystemContext, statements: Expr): DynamicEntry {
  const statement = iteratorOf('statement', statements).value;
  const field = (name: string) => get(statement, name);
  const principals = cond(
    notNull(field('principals')),
    field('principals'),
    cond(notNull(field('not_principals')), list(), EVERYONE),
  );
  const notPrincipals = cond(isNull(field('not_principals')), list(), field('not_principals'));
  const principal = (block: string) => {
    const { value } = iteratorOf(block, principals);
    return { type: ctx.tf(get(value, 'type')), identifiers: ctx.tf(get(value, 'identifiers')) };
  };
  const condition = iteratorOf('condition', field('conditions')).value;
  return {
    forEach: ctx.tf(statements),
    content: {
      sid: ctx.tf(field('sid')),
      effect: ctx.tf(field('effect')),
      actions: ctx.tf(field('actions')),
      not_actions: ctx.tf(field('not_actions')),
      resources: ctx.tf(cond(isNull(field('resources')), list(lit(FILE_SYSTEM_ARN_STAND_IN)), field('resources'))),
      dynamic: {
        principals: { for_each: ctx.tf(principals), content: principal('principals') },
        not_principals: { for_each: ctx.tf(notPrincipals), content: principal('not_principals') },
        condition: {
          for_each: ctx.tf(field('conditions')),
          content: {
            test: ctx.tf(get(condition, 'test')),
            variable: ctx.tf(get(condition, 'variable')),
            values: ctx.tf(get(condition, 'values')),
          },
        },
      },
    },
  };
}

/** Declares one local per preset statement and the list of them all; returns the expression of the list. */
function policyStatements(ctx: EfsFilesystemContext): Expr {
  const statement = (sid: string, effect: string, actions: readonly string[], conditions: Expr) =>
    obj({
      sid: lit(sid),
      effect: lit(effect),
      actions: lit(actions),
      not_actions: lit(null),
      principals: EVERYONE,
      not_principals: lit(null),
      resources: lit(null),
      conditions,
    });
  const condition = (test: string, variable: string, value: string) => lit([{ test, variable, values: [value] }]);
  const preset = (name: string, sid: string, effect: string, actions: readonly string[], conditions: Expr = list()) =>
    ctx.local(`${name}_statement`, statement(sid, effect, actions, conditions));
  const allowMount = preset(
    'allow_mount',
    'AllowClientAccessThroughMountTargets',
    'Allow',
    CLIENT_ACTIONS,
    condition('Bool', 'elasticfilesystem:AccessedViaMountTarget', 'true'),
  );
  const presets: [EfsFilesystemInput, Expr][] = [
    [
      'enforce_tls',
      preset(
        'deny_unencrypted_transport',
        'DenyUnencryptedTransport',
        'Deny',
        ['*'],
        condition('Bool', 'aws:SecureTransport', 'false'),
      ),
    ],
    ['deny_root_access', preset('deny_root_access', 'DenyRootAccess', 'Deny', ['elasticfilesystem:ClientRootAccess'])],
    ['read_only', preset('read_only', 'DenyWrite', 'Deny', ['elasticfilesystem:ClientWrite'])],
    [
      'enforce_access_point',
      preset(
        'enforce_access_point',
        'DenyAccessWithoutAccessPoint',
        'Deny',
        CLIENT_ACTIONS,
        condition('Null', 'elasticfilesystem:AccessPointArn', 'true'),
      ),
    ],
  ];
  return ctx.local(
    'file_system_policy_statements',
    call(
      'concat',
      forEach(
        list(allowMount),
        (_i, s) => s,
        () => ctx.input('allow_access_via_mount_targets'),
        ['i', 'statement'],
      ),
      ...presets.map(([input, local]) => cond(ctx.input(input), list(local), list())),
      ctx.input('policy_statements'),
    ),
    'The first argument is a tuple (a for expression), not a list: Terraform 1.11 panics in concat ' +
      '("inconsistent list element types") when every argument is a list and the null fields of the presets ' +
      'give their elements other types than those of policy_statements; with a tuple first, the result is a tuple.',
  );
}
