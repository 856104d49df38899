/**
 * Two mount targets in one Availability Zone, seen at synth time: EFS allows one mount target
 * per zone and refuses the second during apply, after the file system exists. A subnet given as
 * `subnet.id` of a `Subnet` in the same stack has its zone in the construct tree when it was
 * written as a literal; a subnet ID given as text (or a zone that is itself a token) says
 * nothing here, and is left to AWS (HCL users get the doctor's check).
 */
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Construct, TerraformStack, Token } from '../../cdktf';
import { tokenExpression } from '../../core/token-identity';

/** The literal zone (name or ID) of the stack's subnet whose `id` the token reads, if any. */
function zoneOf(scope: Construct, subnets: readonly Subnet[], subnetId: unknown): string | undefined {
  if (typeof subnetId !== 'string' || !Token.isUnresolved(subnetId)) return undefined;
  const expression = tokenExpression(scope, subnetId);
  const subnet = subnets.find((s) => tokenExpression(scope, s.id) === expression);
  const zone = subnet?.availabilityZoneInput ?? subnet?.availabilityZoneIdInput;
  return zone !== undefined && !Token.isUnresolved(zone) ? zone : undefined;
}

/**
 * The problems of `mount_targets` (HCL-shaped, by key) whose subnets are in one zone, one
 * message per zone shared, in the words of the other mount-target messages.
 */
export function sharedZones(scope: Construct, mountTargets: Record<string, { subnet_id: unknown }>): string[] {
  const subnets = TerraformStack.of(scope)
    .node.findAll()
    .filter((n): n is Subnet => n instanceof Subnet);
  if (subnets.length === 0) return [];
  const byZone = new Map<string, string[]>();
  for (const [key, mt] of Object.entries(mountTargets)) {
    const zone = zoneOf(scope, subnets, mt.subnet_id);
    if (zone !== undefined) byZone.set(zone, [...(byZone.get(zone) ?? []), key]);
  }
  return [...byZone.entries()]
    .filter(([, keys]) => keys.length > 1)
    .map(
      ([zone, keys]) =>
        `mountTargets ${keys.map((k) => JSON.stringify(k)).join(' and ')} use subnets in one Availability Zone (${JSON.stringify(zone)}): ` +
        'EFS allows one mount target per zone and would refuse the second during apply; give each entry a subnet in a different zone.',
    );
}
