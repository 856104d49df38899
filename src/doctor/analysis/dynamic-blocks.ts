import { isDeepStrictEqual } from 'util';
import type { ConfigGraph } from '../graph/config-graph';
import { isCreated, type PlanResource } from '../plan/resources';
import type { Json } from '../plan/types';

function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/**
 * Nested blocks an instance has in its planned values but its configuration
 * does not show: most likely `dynamic` blocks, which the plan JSON leaves out
 * together with every reference inside them. Blocks that AWS computes look the
 * same, so a block counts only when the instance is created (computed blocks
 * of a new resource are unknown, not present) or the block changes.
 */
export function hiddenBlocks(instance: PlanResource, graph: ConfigGraph): string[] {
  const after = instance.change.after;
  const before = instance.change.before;
  if (!isObject(after)) return [];
  return Object.entries(after)
    .filter(([, value]) => Array.isArray(value) && value.length > 0 && value.every(isObject))
    .filter(([key]) => graph.expressionsAt(instance.configAddress, [key]).kind === 'unset')
    .filter(([key, value]) => isCreated(instance) || !isObject(before) || !isDeepStrictEqual(before[key], value))
    .map(([key]) => key);
}
