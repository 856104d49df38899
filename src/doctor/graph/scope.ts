import { modulePrefix, mostSpecific, parseReference } from '../plan/address';
import type { ConfigModule } from '../plan/types';

/**
 * Node ids are configuration addresses, unique across the whole configuration:
 *   resource      module.efs.aws_security_group.this   (data sources: module.efs.data.aws_x.y)
 *   variable      module.efs.var.vpc_id
 *   output        module.efs.output.file_system
 *   local         module.efs.local.tags
 *   module call   module.efs
 */
export const nodeId = {
  resource: (path: readonly string[], address: string) => `${modulePrefix(path)}${address}`,
  variable: (path: readonly string[], name: string) => `${modulePrefix(path)}var.${name}`,
  output: (path: readonly string[], name: string) => `${modulePrefix(path)}output.${name}`,
  local: (path: readonly string[], name: string) => `${modulePrefix(path)}local.${name}`,
  moduleCall: (path: readonly string[]) => modulePrefix(path).slice(0, -1),
};

/** A reference resolved to a node; `attribute` is the first attribute read from a resource, if any. */
export interface ResolvedRef {
  id: string;
  kind: 'resource' | 'variable' | 'output' | 'local';
  attribute?: string;
}

/** A module of the configuration and where it sits. */
export interface Scope {
  path: readonly string[];
  module: ConfigModule;
}

function childScope(scope: Scope, call: string): Scope | undefined {
  const child = scope.module.module_calls?.[call]?.module;
  return child ? { path: [...scope.path, call], module: child } : undefined;
}

/** Resolves the references of one expression written in `scope`. */
export function resolveReferences(references: readonly string[] | undefined, scope: Scope): ResolvedRef[] {
  const out: ResolvedRef[] = [];
  for (const text of mostSpecific(references ?? [])) {
    const ref = parseReference(text);
    switch (ref.kind) {
      case 'resource':
        out.push({ id: nodeId.resource(scope.path, ref.address), kind: 'resource', attribute: ref.attribute });
        break;
      case 'variable':
        out.push({ id: nodeId.variable(scope.path, ref.name), kind: 'variable' });
        break;
      case 'local':
        out.push({ id: nodeId.local(scope.path, ref.name), kind: 'local' });
        break;
      case 'module': {
        const child = childScope(scope, ref.call);
        const outputs = ref.output !== undefined ? [ref.output] : Object.keys(child?.module.outputs ?? {});
        for (const output of outputs)
          out.push({ id: nodeId.output([...scope.path, ref.call], output), kind: 'output' });
        break;
      }
      case 'meta':
        break;
    }
  }
  return out;
}

/**
 * Resolves `depends_on` entries written in `scope`. Unlike a reference in an
 * expression, `depends_on = [module.x]` waits for everything in the module:
 * every resource and output, nested modules included.
 */
export function resolveDependsOn(entries: readonly string[] | undefined, scope: Scope): string[] {
  const out: string[] = [];
  for (const text of entries ?? []) {
    const ref = parseReference(text);
    if (ref.kind === 'module' && ref.output === undefined) {
      const child = childScope(scope, ref.call);
      if (child) out.push(...everythingIn(child));
    } else {
      out.push(...resolveReferences([text], scope).map((r) => r.id));
    }
  }
  return out;
}

function everythingIn(scope: Scope): string[] {
  const ids = [
    ...(scope.module.resources ?? []).map((r) => nodeId.resource(scope.path, r.address)),
    ...Object.keys(scope.module.outputs ?? {}).map((name) => nodeId.output(scope.path, name)),
  ];
  for (const call of Object.keys(scope.module.module_calls ?? {})) {
    const child = childScope(scope, call);
    if (child) ids.push(...everythingIn(child));
  }
  return ids;
}
