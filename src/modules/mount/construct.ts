/**
 * The TypeScript wiring efs-mount-lambda's and efs-mount-ecs's constructs share: letting the
 * client group in through the EfsFilesystem in the same stack, ordering the client after the
 * mount targets, reading the role name from the client's role ARN, and taking an access point
 * made by `EfsFilesystem.addAccessPoint` as the `accessPoint` prop.
 */
import { Construct, Fn, TerraformStack, Token, dependable } from '../../cdktf';
import { tokenExpression } from '../../core/token-identity';
import { throwValidationError } from '../../core/validation-error';
import type { AccessPointReference, FileSystemReference } from '../../generated/types';
import { EfsFilesystemAccessPoint } from '../efs-filesystem/access-point';
import { EfsFilesystem } from '../efs-filesystem/construct';

/** The name of a role from its ARN (`arn:aws:iam::111122223333:role/path/name`): the last path segment. */
export function roleNameFromArn(arn: string): string {
  if (!Token.isUnresolved(arn)) return arn.slice(arn.lastIndexOf('/') + 1);
  return Token.asString(Fn.element(Fn.reverse(Fn.split('/', arn)), 0));
}

/**
 * The EfsFilesystem in the mount's stack whose `fileSystem` is this very object; undefined for a
 * reference built another way.
 */
function ownerInStack(mount: Construct, fileSystem: FileSystemReference): EfsFilesystem | undefined {
  const owner = EfsFilesystem.ownerOf(fileSystem);
  return owner && TerraformStack.of(owner) === TerraformStack.of(mount) ? owner : undefined;
}

/**
 * Adds the client group to the EfsFilesystem in this stack whose `fileSystem` this is, under the
 * mount's path in the stack, so that its NFS rule exists once for every mount sharing the group
 * (the first mount names it). A reference built another way (a file system from another stack or
 * outside Terraform) is left alone: the mount's precondition then checks the group against the
 * reference's `allowedSecurityGroupIds`, when it has them.
 */
export function admitClientGroup(
  mount: Construct,
  label: string,
  fileSystem: FileSystemReference,
  securityGroupId: string,
): void {
  const owner = ownerInStack(mount, fileSystem);
  if (!owner) return;
  if (owner.hasOwnSecurityGroup() === false) {
    // Said here rather than by allowClient, so that the message names the mount and its way out.
    throwValidationError(label, [
      `fileSystem comes from EfsFilesystem "${owner.node.path}", which has no security group of its own (createSecurityGroup is false), so this mount cannot let its client group ${JSON.stringify(securityGroupId)} in on NFS. ` +
        'Allow TCP 2049 from that group with rules on your groups of mountTargetSecurityGroupIds, and pass allowClientSecurityGroup: false.',
    ]);
  }
  owner.allowClient(clientName(mount), securityGroupId);
}

/**
 * The file system reference a mount validates. When the EfsFilesystem that made it is in the app
 * and its `mountTargets` is a literal `{}`, `mountTargetIds` is replaced by the `{}` it will be at
 * plan time, so that the rule on it refuses the mount at synth, with the words of the plan-time check.
 */
export function withKnownMountTargets(fileSystem: FileSystemReference): FileSystemReference {
  const keys = EfsFilesystem.ownerOf(fileSystem)?.mountTargetKeys();
  return keys !== undefined && keys.length === 0 ? { ...fileSystem, mountTargetIds: {} } : fileSystem;
}

/** The name a mount's client group is allowed under: the mount's path in its stack (`app-mount`, `worker-data`). */
function clientName(mount: Construct): string {
  const scopes = mount.node.scopes;
  return scopes
    .slice(scopes.indexOf(TerraformStack.of(mount)) + 1)
    .map((s) => s.node.id)
    .join('-');
}

/**
 * Makes the client (a function, a task definition) depend on the mount targets of the
 * EfsFilesystem in this stack whose `fileSystem` this is. Each target is added once, however many
 * mounts of the client ask: the client's own `depends_on` says which are there already. A
 * reference built another way adds nothing: ordering then comes from the tokens alone (the
 * reference's `mountTargetIds`).
 */
export function dependOnMountTargets(
  client: Construct & { dependsOn?: string[] },
  mount: Construct,
  fileSystem: FileSystemReference,
): void {
  const owner = ownerInStack(mount, fileSystem);
  if (!owner) return;
  const target = dependable(owner.mountTargetsAvailable);
  const present = (client.dependsOn ?? []).some((d) => tokenExpression(client, d) === tokenExpression(client, target));
  if (!present) client.dependsOn = [...(client.dependsOn ?? []), target];
}

/**
 * The `fileSystem` prop of the mount constructs: the EfsFilesystem itself (as AWS CDK's
 * `fileSystem: fs`), its `fileSystem` reference, or a reference written for a file system made
 * elsewhere (`id`, `arn`, `mountTargetIds`, and the security groups when known).
 */
export type MountFileSystem = EfsFilesystem | FileSystemReference;

/** The `fileSystem` prop as the module takes it: the reference object. */
export function fileSystemReferenceOf(fileSystem: MountFileSystem): FileSystemReference {
  return fileSystem instanceof EfsFilesystem ? fileSystem.outputs.fileSystem : fileSystem;
}

/** The `accessPoint` prop of the mount constructs: an access point made by `addAccessPoint`, or any ID and ARN. */
export type MountAccessPoint = EfsFilesystemAccessPoint | AccessPointReference;

/**
 * The `accessPoint` prop as the module takes it (ID and ARN), refusing an access point of
 * another EfsFilesystem than `fileSystem`'s: its ARN does not name its file system, so plan time
 * could not tell, and the client's mount would fail. Checked when both sides are known
 * constructs; an ID and ARN built another way are taken as given.
 */
export function accessPointOf(
  label: string,
  fileSystem: FileSystemReference,
  accessPoint: MountAccessPoint | undefined,
): AccessPointReference | undefined {
  if (accessPoint === undefined) return undefined;
  const made =
    accessPoint instanceof EfsFilesystemAccessPoint ? accessPoint : EfsFilesystemAccessPoint.ownerOf(accessPoint);
  const mounted = EfsFilesystem.ownerOf(fileSystem);
  if (made && mounted && made.fileSystem !== mounted) {
    throwValidationError(label, [
      `accessPoint is the access point "${made.key}" of EfsFilesystem "${made.fileSystem.node.path}", but fileSystem is the one of EfsFilesystem "${mounted.node.path}": a mount can only use an access point of the file system it mounts. Add the access point to that file system, or mount the other one.`,
    ]);
  }
  return accessPoint instanceof EfsFilesystemAccessPoint ? accessPoint.reference : accessPoint;
}
