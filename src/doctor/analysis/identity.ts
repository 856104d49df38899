import type { ConfigGraph } from '../graph/config-graph';
import type { ResolvedRef } from '../graph/scope';
import type { Path } from '../plan/planned';
import type { PlanResource, PlanResources } from '../plan/resources';

/**
 * What an ID-valued attribute points at, as a set of tokens two values can be
 * compared by (they may name the same thing when their token sets intersect):
 *   `id:<value>`            a value known at plan time (e.g. sg-0123, an ARN)
 *   `node:<config address>` a resource of the expected type, when the value is
 *                           unknown until apply and the configuration shows
 *                           where it comes from (across variables and outputs)
 *   `node:<address>#<attr>` some other resource's attribute it comes from
 * A resource of the expected type also yields its instances' known IDs, so a
 * known value still matches a reference to a resource that already exists.
 */
export interface Identity {
  tokens: ReadonlySet<string>;
  /** Why the tokens may be incomplete; empty when the value is fully traced. */
  unresolved: string[];
}

export interface IdentityKind {
  /** Resource type whose instances this identifies, e.g. aws_security_group. */
  ownerType: string;
  /** Attributes by which the owner is referenced, e.g. id and arn. */
  idAttributes: string[];
}

export const SECURITY_GROUP: IdentityKind = { ownerType: 'aws_security_group', idAttributes: ['id'] };
export const FILE_SYSTEM: IdentityKind = { ownerType: 'aws_efs_file_system', idAttributes: ['id', 'arn'] };
export const ACCESS_POINT: IdentityKind = { ownerType: 'aws_efs_access_point', idAttributes: ['id', 'arn'] };
export const TASK_DEFINITION: IdentityKind = {
  ownerType: 'aws_ecs_task_definition',
  idAttributes: ['arn', 'arn_without_revision', 'family', 'id'],
};

export function intersects(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const token of a) if (b.has(token)) return true;
  return false;
}

export function describePath(path: Path): string {
  return path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
}

export class Identities {
  constructor(
    private readonly resources: PlanResources,
    private readonly graph: ConfigGraph,
  ) {}

  /**
   * Whether the configuration writes the attribute or block at `path` (false for computed values
   * and dynamic blocks).
   */
  isWritten(resource: PlanResource, path: Path): boolean {
    return this.graph.expressionsAt(resource.configAddress, path).kind === 'expressions';
  }

  /** Tokens naming the resource instance itself. */
  self(resource: PlanResource, kind: IdentityKind): Set<string> {
    const tokens = new Set([`node:${resource.configAddress}`]);
    for (const attribute of kind.idAttributes) {
      const value = resource.after.at(attribute).string();
      if (value) tokens.add(`id:${value}`);
    }
    return tokens;
  }

  /** Tokens naming what the attribute at `path` of `resource` refers to. */
  referenced(resource: PlanResource, path: Path, kind: IdentityKind): Identity {
    const { values, complete } = resource.after.at(...path).strings();
    const tokens = new Set(values.map((value) => `id:${value}`));
    if (complete) return { tokens, unresolved: [] };

    const where = `${resource.address}${describePath(path)}`;
    const lookup = this.graph.expressionsAt(resource.configAddress, path);
    if (lookup.kind === 'no-configuration') {
      return { tokens, unresolved: [`${where} is unknown until apply and the plan has no configuration for it`] };
    }
    if (lookup.kind === 'unset') {
      const missing = path[lookup.depth];
      const reason =
        lookup.depth < path.length - 1
          ? `${where} is unknown until apply and comes from a dynamic "${String(missing)}" block, which the plan JSON does not describe`
          : `${where} is not set in the configuration, so AWS picks a default at apply time (for security groups: the VPC default group)`;
      return { tokens, unresolved: [reason] };
    }
    const sources = this.graph.valueSources(lookup.expressions, resource.modulePath);
    const unresolved = sources.opaque.map(
      (local) => `${where} passes through ${local}, and the plan JSON does not describe locals`,
    );
    // Every source counts, even when some are of the expected type: dropping one
    // could turn "may match" into a false "cannot match". Extra tokens can only
    // add matches.
    for (const ref of sources.resources) for (const token of this.tokensFor(ref, kind)) tokens.add(token);
    if (sources.resources.length === 0 && unresolved.length === 0) {
      unresolved.push(`${where} is unknown until apply and its expression references nothing that can be followed`);
    }
    return { tokens, unresolved };
  }

  private typeOf(ref: ResolvedRef): string | undefined {
    return this.graph.node(ref.id)?.resource?.type;
  }

  private tokensFor(ref: ResolvedRef, kind: IdentityKind): string[] {
    const isOwner = this.typeOf(ref) === kind.ownerType;
    const attributes = isOwner ? kind.idAttributes : ref.attribute ? [ref.attribute] : [];
    const tokens = [isOwner ? `node:${ref.id}` : `node:${ref.id}#${ref.attribute ?? '*'}`];
    for (const instance of this.resources.instancesOf(ref.id)) {
      for (const attribute of attributes) {
        const value = instance.after.at(attribute).string();
        if (value) tokens.push(`id:${value}`);
      }
    }
    return tokens;
  }
}
