/**
 * `EfsFilesystem.addAccessPoint`: an access point added in code after the construct exists, as
 * AWS CDK's `FileSystem.addAccessPoint` offers.
 *
 * It becomes one more entry of the module's `access_points` map, not a resource of its own:
 * - one code path: the access point is written by the module's `build`, with the same tags,
 *   creation_info default (the POSIX user as owner) and create-before-destroy as a prop entry;
 * - the same rules, taken from the spec, with the same messages;
 * - moving an entry between the `accessPoints` prop and `addAccessPoint` changes nothing in the
 *   plan, since the address (`…access_point["<id>"]`) is the same.
 * This works because the inputs are read at synth time (ctx.input) (as `allowClient` relies on too),
 * so the map the resource's `for_each` reads already holds the entry. The id is the map key, so
 * it must be a literal: a `for_each` key has to be known at plan time.
 */
import { EfsAccessPoint } from '@cdktf/provider-aws/lib/efs-access-point';
import type { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct, Token, ref } from '../../cdktf';
import { hclString } from '../../core/hcl-values';
import { entryType } from '../../core/spec';
import { throwValidationError } from '../../core/validation-error';
import { toHclValue } from '../../core/values';
import type { AccessPoint, AccessPointReference } from '../../generated/types';
import type { IEfsFilesystem } from './file-system-interface';
import { efsFilesystem } from './definition';
import { EfsGrantee, GRANT_ACTIONS, grantOn } from './grants';

/** The type of one `access_points` entry, for the defaults `optional()` gives its fields. */
const ENTRY_TYPE = entryType(efsFilesystem.spec, 'access_points');

/** Each `reference` handed out, to the access point it came from: a mount given one checks its file system. */
const REFERENCES = new WeakMap<AccessPointReference, EfsFilesystemAccessPoint>();

/**
 * An access point of an `EfsFilesystem`, made by `addAccessPoint`: the entry `id` of its
 * `accessPoints`. Grants on it allow the EFS client actions only through this access point.
 */
export class EfsFilesystemAccessPoint extends Construct {
  /** The file system this access point belongs to. */
  readonly fileSystem: IEfsFilesystem;
  /** Its key in `accessPoints` (and in the `accessPoints` output). */
  readonly key: string;
  /** ID of the access point (`fsap-…`), known after apply. */
  readonly accessPointId: string;
  /** ARN of the access point, known after apply. */
  readonly accessPointArn: string;
  /** Path of its root directory on the file system (`/` when none was given). */
  readonly rootDirectory: string;

  /** @internal Made by `EfsFilesystem.addAccessPoint` only. */
  static of(fileSystem: IEfsFilesystem, key: string, resource: EfsAccessPoint): EfsFilesystemAccessPoint {
    return new EfsFilesystemAccessPoint(fileSystem, key, resource);
  }

  private constructor(fileSystem: IEfsFilesystem, key: string, resource: EfsAccessPoint) {
    super(fileSystem, `access-point-${key}`);
    this.fileSystem = fileSystem;
    this.key = key;
    // The one instance, not the module's whole map: a client that reads it waits for this access point only.
    const address = `${resource.terraformResourceType}.${resource.friendlyUniqueId}[${hclString(key)}]`;
    this.accessPointId = Token.asString(ref(`${address}.id`));
    this.accessPointArn = Token.asString(ref(`${address}.arn`));
    this.rootDirectory = Token.asString(ref(`${address}.root_directory[0].path`));
  }

  /** @internal The access point whose `reference` this object is; undefined for an object built another way. */
  static ownerOf(reference: AccessPointReference): EfsFilesystemAccessPoint | undefined {
    return REFERENCES.get(reference);
  }

  private referenceObject?: AccessPointReference;

  /**
   * ID and ARN, what a mount's `accessPoint` takes (the `accessPoints` output's entries have them
   * too); one object, however often read.
   */
  get reference(): AccessPointReference {
    if (!this.referenceObject) {
      this.referenceObject = { id: this.accessPointId, arn: this.accessPointArn };
      REFERENCES.set(this.referenceObject, this);
    }
    return this.referenceObject;
  }

  /**
   * Allows the role the given EFS client actions on the file system, only through this access
   * point (`elasticfilesystem:AccessPointArn`): an inline role policy named `<path>-efs-<kind>`.
   * Asking twice for the same role and actions returns the first policy.
   */
  grant(grantee: EfsGrantee, ...actions: string[]): IamRolePolicy {
    return grantOn(this, this.fileSystem.fileSystemArn, grantee, actions, {
      condition: { test: 'StringEquals', variable: 'elasticfilesystem:AccessPointArn', values: [this.accessPointArn] },
      label: labelOf(this.fileSystem, this.key),
    });
  }

  /** Lets the role mount through this access point read-only (`ClientMount`). */
  grantRead(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS.read);
  }

  /** Lets the role mount and write through this access point (`ClientMount`, `ClientWrite`). */
  grantReadWrite(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS['read-write']);
  }

  /** Lets the role mount, write and act as root through this access point (root squashing off for it). */
  grantRootAccess(grantee: EfsGrantee): IamRolePolicy {
    return this.grant(grantee, ...GRANT_ACTIONS['root-access']);
  }
}

/** How errors of `addAccessPoint` name where they come from: the construct path and the call. */
function labelOf(fileSystem: Construct, id: string): string {
  return `EfsFilesystem "${fileSystem.node.path}" addAccessPoint(${JSON.stringify(id)})`;
}

/**
 * Adds `accessPoints[id] = options` to the construct's inputs, checked by the spec's rules, and
 * returns the access point. `inputs` is the construct's inputs (HCL-shaped, read at
 * synth); `checkAddition` is the construct's own check of an addition (ModuleConstruct.checkAddition:
 * violations throw, rules a token leaves undecided go to plan time).
 */
export function addAccessPointTo(
  fileSystem: IEfsFilesystem,
  inputs: Record<string, unknown>,
  resource: EfsAccessPoint,
  checkAddition: (label: string, input: string, candidate: Record<string, unknown>) => void,
  id: string,
  options: AccessPoint,
): EfsFilesystemAccessPoint {
  const label = labelOf(fileSystem, id);
  if (Token.isUnresolved(id)) {
    throwValidationError(label, [
      "the id is the access point's key in accessPoints and must be a literal string: a for_each key has to be known at plan time.",
    ]);
  }
  const existing = inputs.access_points;
  if (Token.isUnresolved(existing)) {
    throwValidationError(label, [
      'accessPoints was given as a token, known only at plan time: addAccessPoint cannot add to it. Give accessPoints as a literal map (its values may be tokens).',
    ]);
  }
  const map = existing as Record<string, unknown>;
  if (id in map) throwValidationError(label, [`accessPoints["${id}"] already exists: choose another id.`]);

  const entry = toHclValue(ENTRY_TYPE, options);
  // Every rule checks each entry on its own, so checking the new entry alone gives exactly its messages.
  const alone = { ...inputs, access_points: { [id]: entry } };
  checkAddition(label, 'access_points', alone);
  // The inputs are read at synth time (ctx.input): the access points' for_each sees the new entry.
  map[id] = entry;
  return EfsFilesystemAccessPoint.of(fileSystem, id, resource);
}
