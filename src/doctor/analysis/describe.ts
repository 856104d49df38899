import type { Identity } from './identity';

/**
 * Human names for the tokens of an identity: `aws_security_group.app`, `sg-0123`,
 * `aws_vpc.main.default_security_group_id`.
 */
export function describeIdentity(identity: Identity): string {
  // Values and resources of the expected type name it best; other attributes
  // (e.g. the rest of a module output object it was read from) only if nothing else.
  const all = [...identity.tokens];
  const primary = all.filter((token) => token.startsWith('id:') || !token.includes('#'));
  const names = (primary.length > 0 ? primary : all).map((token) => {
    if (token.startsWith('id:')) return token.slice(3);
    const [node, attribute] = token.slice('node:'.length).split('#');
    return attribute && attribute !== '*' ? `${node}.${attribute}` : node;
  });
  const unique = [...new Set(names)];
  return unique.length > 0 ? unique.join(', ') : 'groups the plan does not show';
}

/** At most `max` items, then "and N more". */
export function listSome(items: readonly string[], max = 3): string {
  const shown = items.slice(0, max).join('; ');
  return items.length > max ? `${shown}; and ${items.length - max} more` : shown;
}

/**
 * Why the doctor cannot tell, in a few words: the first reason, and how many more there are.
 * A finding that cannot decide says so in one line; the reasons are all alike (a local, a module
 * variable or a dynamic block the plan JSON does not describe).
 */
export function firstReason(reasons: readonly string[]): string {
  const unique = [...new Set(reasons)];
  return unique.length > 1
    ? `${unique[0]} (and ${unique.length - 1} more)`
    : (unique[0] ?? 'the plan does not show it');
}

/** The fix of a finding that could not decide. */
export const CHECK_BY_HAND = 'check by hand.';
