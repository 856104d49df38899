import type { ModuleCall, PlanJson } from '../plan/types';
import { allExpressions, ConfigGraph, withForEach } from './config-graph';
import { nodeId, resolveDependsOn, resolveReferences, type Scope } from './scope';

/** Builds the configuration graph of a plan (empty when the plan has no configuration section). */
export function buildConfigGraph(plan: PlanJson): ConfigGraph {
  const root = plan.configuration?.root_module;
  const graph = new ConfigGraph(root !== undefined);
  if (root) addModule(graph, { path: [], module: root }, []);
  return graph;
}

function addModule(graph: ConfigGraph, scope: Scope, enclosingCalls: string[]): void {
  const { path, module } = scope;
  graph.addScope(scope);
  for (const name of Object.keys(module.variables ?? {})) {
    graph.addNode({ id: nodeId.variable(path, name), kind: 'variable', modulePath: path });
  }
  for (const resource of module.resources ?? []) {
    const id = nodeId.resource(path, resource.address);
    graph.addNode({ id, kind: 'resource', modulePath: path, resource });
    const expressions = [
      ...allExpressions(resource.expressions ?? {}),
      ...(resource.count_expression ? [resource.count_expression] : []),
      ...(resource.for_each_expression ? [resource.for_each_expression] : []),
    ];
    graph.addDependencies(
      id,
      expressions.flatMap((e) => refIds(graph, e.references ?? [], scope)),
    );
    graph.addDependencies(id, resolveDependsOn(resource.depends_on, scope));
    graph.addDependencies(id, enclosingCalls);
  }
  for (const [name, output] of Object.entries(module.outputs ?? {})) {
    const id = nodeId.output(path, name);
    graph.addNode({ id, kind: 'output', modulePath: path });
    graph.setValue(id, resolveReferences(output.expression?.references, scope));
    graph.addDependencies(id, refIds(graph, output.expression?.references ?? [], scope));
    graph.addDependencies(id, resolveDependsOn(output.depends_on, scope));
  }
  for (const [call, moduleCall] of Object.entries(module.module_calls ?? {})) {
    addModuleCall(graph, scope, call, moduleCall, enclosingCalls);
  }
}

function addModuleCall(
  graph: ConfigGraph,
  scope: Scope,
  call: string,
  moduleCall: ModuleCall,
  enclosingCalls: string[],
): void {
  const childPath = [...scope.path, call];
  const callId = nodeId.moduleCall(childPath);
  graph.addNode({ id: callId, kind: 'module-call', modulePath: scope.path });
  for (const meta of [moduleCall.count_expression, moduleCall.for_each_expression]) {
    graph.addDependencies(callId, refIds(graph, meta?.references ?? [], scope));
  }
  graph.addDependencies(callId, resolveDependsOn(moduleCall.depends_on, scope));
  for (const [name, argument] of Object.entries(moduleCall.expressions ?? {})) {
    const id = nodeId.variable(childPath, name);
    graph.addNode({ id, kind: 'variable', modulePath: childPath });
    const expressions = withForEach([argument], moduleCall.for_each_expression);
    graph.setValue(
      id,
      expressions.flatMap((e) => resolveReferences(e.references, scope)),
    );
    graph.addDependencies(
      id,
      expressions.flatMap((e) => refIds(graph, e.references ?? [], scope)),
    );
  }
  addModule(graph, { path: childPath, module: moduleCall.module ?? {} }, [...enclosingCalls, callId]);
}

/**
 * Resolves references to node ids, registering the locals met on the way (their definitions are not
 * in the plan JSON).
 */
function refIds(graph: ConfigGraph, references: string[], scope: Scope): string[] {
  const refs = resolveReferences(references, scope);
  for (const ref of refs) {
    if (ref.kind === 'local') graph.addNode({ id: ref.id, kind: 'local', modulePath: scope.path });
  }
  return refs.map((r) => r.id);
}
