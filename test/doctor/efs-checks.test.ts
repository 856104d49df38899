/**
 * The checks added for issue 18 on the committed plans of their fixtures: efs-hygiene (flagged),
 * clean (each check's passing twin), unknown-attribute, rekeyed-rule, and the CDKTF stacks
 * construct-hygiene and construct-rekeyed (the examples' stacks pass: test/efs-mount-complete).
 * Which findings each plan yields is in expected.ts; here, what the messages say and which Security
 * Hub controls they carry.
 */
import { diagnose } from '../../src/doctor/diagnose';
import type { Finding } from '../../src/doctor/finding';
import { closestName } from '../../src/doctor/checks/closest-name';
import { PROJECT_MODULE_SPECS } from '../../src/doctor/checks/project-modules';
import { MODULES } from '../../generators/registry';
import { committedPlan } from './fixtures';

const findings = new Map<string, Finding[]>();
const of = (name: string) => findings.get(name) ?? findings.set(name, diagnose(committedPlan(name))).get(name)!;
const one = (name: string, check: string, address: string): Finding => {
  const found = of(name).find((f) => f.check === check && f.address === address);
  if (!found) throw new Error(`no ${check} finding on ${address} in ${name}`);
  return found;
};

describe('mount targets', () => {
  it('names the zone, both mount targets and the subnets that put them there', () => {
    expect(one('efs-hygiene', 'mount-target-same-zone', 'aws_efs_mount_target.plain_a2').message).toMatch(
      /^is in Availability Zone us-east-1a \(aws_subnet\.a2\), like aws_efs_mount_target\.plain_a1 \(aws_subnet\.a1\) of the same file system: EFS allows one mount target per zone/,
    );
  });

  it('flags a mount target in a subnet that maps public IPs as EFS.6, and no other', () => {
    const flagged = of('efs-hygiene').filter((f) => f.check === 'mount-target-public-subnet');
    expect(flagged.map((f) => [f.address, f.securityHub])).toEqual([['aws_efs_mount_target.plain_public', ['EFS.6']]]);
    expect(flagged[0]?.message).toMatch(/aws_subnet\.public: map_public_ip_on_launch = true/);
  });
});

describe('access points', () => {
  it('EFS.3 for a root of "/" written or left out, EFS.4 for no posix_user', () => {
    const hub = (check: string) =>
      of('efs-hygiene')
        .filter((f) => f.check === check)
        .map((f) => `${f.address} ${f.securityHub?.join()}`);
    expect(hub('access-point-root-directory')).toEqual([
      'aws_efs_access_point.rooted EFS.3',
      'aws_efs_access_point.whole EFS.3',
    ]);
    expect(hub('access-point-posix-user')).toEqual([
      'aws_efs_access_point.anonymous EFS.4',
      'aws_efs_access_point.whole EFS.4',
    ]);
  });
});

