/**
 * The resources the mount modules (Lambda, ECS, EC2) share, written once (see src/core/module.ts):
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
import { type Val, at, call, eachOf, get, gt, cond, iteratorOf, list, lit, obj, text } from '../../core/expr';
import { concern, explainArgument } from '../../core/hcl-comments';
import type { BuildContext } from '../../core/module';
import { rootDirectory } from '../shared';
import { attachesRolePolicy, createsAccessPoint } from './rules';
import type { MountBuildInput, MountNames, MountValues, SharedMountInput, SharedMountValues } from './spec';

/** What the shared build reads: the mount inputs, typed by what they hold, with the module's role and flag names. */
export type MountContext<Role extends string, Attach extends string> = BuildContext<
  MountBuildInput<Role, Attach>,
  MountValues<Role, Attach>
>;

/**
 * The inputs every mount names alike, read with their types resolved. Through the generic context
 * itself, `MountValues<Role, Attach>['posix_user']` stays unresolved (TypeScript does not simplify an
 * indexed access on a type with type parameters), and a misspelt field would compile.
 */
const sharedInputs = <Role extends string, Attach extends string>(
  ctx: MountContext<Role, Attach>,
): (<K extends SharedMountInput>(name: K) => Val<SharedMountValues[K]>) => ctx.input;

/** The access point the client mounts, the module's own or the given one, as expressions. */
export interface MountedAccessPoint {
  readonly id: Val;
  readonly arn: Val;
  /** The ARN without the wait for the mount targets, which the role policy does not need. */
  readonly arnForPolicy: Val;
  /** The ID without that wait, for an expression that reads the file system's mount targets itself. */
  readonly idWithoutWait: Val;
}

const MOUNT = 'elasticfilesystem:ClientMount';
const WRITE = 'elasticfilesystem:ClientWrite';

/**
 * The access point and the role policy. Both read `file_system`, so each (and everything that
 * reads this module's outputs) waits for the mount targets it lists. Returns the access point the
 * client mounts and the role policy names.
 */
export function buildMount<Role extends string, Attach extends string>(
  // The names come from `n`: the context of a module holds more inputs than these.
  ctx: NoInfer<MountContext<Role, Attach>>,
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
function buildInputChecks<Role extends string, Attach extends string>(ctx: MountContext<Role, Attach>): DataResource {
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
  ctx: MountContext<Role, Attach>,
  own: EfsAccessPoint,
): MountedAccessPoint {
  const v = sharedInputs(ctx);
  const given = v('access_point');
  const creates = createsAccessPoint();
  const ownAt = at(ctx.ref(own), 0);
  const withMountTargets = gt(call('length', get(v('file_system'), 'mount_target_ids')), lit(0));
  const pick = (attr: 'id' | 'arn') =>
    cond(creates, get(ownAt, attr), cond(withMountTargets, get(given, attr), lit(null)));
  return {
    id: pick('id'),
    arn: pick('arn'),
    arnForPolicy: cond(creates, get(ownAt, 'arn'), get(given, 'arn')),
    idWithoutWait: cond(creates, get(ownAt, 'id'), get(given, 'id')),
  };
}

function buildAccessPoint<Role extends string, Attach extends string>(
  ctx: MountContext<Role, Attach>,
  checks: DataResource,
): EfsAccessPoint {
  const v = sharedInputs(ctx);
  const user = v('posix_user');
  const accessPoint = ctx.named(
    new EfsAccessPoint(ctx.scope, 'access_point', {
      count: num(ctx.tf(cond(createsAccessPoint(), lit(1), lit(0)))),
      fileSystemId: ctx.tf(get(v('file_system'), 'id')),
      posixUser: {
        uid: num(ctx.tf(get(user, 'uid'))),
        gid: num(ctx.tf(get(user, 'gid'))),
        secondaryGids: numberList(ctx.tf(get(user, 'secondary_gids'))),
      },
      rootDirectory: { path: ctx.tf(v('root_directory')) },
      tags: stringMap(ctx.tf(call('merge', v('tags'), obj({ Name: v('name') })))),
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
  const owners = cond(rootDirectory.isFileSystemRoot(v('root_directory')), list<typeof user>(), list(user));
  const owner = iteratorOf('creation_info', owners).value;
  addNestedDynamic(accessPoint, 'root_directory', 'creation_info', {
    forEach: ctx.tf(owners),
    content: {
      owner_uid: ctx.tf(get(owner, 'uid')),
      owner_gid: ctx.tf(get(owner, 'gid')),
      permissions: ctx.tf(v('root_directory_permissions')),
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
  ctx: MountContext<Role, Attach>,
  n: MountNames<Role, Attach>,
  accessPoint: MountedAccessPoint,
  checks: DataResource,
): void {
  const v = sharedInputs(ctx);
  const attaches = ctx.declare(
    attachesRolePolicy(n),
    'Whether the role policy exists, declared once: the policy and the preconditions that need it read this.',
  );
  const rolePolicy = ctx.local(
    'role_policy',
    cond(attaches, obj({ role: ctx.input(n.role) }), obj({})),
    "The key is a fixed word and the flag is known at plan time: the map's keys are known even when the role's name is not (a role with name_prefix created in the same apply).",
  );

  const readOnly = v('read_only');
  const allow = ctx.local(
    'allow_mount_statement',
    obj({
      sid: lit('MountThroughAccessPoint'),
      effect: lit('Allow'),
      actions: cond(readOnly, lit([MOUNT]), lit([MOUNT, WRITE])),
    }),
  );
  const denyWrite = ctx.local(
    'deny_write_statement',
    obj({ sid: lit('DenyWriteThroughAccessPoint'), effect: lit('Deny'), actions: lit([WRITE]) }),
    'Read-only is enforced by a Deny: an explicit Deny wins over any Allow, such as a file system policy granting ClientWrite to every client of the mount targets.',
  );
  const statements = ctx.local(
    'role_policy_statements',
    call('concat', list(allow), cond(readOnly, list(denyWrite), list())),
    'One ordered list for one dynamic block: a static statement block beside a dynamic one would be ordered differently in the JSON that constructs synthesize than here.',
  );
  const policyDocument = ctx.named(
    new DataAwsIamPolicyDocument(ctx.scope, 'role_policy_document', { forEach: forEachOf(ctx.tf(rolePolicy)) }),
    'this',
  );
  const statement = iteratorOf('statement', statements).value;
  addDynamic(policyDocument, 'statement', {
    forEach: ctx.tf(statements),
    content: {
      sid: ctx.tf(get(statement, 'sid')),
      effect: ctx.tf(get(statement, 'effect')),
      actions: ctx.tf(get(statement, 'actions')),
      resources: [ctx.tf(get(v('file_system'), 'arn'))],
      // Only through this access point.
      condition: [
        {
          test: 'StringEquals',
          variable: 'elasticfilesystem:AccessPointArn',
          values: [ctx.tf(accessPoint.arnForPolicy)],
        },
      ],
    },
  });
  ctx.explain(policyDocument, 'Mounting (and writing, unless read_only) is allowed only through this access point.');
  const role = eachOf(rolePolicy);
  const policy = ctx.named(
    new IamRolePolicy(ctx.scope, 'iam_role_policy', {
      forEach: forEachOf(ctx.tf(rolePolicy)),
      name: ctx.text(text(v('name'), '-efs-mount')),
      role: ctx.tf(role.value),
      policy: ctx.tf(get(at(ctx.ref(policyDocument), role.key), 'json')),
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
