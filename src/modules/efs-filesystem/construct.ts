/** The `EfsFilesystem` construct for CDKTF stacks: the same resources as modules/efs-filesystem. */
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  Construct,
  type ITerraformDependable,
  TerraformDataSource,
  TerraformResource,
  Token,
  dependable,
} from '../../cdktf';
import { ModuleConstruct, constructLabel } from '../../core/module';
import { throwValidationError } from '../../core/validation-error';
import { toOutputs } from '../../core/outputs';
import { sameValue } from '../../core/token-identity';
import type {
  AccessPoint,
  EfsFilesystemOutputs,
  EfsFilesystemProps,
  FileSystemReference,
  PolicyStatement,
} from '../../generated/types';
import { EfsFilesystemAccessPoint, addAccessPointTo } from './access-point';
import type { EfsFilesystemResources } from './build';
import { NFS_PORT } from '../shared';
import { efsFilesystem } from './definition';
import type { IEfsFilesystem } from './file-system-interface';
import { EfsGrantee, GRANT_ACTIONS, grantOn } from './grants';
import { addStatementTo } from './resource-policy';
import { sharedZones } from './subnet-zones';

const OWNERS = new WeakMap<FileSystemReference, EfsFilesystem>();

/** What happens to the file system's data when a change or a destroy would delete it. */
export enum RemovalPolicy {
  /** Keep it: plans that would replace the file system are refused, and so is `cdktf destroy` (`prevent_destroy`). */
  RETAIN = 'retain',
  /** Let it go: replacement (`allowFileSystemReplacement`) and destroy are allowed. */
  DESTROY = 'destroy',
}

export interface EfsFilesystemConstructProps extends EfsFilesystemProps {
  /**
   * RETAIN refuses any plan that would replace or destroy the file system; DESTROY allows both.
   * Sets `allowFileSystemReplacement`, so give one or the other.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * An encrypted Amazon EFS file system with mount targets, their security group, access
 * points, backup, lifecycle, a TLS-only file system policy and optional replication.
 *
 * Props are checked when the construct is created: a bad value throws a `ValidationError`
 * naming the prop, the value and what is allowed, before anything is synthesized.
 */
export class EfsFilesystem extends ModuleConstruct<EfsFilesystemResources> implements IEfsFilesystem {
  /** The port NFS clients connect to on the mount targets (TCP), the only one the module opens. */
  static readonly DEFAULT_PORT = NFS_PORT;

  /** Everything the module outputs, as tokens. */
  readonly outputs: EfsFilesystemOutputs;

  constructor(scope: Construct, id: string, { removalPolicy, ...props }: EfsFilesystemConstructProps) {
    super(scope, id, efsFilesystem, withRemovalPolicy(scope, id, props, removalPolicy));
    const zones = sharedZones(this, this.inputs.mount_targets as Record<string, { subnet_id: unknown }>);
    if (zones.length > 0) throwValidationError(constructLabel('EfsFilesystem', scope, id), zones);
    this.outputs = toOutputs<EfsFilesystemOutputs>(efsFilesystem.spec, this.outputValues);
    OWNERS.set(this.outputs.fileSystem, this);
    this.planAfterInputChecks();
    if ((removalPolicy ?? RemovalPolicy.RETAIN) === RemovalPolicy.RETAIN && props.allowFileSystemReplacement !== true) {
      // Known at synth time here, unlike in HCL where prevent_destroy cannot depend on a variable.
      const { fileSystem } = this.resources;
      fileSystem.lifecycle = { ...fileSystem.lifecycle, preventDestroy: true };
    }
  }

  /**
   * Props given as tokens are checked at plan time by preconditions on the witness
   * `module_created`. Everything else of the construct then depends on it, so a refused value
   * stops the plan with its message alone: Terraform skips what depends on a failed node, where
   * otherwise the provider would refuse the same value again (a vault name, a CIDR block) or an
   * expression would fail on it, beside the message. Without such props nothing is added.
   */
  private planAfterInputChecks(): void {
    const { moduleCreated } = this.resources;
    if ((moduleCreated.lifecycle?.precondition ?? []).length === 0) return;
    const checks = dependable(moduleCreated);
    for (const node of this.node.findAll()) {
      // Of the data sources, the policy document only: it takes props (JSON documents it
      // validates). It is then read during the apply that creates the witness, when the policy is
      // unknown anyway (the file system's ARN is), and at plan time afterwards (the witness never
      // changes). The others (the partition) read no prop and stay known at plan.
      const checked =
        node instanceof TerraformResource ||
        (node instanceof TerraformDataSource && node.terraformResourceType === 'aws_iam_policy_document');
      if (node === moduleCreated || !checked) continue;
      node.dependsOn = [...(node.dependsOn ?? []), checks];
    }
  }