describe('file systems', () => {
  it('encryption: an error when the plan creates it unencrypted, written false or left unset', () => {
    expect(one('efs-hygiene', 'file-system-encryption', 'aws_efs_file_system.plain')).toMatchObject({
      severity: 'error',
      securityHub: ['EFS.1', 'EFS.8'],
    });
    expect(one('efs-hygiene', 'file-system-encryption', 'aws_efs_file_system.unset').message).toMatch(
      /^would be created unencrypted: .*replaces the file system and deletes its data\. Fix: set encrypted = true/,
    );
  });

  it('encryption: a warning for one that exists already (the fix is a migration)', () => {
    const plan = committedPlan('efs-hygiene');
    for (const rc of plan.resource_changes ?? [])
      if (rc.address === 'aws_efs_file_system.plain') rc.change.actions = ['no-op'];
    const found = diagnose(plan).find(
      (f) => f.check === 'file-system-encryption' && f.address === 'aws_efs_file_system.plain',
    );
    expect(found).toMatchObject({ severity: 'warning' });
    expect(found?.message).toMatch(
      /^exists and is not encrypted at rest.*Fix: create an encrypted file system and copy the data/,
    );
  });

  it('backups: off (no policy, or DISABLED) and in no backup selection; a selection or ENABLED passes', () => {
    expect(
      of('efs-hygiene')
        .filter((f) => f.check === 'file-system-backup')
        .map((f) => f.address),
    ).toEqual(['aws_efs_file_system.plain', 'aws_efs_file_system.unset']);
    expect(one('efs-hygiene', 'file-system-backup', 'aws_efs_file_system.unset').securityHub).toEqual([
      'EFS.2',
      'EFS.7',
    ]);
    // clean: data has automatic backups ENABLED; archive has them DISABLED but is selected by
    // aws_backup_selection.archive.
    expect(of('clean')).toEqual([]);
  });

  it("TLS: reads the module's policy document through the plan (its statements, planned before the ARN is known)", () => {
    const plan = committedPlan('module-wiring');
    expect(diagnose(plan).filter((f) => f.check === 'file-system-tls')).toEqual([]);
    const document = plan.resource_changes!.find(
      (rc) => rc.address === 'module.efs.data.aws_iam_policy_document.this',
    )!;
    const after = document.change.after as { statement: Array<{ sid: string }> };
    after.statement = after.statement.filter((statement) => statement.sid !== 'DenyUnencryptedTransport');
    expect(
      diagnose(plan)
        .filter((f) => f.check === 'file-system-tls')
        .map((f) => f.address),
    ).toEqual(['module.efs.aws_efs_file_system.this']);
  });

  it('TLS: no policy, a policy document without the deny, a JSON policy without it', () => {
    const tls = of('efs-hygiene').filter((f) => f.check === 'file-system-tls');
    expect(tls.map((f) => f.address)).toEqual([
      'aws_efs_file_system.json',
      'aws_efs_file_system.plain',
      'aws_efs_file_system.unset',
    ]);
    expect(one('efs-hygiene', 'file-system-tls', 'aws_efs_file_system.plain').message).toMatch(
      /^has no file system policy/,
    );
    expect(one('efs-hygiene', 'file-system-tls', 'aws_efs_file_system.unset').message).toMatch(
      /\(aws_efs_file_system_policy\.unset\) that does not enforce TLS/,
    );
    expect(tls.every((f) => f.securityHub === undefined)).toBe(true);
  });
});

