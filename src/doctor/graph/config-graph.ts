import { isBlockList, type ConfigResource, type Expression, type Expressions } from '../plan/types';
import type { Path } from '../plan/planned';
import { resolveReferences, type ResolvedRef, type Scope } from './scope';

export type NodeKind = 'resource' | 'variable' | 'output' | 'local' | 'module-call';

export interface GraphNode {
  id: string;
  kind: NodeKind;
  modulePath: readonly string[];
  /** For resource nodes: the resource's configuration. */
  resource?: ConfigResource;
}

/** Where the value of an expression comes from. */
export interface ValueSources {
  /** Resource attributes the value is read from, after following variables and outputs across modules. */
  resources: ResolvedRef[];
  /** Locals the value passes through: their definitions are not part of the plan JSON. */
  opaque: string[];
}

/** The expressions found at an attribute path of a resource's configuration. */
export type ConfigLookup =
  | { kind: 'expressions'; expressions: Expression[] }
  /** `path[depth]` is not written in the configuration (a computed attribute, or a dynamic block). */
  | { kind: 'unset'; depth: number }
  | { kind: 'no-configuration' };

/**
 * The configuration section of a plan as a graph, mirroring how Terraform
 * orders work: a resource waits for what its expressions, count/for_each and
 * depends_on reference, and for its enclosing module calls' depends_on; a
 * module input waits for its argument; an output waits for its expression.
 * Built by buildConfigGraph().
 */
export class ConfigGraph {
  private readonly nodes = new Map<string, GraphNode>();
  private readonly dependencies = new Map<string, Set<string>>();
  /** For variables set by a module call, and for outputs: the references their value is made of. */
  private readonly valueEdges = new Map<string, ResolvedRef[]>();
  private readonly scopes = new Map<string, Scope>();

  constructor(readonly hasConfiguration: boolean) {}

  addScope(scope: Scope): void {
    this.scopes.set(scope.path.join('\u0000'), scope);
  }

  addNode(node: GraphNode): void {
    if (!this.nodes.has(node.id)) this.nodes.set(node.id, node);
  }

  addDependencies(from: string, to: Iterable<string>): void {
    const set = this.dependencies.get(from) ?? new Set<string>();
    for (const id of to) if (id !== from) set.add(id);
    this.dependencies.set(from, set);
  }

  setValue(id: string, refs: ResolvedRef[]): void {
    this.valueEdges.set(id, refs);
  }

  node(id: string): GraphNode | undefined {
    return this.nodes.get(id);
  }

  /** Every node `id` waits for, directly or transitively (not including itself). */
  dependencyClosure(id: string): Set<string> {
    const seen = new Set<string>();
    const queue = [...(this.dependencies.get(id) ?? [])];
    while (queue.length > 0) {
      const next = queue.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.dependencies.get(next) ?? []));
    }
    seen.delete(id);
    return seen;
  }

  /**
   * Follows the references of `expressions` (written in the module at
   * `modulePath`) through variables and outputs, across module boundaries,
   * down to the resources the value is read from.
   */
  valueSources(expressions: readonly Expression[], modulePath: readonly string[]): ValueSources {
    const scope = this.scopes.get(modulePath.join('\u0000'));
    const resources = new Map<string, ResolvedRef>();
    const opaque = new Set<string>();
    if (!scope) return { resources: [], opaque: [] };
    const queue = expressions.flatMap((e) => resolveReferences(e.references, scope));
    const followed = new Set<string>();
    while (queue.length > 0) {
      const ref = queue.pop() as ResolvedRef;
      if (ref.kind === 'resource') {
        resources.set(`${ref.id}#${ref.attribute ?? ''}`, ref);
      } else if (ref.kind === 'local') {
        opaque.add(ref.id);
      } else if (!followed.has(ref.id)) {
        followed.add(ref.id);
        queue.push(...(this.valueEdges.get(ref.id) ?? []));
      }
    }
    return { resources: [...resources.values()], opaque: [...opaque].sort() };
  }

  /**
   * The configuration expressions at `path` of a resource (e.g.
   * ['vpc_config', 0, 'security_group_ids']). Block indexes are not matched
   * (sets of blocks have no stable order): every block of that name counts.
   * When the path ends inside an attribute (an attribute-as-block such as
   * aws_security_group.ingress), that attribute's expression is returned.
   */
  expressionsAt(resourceId: string, path: Path): ConfigLookup {
    const resource = this.nodes.get(resourceId)?.resource;
    if (!this.hasConfiguration || !resource) return { kind: 'no-configuration' };
    let bodies: Expressions[] = [resource.expressions ?? {}];
    for (let depth = 0; depth < path.length; depth += 1) {
      const key = path[depth];
      if (typeof key === 'number') continue;
      const found = bodies.map((body) => body[key]).filter((v) => v !== undefined);
      if (found.length === 0) return { kind: 'unset', depth };
      const attributes = found.filter((v): v is Expression => !isBlockList(v));
      if (attributes.length > 0)
        return { kind: 'expressions', expressions: withForEach(attributes, resource.for_each_expression) };
      bodies = found.filter(isBlockList).flat();
    }
    return {
      kind: 'expressions',
      expressions: withForEach(bodies.flatMap(allExpressions), resource.for_each_expression),
    };
  }
}

const META = /^(each|count|path|terraform|self)\./;

/**
 * `each.value` is read from the for_each collection, so the collection's
 * references are where the value comes from. `each.key` counts only when the
 * expression references nothing else: Terraform lists `x[each.key].id` as
 * `x` and `each.key`, and there the key only picks an instance of x.
 */
export function withForEach(expressions: Expression[], forEach: Expression | undefined): Expression[] {
  const refs = expressions.flatMap((e) => e.references ?? []);
  const readsValue = refs.some(
    (ref) => ref === 'each.value' || ref.startsWith('each.value.') || ref.startsWith('each.value['),
  );
  const readsKeyAlone = refs.includes('each.key') && refs.every((ref) => META.test(ref));
  return forEach && (readsValue || readsKeyAlone) ? [...expressions, forEach] : expressions;
}

/** Every attribute expression of a block body, nested blocks included. */
export function allExpressions(body: Expressions): Expression[] {
  return Object.values(body).flatMap((value) => (isBlockList(value) ? value.flatMap(allExpressions) : [value]));
}
