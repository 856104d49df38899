/**
 * efs-filesystem: the file system policy. Its statements are data (locals, in order): the
 * presets add entries, then the user's `policy_statements`; one policy document writes them.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import type { EfsFileSystem } from '@cdktf/provider-aws/lib/efs-file-system';
import { EfsFileSystemPolicy } from '@cdktf/provider-aws/lib/efs-file-system-policy';
import { addDynamic, stringList } from '../../core/blocks';
import { explainArgument } from '../../core/hcl-comments';
import { hclLiteral, hclObject, hclString } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import type { EfsFilesystemInput } from './spec';

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
const EVERYONE = hclLiteral([{ type: 'AWS', identifiers: ['*'] }]);
const CLIENT_ACTIONS = [
  'elasticfilesystem:ClientMount',
  'elasticfilesystem:ClientWrite',
  'elasticfilesystem:ClientRootAccess',
];

export function buildPolicy(ctx: BuildContext<EfsFilesystemInput>, fileSystem: EfsFileSystem): void {
  const statements = policyStatements(ctx);
  const policyDocument = ctx.named(
    new DataAwsIamPolicyDocument(ctx.scope, 'file_system_policy_document', {
      sourcePolicyDocuments: stringList(ex(ctx.in('source_policy_documents'))),
      overridePolicyDocuments: stringList(ex(ctx.in('override_policy_documents'))),
    }),
    'this',
  );
  addDynamic(policyDocument, 'statement', {
    forEach: ex(statements),
    content: {
      sid: ex('statement.value.sid'),
      effect: ex('statement.value.effect'),
      actions: ex('statement.value.actions'),
      not_actions: ex('statement.value.not_actions'),
      resources: ex(
        `statement.value.resources == null ? [${hclString(FILE_SYSTEM_ARN_STAND_IN)}] : statement.value.resources`,
      ),
      dynamic: {
        principals: {
          for_each: ex(
            `statement.value.principals != null ? statement.value.principals : (statement.value.not_principals != null ? [] : ${EVERYONE})`,
          ),
          content: { type: ex('principals.value.type'), identifiers: ex('principals.value.identifiers') },
        },
        not_principals: {
          for_each: ex('statement.value.not_principals == null ? [] : statement.value.not_principals'),
          content: { type: ex('not_principals.value.type'), identifiers: ex('not_principals.value.identifiers') },
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
      hclString(FILE_SYSTEM_ARN_STAND_IN) +
      ' and swapped for the ARN in aws_efs_file_system_policy.this: a document that read the ARN would wait ' +
      'for every pending change of the file system and show the policy as known after apply.',
  );
  const policy = ctx.named(
    new EfsFileSystemPolicy(ctx.scope, 'file_system_policy', {
      fileSystemId: fileSystem.id,
      policy: ex(`replace(${policyDocument.json}, ${hclString(FILE_SYSTEM_ARN_STAND_IN)}, ${fileSystem.arn})`),
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

/** Declares one local per preset statement and the list of them all; returns the expression of the list. */
function policyStatements(ctx: BuildContext<EfsFilesystemInput>): string {
  const statement = (sid: string, effect: string, actions: readonly string[], conditions: string) =>
    hclObject({
      sid: hclString(sid),
      effect: hclString(effect),
      actions: hclLiteral(actions),
      not_actions: 'null',
      principals: EVERYONE,
      not_principals: 'null',
      resources: 'null',
      conditions,
    });
  const condition = (test: string, variable: string, value: string) =>
    hclLiteral([{ test, variable, values: [value] }]);
  const preset = (name: string, sid: string, effect: string, actions: readonly string[], conditions = '[]') =>
    ctx.local(`${name}_statement`, ex(statement(sid, effect, actions, conditions)));
  const allowMount = preset(
    'allow_mount',
    'AllowClientAccessThroughMountTargets',
    'Allow',
    CLIENT_ACTIONS,
    condition('Bool', 'elasticfilesystem:AccessedViaMountTarget', 'true'),
  );
  const presets: [EfsFilesystemInput, string][] = [
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
    ex(
      `concat(\n  [for statement in [${allowMount}] : statement if ${ctx.in('allow_access_via_mount_targets')}],\n` +
        presets.map(([input, local]) => `  ${ctx.in(input)} ? [${local}] : [],\n`).join('') +
        `  ${ctx.in('policy_statements')},\n)`,
    ),
    'The first argument is a tuple (a for expression), not a list: Terraform 1.11 panics in concat ' +
      '("inconsistent list element types") when every argument is a list and the null fields of the presets ' +
      'give their elements other types than those of policy_statements; with a tuple first, the result is a tuple.',
  );
}
