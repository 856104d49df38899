/**
 * The resources efs-mount-lambda and efs-mount-ecs share, written once (see src/core/module.ts):
 * the access point, rooted in its own directory and created owned by the POSIX user, unless one
 * is given (`access_point`); the least-privilege IAM policy for the client's role; and the
 * `terraform_data` that carries the plan-time checks, since neither of the others always exists.
 * The mounts create no security group rule: efs-filesystem owns one NFS rule per client group.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { DataResource } from '../../cdktf';
import { addDynamic, addNestedDynamic, forEachOf, num, numberList, stringMap } from '../../core/blocks';
import { inputReader } from '../../core/expr';
import { concern, explainArgument } from '../../core/hcl-comments';
import { hclLiteral, hclObject, hclString } from '../../core/hcl-values';
import { BuildContext, ex } from '../../core/module';
import { rootDirectory } from '../shared';
import { attachesRolePolicy, createsAccessPoint } from './rules';
import type { MountBuildInput, MountNames } from './spec';

/** The access point the client mounts, the module's own or the given one, as HCL expressions. */
export interface MountedAccessPoint {
  readonly id: string;
  readonly arn: string;
  /** The ARN without the wait for the mount targets, which the role policy does not need. */
  readonly arnForPolicy: string;
  /** The ID without that wait, for an expression that reads the file system's mount targets itself. */
  readonly idWithoutWait: string;
}

const MOUNT = 'elasticfilesystem:ClientMount';
const WRITE = 'elasticfilesystem:ClientWrite';

/**
 * The access point and the role policy. Both read `file_system`, so each (and everything that
 * reads this module's outputs) waits for the mount targets it lists. Returns the access point the
 * client mounts and the role policy names.
 */
export function buildMount<Role extends string, Attach extends string>(
  ctx: BuildContext<MountBuildInput<Role, Attach>>,
  n: MountNames<Role, Attach>,
): MountedAccessPoint {
  // Each part is a concern of main.tf, printed under its banner.
  const checks = concern(ctx.scope, 'Input Checks', () => buildInputChecks(ctx));
  const accessPoint = concern(ctx.scope, 'Access Point', () => mountedAccessPoint(ctx, buildAccessPoint(ctx, checks)));
  concern(ctx.scope, 'Role Policy', () => buildRolePolicy(ctx, n, accessPoint, checks));
  return accessPoint;
}

/**
 * The checks across inputs, as preconditions of a resource that always exists: the access point
 * does not when one is given, nor the role policy without a role, and a check on a resource that
 * is not planned is never made.
 */
function buildInputChecks<Role extends string, Attach extends string>(
  ctx: BuildContext<MountBuildInput<Role, Attach>>,
): DataResource {
  const checks = ctx.named(
    new DataResource(ctx.scope, 'input_checks', { lifecycle: { precondition: ctx.preconditions() } }),
    'input_checks',
  );
  ctx.explain(
    checks,
    'Holds the checks across inputs, which Terraform makes on every plan: it has no input, so it never changes, and it exists whether or not the module creates an access point or a role policy. The access point and the role policy depend on it, so a refused input stops the plan with its message before the provider reads their arguments.',
  );
  return checks;
}

/**
 * The access point the client mounts, the given one or the module's own, as an expression per
 * attribute, written inline where it is used (outputs, the policy's condition): the plan JSON
 * describes no locals, so `efs-modules doctor` could not follow the ARN through one. The given
 * one is read behind `file_system`'s mount targets (always some: a rule asks for them), so that
 * whatever uses it waits for them, as it does through the module's own access point.
 */
function mountedAccessPoint<Role extends string, Attach extends string>(
  ctx: BuildContext<MountBuildInput<Role, Attach>>,
  own: EfsAccessPoint,
): MountedAccessPoint {
  const given = ctx.in('access_point');
  const creates = ctx.hcl(createsAccessPoint());
  const ownAt = `${ctx.address(own)}[0]`;
  const withMountTargets = `length(${ctx.in('file_system')}.mount_target_ids) > 0`;
  const pick = (attr: 'id' | 'arn') =>
    `${creates} ? ${ownAt}.${attr} : (${withMountTargets} ? ${given}.${attr} : null)`;
  return {
    id: pick('id'),
    arn: pick('arn'),
    arnForPolicy: `${creates} ? ${ownAt}.arn : ${given}.arn`,
    idWithoutWait: `${creates} ? ${ownAt}.id : ${given}.id`,
  };
}