describe('module attributes Terraform drops', () => {
  it('names the undeclared attribute, where it is, the closest declared name and the default used instead', () => {
    const messages = of('unknown-attribute')
      .filter((f) => f.check === 'module-unknown-attribute')
      .map((f) => `${f.address}: ${f.message}`);
    expect(messages).toEqual([
      expect.stringMatching(
        /^module\.efs: access_points\["data"\] sets root_directroy, which efs-filesystem's input access_points does not declare: .*so access_points\["data"\]\.root_directory keeps its default \("\/"\); the declared name closest to it is root_directory\. Fix: rename root_directroy to root_directory in module "efs"\.$/,
      ),
      expect.stringMatching(
        /^module\.efs: access_points\["reports"\]\.posix_user sets secondary_gid, .*closest to it is secondary_gids\./,
      ),
      expect.stringMatching(
        /^module\.lambda_mount: posix_user sets primary_gid, which efs-mount-lambda's input posix_user does not declare: .*Fix: remove primary_gid from module "lambda_mount"; the attributes posix_user takes are uid, gid, secondary_gids\.$/,
      ),
    ]);
  });

  it('passes module calls that write only declared attributes', () => {
    for (const name of ['module-wiring', 'duplicate-nfs-rule', 'rekeyed-rule']) {
      expect(of(name).filter((f) => f.check === 'module-unknown-attribute')).toEqual([]);
    }
  });

  it('reads the declared attributes from the spec of every module the project publishes', () => {
    expect(PROJECT_MODULE_SPECS.map((s) => s.name)).toEqual(MODULES.map((m) => m.spec.name));
    expect(PROJECT_MODULE_SPECS).toEqual(MODULES.map((m) => m.spec));
  });

  it('recognises the modules by a source ending in modules/<name> (local, Git, registry) or by their inputs', () => {
    const flaggedWith = (
      edit: (call: { source?: string; module?: { variables?: Record<string, unknown> } }) => void,
    ) => {
      const plan = committedPlan('unknown-attribute');
      edit(plan.configuration!.root_module.module_calls!.efs);
      return diagnose(plan).filter((f) => f.address === 'module.efs' && f.check === 'module-unknown-attribute').length;
    };
    expect(
      flaggedWith(
        (call) => (call.source = 'git::https://github.com/your-org/efs-modules.git//modules/efs-filesystem?ref=v0.1.0'),
      ),
    ).toBe(2);
    expect(flaggedWith((call) => (call.source = 'your-org/efs-modules/aws//modules/efs-filesystem'))).toBe(2);
    // Vendored under another name: recognised by declaring exactly efs-filesystem's inputs.
    expect(flaggedWith((call) => (call.source = './vendor/shared-storage'))).toBe(2);
    expect(
      flaggedWith((call) => {
        call.source = './vendor/shared-storage';
        delete call.module!.variables!.access_points;
      }),
    ).toBe(0);
  });

  it('suggests a name only when it is near enough to be a misspelling', () => {
    expect(closestName('root_directroy', ['root_directory', 'posix_user'])).toBe('root_directory');
    expect(closestName('primary_gid', ['uid', 'gid', 'secondary_gids'])).toBeUndefined();
  });
});

describe('NFS rules re-keyed', () => {
  it('pairs each deleted rule with its identical new one and prints the moved block', () => {
    const rekeyed = of('rekeyed-rule').filter((f) => f.check === 'nfs-rule-rekeyed');
    expect(rekeyed.map((f) => f.address)).toEqual([
      'module.efs.aws_vpc_security_group_egress_rule.nfs_to_file_system["application"]',
      'module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["application"]',
    ]);
    expect(rekeyed[1]?.message).toContain(
      [
        'add to the root module:',
        'moved {',
        '  from = module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["app"]',
        '  to   = module.efs.aws_vpc_security_group_ingress_rule.nfs_from_security_groups["application"]',
        '}',
      ].join('\n'),
    );
  });

  it('stays out of plans that create rules without deleting their twins', () => {
    for (const name of ['clean', 'duplicate-nfs-rule', 'module-wiring'])
      expect(of(name).filter((f) => f.check === 'nfs-rule-rekeyed')).toEqual([]);
  });
});

describe('on construct output (CDKTF stacks)', () => {
  it('sees the secure defaults the props turned off, as in HCL', () => {
    expect(of('construct-hygiene').map((f) => `${f.severity} ${f.check} ${f.securityHub?.join() ?? ''}`)).toEqual([
      'error file-system-encryption EFS.1,EFS.8',
      'warning access-point-root-directory EFS.3',
      'warning access-point-posix-user EFS.4',
      'warning file-system-backup EFS.2,EFS.7',
      'warning file-system-tls ',
    ]);
  });

  it("a renamed allowedSecurityGroups key: the moved pair for the stack's addOverride, not an HCL block", () => {
    const ingress = of('construct-rekeyed').find((f) => f.address.startsWith('aws_vpc_security_group_ingress_rule.'));
    expect(ingress?.message).toMatch(
      /Fix: .*in the CDKTF stack, put `\{ from: 'aws_vpc_security_group_ingress_rule\.efs_nfs_from_security_groups_[0-9A-F]{8}\["app"\]', to: 'aws_vpc_security_group_ingress_rule\.efs_nfs_from_security_groups_[0-9A-F]{8}\["application"\]' \}` in the list of the stack's one `stack\.addOverride\('moved', \[ … \]\)` call/,
    );
    expect(ingress?.message).not.toContain('moved {');
  });
});
