/**
 * The declared type of what an expression reads, where the inputs' types say it: how a
 * TypeScript message spells the keys of a value it shows.
 */
import type { Expr, InputTypes } from './expr-ast';
import { TfType, t } from './types';

/**
 * The declared type of what an expression reads, where the inputs' types say it: an input, a
 * field of it, an entry of a collection (a `for` variable), `values` of a map. Undefined for
 * anything else (literals, computed values): their keys are then shown as they are.
 */
export function typeOf(e: Expr, types: InputTypes, scopeTypes: ScopeTypes): TfType | undefined {
  const ty = (x: Expr, scope = scopeTypes) => typeOf(x, types, scope);
  switch (e.op) {
    case 'input':
      return types[e.name];
    case 'local':
      return scopeTypes[e.name];
    case 'declared':
      return ty(e.def);
    case 'get': {
      const of = ty(e.of);
      return of?.kind === 'object' ? of.fields[e.key]?.type : undefined;
    }
    case 'if':
      return ty(e.then) ?? ty(e.else);
    case 'for': {
      const body = ty(e.body, forScope(e, types, scopeTypes));
      return body && t.list(body);
    }
    case 'call': {
      if (e.fn === 'keys') return t.list(t.string());
      if (e.fn === 'values') {
        const of = elementType(ty(e.args[0]));
        return of && t.list(of);
      }
      if (e.fn === 'distinct' || e.fn === 'concat' || e.fn === 'coalesce') return ty(e.args[0]);
      return undefined;
    }
    default:
      return undefined;
  }
}

export type ScopeTypes = Readonly<Record<string, TfType | undefined>>;

/** The scope inside a `for`: its value variable has the collection's element type. */
export function forScope(e: Extract<Expr, { op: 'for' }>, types: InputTypes, scopeTypes: ScopeTypes): ScopeTypes {
  return { ...scopeTypes, [e.key]: undefined, [e.value]: elementType(typeOf(e.coll, types, scopeTypes)) };
}

export const elementType = (type: TfType | undefined): TfType | undefined =>
  type && 'of' in type ? type.of : undefined;
