/**
 * IAM grants on an EfsFilesystem, scoped as AWS CDK's aws-efs scopes them: the EFS client actions
 * on this file system's ARN, only through a mount target. Each grant is an inline role policy, so
 * it lives and dies with the role and needs no managed-policy attachment.
 */
import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { createHash } from 'crypto';
import { Construct, TerraformStack } from '../../cdktf';
import { sameValue } from '../../core/token-identity';
import { throwValidationError } from '../../core/validation-error';
import type { IamRoleResource } from '../provider-resources';

/**
 * The role a grant goes to: an `IamRole` of this stack (of any supported binding), or any role by
 * name (a literal or a token).
 */
export type EfsGrantee = IamRoleResource | { readonly roleName: string };

/** What `grantRead`, `grantReadWrite` and `grantRootAccess` allow, as in AWS CDK. */
export const GRANT_ACTIONS = {
  read: ['elasticfilesystem:ClientMount'],
  'read-write': ['elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite'],
  'root-access': [
    'elasticfilesystem:ClientMount',
    'elasticfilesystem:ClientWrite',
    'elasticfilesystem:ClientRootAccess',
  ],
} as const;

const ACTION = /^elasticfilesystem:[A-Za-z*]+$/;
/** IAM limits an inline policy name to 128 of these characters. */
const MAX_POLICY_NAME = 128;

interface Granted {
  readonly roleName: string;
  readonly actions: string;
  readonly policy: IamRolePolicy;
}

const GRANTS = new WeakMap<Construct, Granted[]>();

/** The role name of a grantee: `role.name` (a token) for an `IamRole`. */
function roleNameOf(grantee: EfsGrantee): string {
  return 'roleName' in grantee ? grantee.roleName : grantee.name;
}

/** The kind named in the policy: read, read-write, root-access, or the actions' own names. */
function kindOf(actions: readonly string[]): string {
  const key = actions.join(',');
  const known = Object.entries(GRANT_ACTIONS).find(([, set]) => [...set].sort().join(',') === key);
  return known ? known[0] : actions.map((a) => a.slice(a.indexOf(':') + 1).replace(/\*/g, 'all')).join('-');
}

/** `<path in the stack>-efs-<kind>`, shortened with a hash when IAM's limit would be passed. */
function policyName(fileSystem: Construct, kind: string): string {
  const scopes = fileSystem.node.scopes;
  const path = scopes
    .slice(scopes.indexOf(TerraformStack.of(fileSystem)) + 1)
    .map((s) => s.node.id)
    .join('-');
  const name = `${path}-efs-${kind}`.replace(/[^\w+=,.@-]/g, '-');
  if (name.length <= MAX_POLICY_NAME) return name;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  return `${name.slice(0, MAX_POLICY_NAME - 9)}-${hash}`;
}

/** The IAM condition of a grant statement. */
export interface GrantCondition {
  readonly test: string;
  readonly variable: string;
  readonly values: string[];
}

/** Through a mount target: what a grant on the whole file system asks. */
const VIA_MOUNT_TARGET: GrantCondition = {
  test: 'Bool',
  variable: 'elasticfilesystem:AccessedViaMountTarget',
  values: ['true'],
};

/** How a grant is narrowed, and how its errors name the construct. */
export interface GrantScope {
  /** The condition of the statement; default: through a mount target. */
  readonly condition?: GrantCondition;
  /** Names the construct in errors; default: `EfsFilesystem "<path of owner>"`. */
  readonly label?: string;
}

/**
 * Allows `actions` on the file system `arn` to the grantee's role, through a mount target only
 * (or under the scope's condition, such as one access point). The policy is a child of `owner`
 * and named after its path. One policy per (owner, role, set of actions): asking again returns
 * the policy made the first time.
 */
export function grantOn(
  owner: Construct,
  arn: string,
  grantee: EfsGrantee,
  actions: readonly string[],
  scope: GrantScope = {},
): IamRolePolicy {
  const label = scope.label ?? `EfsFilesystem "${owner.node.path}"`;
  if (actions.length === 0)
    throwValidationError(label, ['grant needs at least one action, such as "elasticfilesystem:ClientMount".']);
  const bad = actions.filter((a) => !ACTION.test(a));
  if (bad.length > 0) {
    throwValidationError(
      label,
      bad.map(
        (a) =>
          `grant action ${JSON.stringify(a)} must be an EFS action, such as "elasticfilesystem:ClientWrite": a grant is on the file system's ARN only.`,
      ),
    );
  }
  const sorted = [...new Set(actions)].sort();
  const key = sorted.join(',');
  const roleName = roleNameOf(grantee);
  const granted = GRANTS.get(owner) ?? [];
  GRANTS.set(owner, granted);
  // Each read of `role.name` is a new token string: compare the expressions they stand for.
  const existing = granted.find((g) => g.actions === key && sameValue(owner, g.roleName, roleName));
  if (existing) return existing.policy;

  const kind = kindOf(sorted);
  const id = `grant-${kind}-${granted.length}`;
  const document = new DataAwsIamPolicyDocument(owner, `${id}-document`, {
    statement: [
      {
        effect: 'Allow',
        actions: sorted,
        resources: [arn],
        condition: [scope.condition ?? VIA_MOUNT_TARGET],
      },
    ],
  });
  const policy = new IamRolePolicy(owner, id, { name: policyName(owner, kind), role: roleName, policy: document.json });
  granted.push({ roleName, actions: key, policy });
  return policy;
}
