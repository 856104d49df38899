import type { Identity } from '../../src/doctor/analysis/identity';
import { allowsNfs, type IngressRule } from '../../src/doctor/analysis/ingress-rules';
import { nfsPath } from '../../src/doctor/analysis/nfs-path';
import { Planned } from '../../src/doctor/plan/planned';
import type { Json } from '../../src/doctor/plan/types';

const known = (value: Json) => new Planned(value, false);
const unknown = new Planned(undefined, true);
const id = (...tokens: string[]): Identity => ({ tokens: new Set(tokens), unresolved: [] });
const opaque = (reason: string, ...tokens: string[]): Identity => ({ tokens: new Set(tokens), unresolved: [reason] });
const rule = (target: Identity, source: Identity, ports: IngressRule['allowsNfs'] = 'yes'): IngressRule => ({
  label: 'rule',
  target,
  source,
  allowsNfs: ports,
});

describe('allowsNfs', () => {
  it.each([
    ['tcp', 2049, 2049, 'yes'],
    ['6', 2000, 3000, 'yes'],
    ['tcp', 0, 65535, 'yes'],
    ['-1', null, null, 'yes'],
    ['all', 0, 0, 'yes'],
    ['tcp', 22, 22, 'no'],
    ['udp', 2049, 2049, 'no'],
    ['tcp', 2050, 3000, 'no'],
  ] as const)('%s %s-%s → %s', (protocol, from, to, expected) => {
    expect(allowsNfs(known(protocol), known(from), known(to))).toBe(expected);
  });

  it('is unknown when the protocol or a port is', () => {
    expect(allowsNfs(unknown, known(2049), known(2049))).toBe('unknown');
    expect(allowsNfs(known('tcp'), unknown, known(2049))).toBe('unknown');
  });
});

describe('nfsPath', () => {
  const client = id('node:aws_security_group.app');
  const mountTarget = id('node:module.efs.aws_security_group.this', 'id:sg-0aaa');

  it('is open when one rule on a mount-target group admits one client group on 2049', () => {
    const rules = [
      rule(id('id:sg-0aaa'), id('node:aws_security_group.other')),
      rule(id('id:sg-0aaa'), id('node:aws_security_group.app', 'node:x')),
    ];
    expect(nfsPath(client, mountTarget, rules)).toEqual({ verdict: 'open', rule: 'rule' });
  });

  it('is closed when every identity is traced and no rule matches', () => {
    expect(nfsPath(client, mountTarget, [rule(mountTarget, client, 'no'), rule(id('id:sg-0bbb'), client)])).toEqual({
      verdict: 'closed',
    });
  });

  it('is undecided, with the reasons, when a rule may match or a side is not traced', () => {
    expect(nfsPath(client, mountTarget, [rule(mountTarget, opaque('comes from local.x'))])).toEqual({
      verdict: 'undecided',
      reasons: ['rule might allow it (comes from local.x)'],
    });
    expect(nfsPath(client, mountTarget, [rule(mountTarget, client, 'unknown')])).toEqual({
      verdict: 'undecided',
      reasons: ['rule might allow it (its protocol or ports are unknown until apply)'],
    });
    expect(nfsPath(opaque('client groups come from local.y'), mountTarget, [])).toEqual({
      verdict: 'undecided',
      reasons: ['client groups come from local.y'],
    });
  });

  it('does not let an untraced rule match a group its traced side already excludes', () => {
    expect(nfsPath(client, mountTarget, [rule(id('id:sg-0bbb'), opaque('comes from local.x'))])).toEqual({
      verdict: 'closed',
    });
  });
});

describe('Planned', () => {
  it('reads known values and treats everything below an unknown value as unknown', () => {
    const planned = new Planned(
      { vpc_config: [{ subnet_ids: ['subnet-1'] }] },
      { vpc_config: [{ security_group_ids: true }] },
    );
    expect(planned.at('vpc_config', 0, 'subnet_ids').strings()).toEqual({ values: ['subnet-1'], complete: true });
    expect(planned.at('vpc_config', 0, 'security_group_ids').unknown).toBe(true);
    expect(planned.at('vpc_config', 0, 'security_group_ids', 0).unknown).toBe(true);
    expect(planned.at('missing').absent).toBe(true);
    expect(new Planned(['sg-1', null] as Json, [false, true] as Json).strings()).toEqual({
      values: ['sg-1'],
      complete: false,
    });
  });
});