  /**
   * Lets the members of a client security group reach NFS: adds `name → securityGroupId` to
   * `allowedSecurityGroups`, so the file system gets one ingress rule (and, with
   * `clientEgressRules`, one egress rule on the client group) keyed by `name`, exactly as if the
   * entry had been given as a prop. At most one rule per group: when the same ID (or the same
   * token, such as `sg.id`) is already allowed, nothing is added and the name it is allowed
   * under is returned, so several mounts that share a client group create one rule.
   * Throws a `ValidationError` when `name` is taken by another group, the ID is malformed, or the
   * file system has no security group of its own (`createSecurityGroup: false`): the client's
   * group must then be let in by rules on your groups of `mountTargetSecurityGroupIds`.
   * @returns the name under which the group is allowed.
   */
  allowClient(name: string, securityGroupId: string): string {
    const label = `EfsFilesystem "${this.node.path}"`;
    if (this.inputs.create_security_group === false) {
      throwValidationError(label, [
        `createSecurityGroup is false, so the file system has no security group of its own to hold an NFS rule: allowClient cannot let ${JSON.stringify(securityGroupId)} in (as ${JSON.stringify(name)}). ` +
          'Allow TCP 2049 from that group with rules on your groups of mountTargetSecurityGroupIds, or set createSecurityGroup to true.',
      ]);
    }
    const allowed = this.inputs.allowed_security_groups as Record<string, string>;
    // Each read of an attribute (`sg.id`) is a new token string: compare the expressions they stand for.
    const existing = Object.keys(allowed).find((key) => sameValue(this, allowed[key], securityGroupId));
    if (existing !== undefined) return existing;
    if (name in allowed) {
      throwValidationError(label, [
        `allowedSecurityGroups["${name}"] already allows ${JSON.stringify(allowed[name])}; allowClient cannot give the name to ${JSON.stringify(securityGroupId)}: choose another name.`,
      ]);
    }
    this.checkAddition(label, 'allowed_security_groups', {
      ...this.inputs,
      allowed_security_groups: { ...allowed, [name]: securityGroupId },
    });
    // The inputs are read at synth time (ctx.input), so the rules' for_each sees the new entry.
    allowed[name] = securityGroupId;
    return name;
  }

  /**
   * Adds an access point, as AWS CDK's `FileSystem.addAccessPoint` does: the entry `accessPoints[id]`,
   * exactly as if it had been given in the prop (same rules and messages, same resource address).
   * `id` must be a literal and not already a key of `accessPoints`. Options given as tokens are
   * checked at plan time. Throws a `ValidationError` naming this construct, the call and the option.
   * @example
   * const data = efs.addAccessPoint('data', { rootDirectory: '/data', posixUser: { uid: 1000, gid: 1000 } });
   * data.grantReadWrite(role);
   * new LambdaFunction(this, 'fn', { fileSystemConfig: { arn: data.accessPointArn, localMountPath:
   * '/mnt/data' }, ... });
   * @returns the access point: its ID, ARN, file system and grants through it.
   */
  addAccessPoint(id: string, options: AccessPoint = {}): EfsFilesystemAccessPoint {
    return addAccessPointTo(
      this,
      this.inputs,
      this.resources.accessPoints,
      (label, input, candidate) => this.checkAddition(label, input, candidate),
      id,
      options,
    );
  }

  /**
   * Adds a statement to the file system policy, as AWS CDK's `FileSystem.addToResourcePolicy`
   * does: one more entry of `policyStatements`, written exactly as one given in the prop and
   * checked by the same rules (a statement that would lock every client out is refused).
   * Options given as tokens are checked at plan time. With `allowAccessViaMountTargets: false`
   * the statement that allows `ClientMount` must be in the prop: the construct checks that when
   * it is created. Throws a `ValidationError` naming this construct, the call and the field.
   * @example
   * efs.addToResourcePolicy({
   *   sid: 'AuditorsRead', effect: 'Allow', actions: ['elasticfilesystem:ClientMount'],
   *   principals: [{ type: 'AWS', identifiers: [auditorRole.arn] }],
   * });
   * @returns the statement's index in `policyStatements`.
   */
  addToResourcePolicy(statement: PolicyStatement): number {
    return addStatementTo(
      this,
      this.inputs,
      (label, input, candidate) => this.checkAddition(label, input, candidate),
      statement,
    );
  }

