/**
 * Finds the instances of our constructs in a CDKTF stack's state. The state holds no construct
 * paths, only logical IDs: cdktf names a construct's resource `<path joined by _>_<part>_<hash>`,
 * the hash being the first 8 hex digits (upper case) of the MD5 of the path below the stack and
 * the part, joined by `/`. Resources that share the human part before `_<part>_` belong to one
 * construct; the hash, where it matches, gives the construct's real path.
 */
import { createHash } from 'node:crypto';
import { ConstructKind, EC2_MOUNT_PARTS, FILESYSTEM_PARTS, MOUNT_PARTS, Part } from './cdktf-parts';
import type { StateResource } from './state';

export interface ConstructResource {
  readonly resource: StateResource;
  readonly part: Part;
}

export interface FoundConstruct {
  /** The human part of the logical IDs, e.g. `ingest-mount`: also the module block's name. */
  readonly prefix: string;
  /** The construct's path below the stack (`storage/efs`), when the hash confirms it; else the prefix. */
  readonly path: string;
  /** EfsFilesystem, or `mount` until its boot script (EC2) or the function or task that uses it tells which. */
  readonly kind: 'EfsFilesystem' | 'mount';
  readonly resources: readonly ConstructResource[];
}

const hashOf = (components: readonly string[]) =>
  createHash('md5').update(components.join('/')).digest('hex').slice(0, 8).toUpperCase();

/** The path whose hash is `hash`: the prefix split at some of its underscores (construct ids may hold `_` too). */
function confirmedPath(prefix: string, part: string, hash: string): string | undefined {
  const pieces = prefix.split('_');
  // 2^(n-1) ways to split; paths deeper than a dozen underscores are left unconfirmed.
  if (pieces.length > 12) return undefined;
  for (let mask = 0; mask < 1 << (pieces.length - 1); mask++) {
    const components = [pieces[0]];
    for (let i = 1; i < pieces.length; i++) {
      if (mask & (1 << (i - 1))) components[components.length - 1] += `_${pieces[i]}`;
      else components.push(pieces[i]);
    }
    if (hashOf([...components, part]) === hash) return components.join('/');
  }
  return undefined;
}

const FILESYSTEM_ONLY = new Set(
  FILESYSTEM_PARTS.filter((p) => !MOUNT_PARTS.some((m) => m.type === p.type && m.part === p.part)).map((p) => p.part),
);

/** Every construct instance in the state's resources, in the order of their first resource. */
export function findConstructs(resources: readonly StateResource[]): FoundConstruct[] {
  const groups = new Map<string, { resources: ConstructResource[]; path?: string }>();
  // EC2_MOUNT_PARTS is MOUNT_PARTS and the boot script: every mount's parts are in it.
  const parts = [...FILESYSTEM_PARTS, ...EC2_MOUNT_PARTS];
  for (const resource of resources) {
    for (const part of parts) {
      if (part.type !== resource.type) continue;
      const match = new RegExp(`^(.+)_${part.part}_([0-9A-F]{8})$`).exec(resource.name);
      if (!match) continue;
      const [, prefix, hash] = match;
      const group = groups.get(prefix) ?? { resources: [] };
      groups.set(prefix, group);
      if (!group.resources.some((r) => r.resource.address === resource.address))
        group.resources.push({ resource, part });
      group.path ??= confirmedPath(prefix, part.part, hash);
      break;
    }
  }
  return [...groups.entries()].map(([prefix, g]) => ({
    prefix,
    path: g.path ?? prefix,
    kind: g.resources.some((r) => FILESYSTEM_ONLY.has(r.part.part)) ? 'EfsFilesystem' : 'mount',
    resources: g.resources,
  }));
}

export type { ConstructKind };
