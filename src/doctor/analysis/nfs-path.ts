import { intersects, type Identity } from './identity';
import type { IngressRule } from './ingress-rules';

export type NfsPath =
  | { verdict: 'open'; rule: string }
  | { verdict: 'closed' }
  /** Neither proven open nor closed; `reasons` say what could not be traced. */
  | { verdict: 'undecided'; reasons: string[] };

type Match = 'yes' | 'no' | 'maybe';

function match(side: Identity, wanted: Identity): Match {
  if (intersects(side.tokens, wanted.tokens)) return 'yes';
  return side.unresolved.length > 0 ? 'maybe' : 'no';
}

/**
 * Can a client in `client` groups reach TCP 2049 on a mount target in
 * `mountTarget` groups? Security groups allow traffic when any rule on any of
 * the target's groups admits any of the client's groups, so one rule whose
 * target and source both match (and whose ports cover 2049) opens the path.
 * Without one, the path is closed only if every identity involved was traced.
 */
export function nfsPath(client: Identity, mountTarget: Identity, rules: readonly IngressRule[]): NfsPath {
  const reasons = [...client.unresolved, ...mountTarget.unresolved];
  for (const rule of rules) {
    const target = match(rule.target, mountTarget);
    const source = match(rule.source, client);
    if (target === 'no' || source === 'no' || rule.allowsNfs === 'no') continue;
    if (target === 'yes' && source === 'yes' && rule.allowsNfs === 'yes') return { verdict: 'open', rule: rule.label };
    const why = [
      ...(target === 'maybe' ? rule.target.unresolved : []),
      ...(source === 'maybe' ? rule.source.unresolved : []),
      ...(rule.allowsNfs === 'unknown' ? ['its protocol or ports are unknown until apply'] : []),
    ];
    reasons.push(`${rule.label} might allow it (${why.join('; ')})`);
  }
  return reasons.length > 0 ? { verdict: 'undecided', reasons: [...new Set(reasons)] } : { verdict: 'closed' };
}