  /**
   * Allows the role the given EFS client actions on this file system, only through a mount
   * target (`elasticfilesystem:AccessedViaMountTarget = true`): an inline `aws_iam_role_policy` on
   * the role, named `<path>-efs-<kind>`. Asking twice for the same role and actions returns the
   * first policy. Throws a `ValidationError` for no action or a non-EFS action.
   * @example
   * const role = new IamRole(this, 'fn-role', { assumeRolePolicy });
   * efs.grant(role, 'elasticfilesystem:ClientMount', 'elasticfilesystem:ClientWrite');
   * efs.grant({ roleName: 'existing-role' }, 'elasticfilesystem:ClientMount');
   * @returns the role policy.
   */
  grant(grantee: EfsGrantee, ...actions: string[]): IamRolePolicy {
    return grantOn(this, this.fileSystemArn, grantee, actions);
  }

  /**
   * Lets the role mount the file system read-only (`elasticfilesystem:ClientMount`), through a mount target.
   * @example
   * efs.grantRead(role);
   * @returns the role policy.
   */
  grantRead(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS.read);
  }

  /**
   * Lets the role mount and write (`ClientMount`, `ClientWrite`), through a mount target.
   * @example
   * const fn = new LambdaFunction(this, 'fn', { role: role.arn, dependsOn: [efs.mountTargetsAvailable], ... });
   * efs.grantReadWrite(role);
   * @returns the role policy.
   */
  grantReadWrite(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS['read-write']);
  }

  /**
   * Lets the role mount, write and act as root (`ClientMount`, `ClientWrite`,
   * `ClientRootAccess`), through a mount target: root squashing does not apply to it.
   * @example
   * efs.grantRootAccess({ roleName: adminRole.name });
   * @returns the role policy.
   */
  grantRootAccess(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS['root-access']);
  }

  /**
   * All mount targets of this file system, for `dependsOn`: a client that mounts at start
   * (a Lambda function, an ECS service) fails until they are available, and a grant or an
   * attribute alone does not make Terraform wait for them.
   * @example
   * new LambdaFunction(this, 'fn', { ..., dependsOn: [efs.mountTargetsAvailable] });
   */
  get mountTargetsAvailable(): ITerraformDependable {
    // One resource, for_each over mountTargets: depending on it waits for every instance.
    return this.resources.mountTargets;
  }

  /**
   * @internal The keys of `mountTargets` when they are known at synth time (a literal map), else
   * undefined: a mount refuses, at synth, a file system known to have no mount target.
   */
  mountTargetKeys(): string[] | undefined {
    const mountTargets = this.inputs.mount_targets;
    if (mountTargets === null || typeof mountTargets !== 'object' || Token.isUnresolved(mountTargets)) return undefined;
    return Object.keys(mountTargets);
  }

  /** @internal Whether the module creates a security group of its own (false, or unknown: a token). */
  hasOwnSecurityGroup(): boolean | undefined {
    const create = this.inputs.create_security_group;
    return typeof create === 'boolean' ? create : undefined;
  }

  /**
   * @internal The construct whose `fileSystem` is this very object, if any: mounts use it to depend
   * on its mount targets.
   */
  static ownerOf(fileSystem: FileSystemReference): EfsFilesystem | undefined {
    return OWNERS.get(fileSystem);
  }

  /** ID of the file system. */
  get fileSystemId(): string {
    return this.outputs.id;
  }

  /** ARN of the file system. */
  get fileSystemArn(): string {
    return this.outputs.arn;
  }

  /**
   * ID of the security group the construct created for the mount targets: allow clients in with a
   * 2049 rule on it. Resolves to null when `createSecurityGroup` is false.
   */
  get securityGroupId(): string {
    return this.outputs.securityGroupId;
  }

  /** What `EfsMountLambda` and `EfsMountEcs` take as `fileSystem`. */
  get fileSystem(): FileSystemReference {
    return this.outputs.fileSystem;
  }
}

/** removalPolicy is the TypeScript face of allowFileSystemReplacement: both must not disagree. */
function withRemovalPolicy(
  scope: Construct,
  id: string,
  props: EfsFilesystemProps,
  policy?: RemovalPolicy,
): EfsFilesystemProps {
  if (policy === undefined) return props;
  const allow = policy === RemovalPolicy.DESTROY;
  if (props.allowFileSystemReplacement !== undefined && props.allowFileSystemReplacement !== allow) {
    throwValidationError(constructLabel('EfsFilesystem', scope, id), [
      `removalPolicy ${policy.toUpperCase()} contradicts allowFileSystemReplacement: ${props.allowFileSystemReplacement}; give one of them.`,
    ]);
  }
  return { ...props, allowFileSystemReplacement: allow };
}