function buildAccessPoint<Role extends string, Attach extends string>(
  ctx: BuildContext<MountBuildInput<Role, Attach>>,
  checks: DataResource,
): EfsAccessPoint {
  const { in: inp } = ctx;
  const posixUser = (field: string) => `${inp('posix_user')}.${field}`;
  const created = ctx.hcl(createsAccessPoint());
  const accessPoint = ctx.named(
    new EfsAccessPoint(ctx.scope, 'access_point', {
      count: num(ex(`${created} ? 1 : 0`)),
      fileSystemId: ex(`${inp('file_system')}.id`),
      posixUser: {
        uid: num(ex(posixUser('uid'))),
        gid: num(ex(posixUser('gid'))),
        secondaryGids: numberList(ex(posixUser('secondary_gids'))),
      },
      rootDirectory: { path: ex(inp('root_directory')) },
      tags: stringMap(ex(`merge(${inp('tags')}, { Name = ${inp('name')} })`)),
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [checks],
    }),
    'this',
  );
  ctx.explain(
    accessPoint,
    'A new root directory or POSIX user replaces the access point create-before-destroy: the new one exists before the client is pointed at it, and the old one goes after that.',
  );
  explainArgument(
    accessPoint,
    'count',
    'Decided by whether access_point is null, which is known at plan time even when the given access point is created in ' +
      'the same apply (its ID is not). A count rather than a for_each: a configuration applied before access_point ' +
      'existed holds the access point without an index, and Terraform moves it to [0] by itself.',
  );
  const isRoot = ctx.hcl(rootDirectory.isFileSystemRoot(inputReader<'root_directory'>()('root_directory')));
  addNestedDynamic(accessPoint, 'root_directory', 'creation_info', {
    forEach: ex(`${isRoot} ? [] : [${inp('posix_user')}]`),
    content: {
      owner_uid: ex('creation_info.value.uid'),
      owner_gid: ex('creation_info.value.gid'),
      permissions: ex(inp('root_directory_permissions')),
    },
  });
  explainArgument(
    accessPoint,
    'root_directory.creation_info',
    'Below "/", the directory is created owned by the POSIX user: without creation_info EFS does not create it and every mount fails; owned by root, the POSIX user could not write to it.',
  );
  return accessPoint;
}

function buildRolePolicy<Role extends string, Attach extends string>(
  ctx: BuildContext<MountBuildInput<Role, Attach>>,
  n: MountNames<Role, Attach>,
  accessPoint: MountedAccessPoint,
  checks: DataResource,
): void {
  const { in: inp } = ctx;
  const attaches = ctx.declare(
    attachesRolePolicy(n),
    'Whether the role policy exists, declared once: the policy and the preconditions that need it read this.',
  );
  const rolePolicy = ctx.local(
    'role_policy',
    ex(`${ctx.hcl(attaches)} ? { role = ${inp(n.role)} } : {}`),
    "The key is a fixed word and the flag is known at plan time: the map's keys are known even when the role's name is not (a role with name_prefix created in the same apply).",
  );

  const readOnly = inp('read_only');
  const allow = ctx.local(
    'allow_mount_statement',
    ex(
      hclObject({
        sid: hclString('MountThroughAccessPoint'),
        effect: hclString('Allow'),
        actions: `${readOnly} ? ${hclLiteral([MOUNT])} : ${hclLiteral([MOUNT, WRITE])}`,
      }),
    ),
  );
  const denyWrite = ctx.local(
    'deny_write_statement',
    ex(
      hclObject({
        sid: hclString('DenyWriteThroughAccessPoint'),
        effect: hclString('Deny'),
        actions: hclLiteral([WRITE]),
      }),
    ),
    'Read-only is enforced by a Deny: an explicit Deny wins over any Allow, such as a file system policy granting ClientWrite to every client of the mount targets.',
  );
  const statements = ctx.local(
    'role_policy_statements',
    ex(`concat([${allow}], ${readOnly} ? [${denyWrite}] : [])`),
    'One ordered list for one dynamic block: a static statement block beside a dynamic one would be ordered differently in the JSON that constructs synthesize than here.',
  );
  const policyDocument = ctx.named(
    new DataAwsIamPolicyDocument(ctx.scope, 'role_policy_document', { forEach: forEachOf(ex(rolePolicy)) }),
    'this',
  );
  addDynamic(policyDocument, 'statement', {
    forEach: ex(statements),
    content: {
      sid: ex('statement.value.sid'),
      effect: ex('statement.value.effect'),
      actions: ex('statement.value.actions'),
      resources: [ex(`${inp('file_system')}.arn`)],
      // Only through this access point.
      condition: [
        { test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn', values: [ex(accessPoint.arnForPolicy)] },
      ],
    },
  });
  ctx.explain(policyDocument, 'Mounting (and writing, unless read_only) is allowed only through this access point.');
  const policy = ctx.named(
    new IamRolePolicy(ctx.scope, 'iam_role_policy', {
      forEach: forEachOf(ex(rolePolicy)),
      name: ex(`"\${${inp('name')}}-efs-mount"`),
      role: ex('each.value'),
      policy: ex(`data.aws_iam_policy_document.${policyDocument.friendlyUniqueId}[each.key].json`),
      lifecycle: { createBeforeDestroy: true },
      dependsOn: [checks],
    }),
    'this',
  );
  ctx.explain(
    policy,
    'Renaming the mount renames the policy, which replaces it: the new one is attached before the old one goes, so the client never runs without its permission.',
  );
}
