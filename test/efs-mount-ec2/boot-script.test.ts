/**
 * The boot script efs-mount-ec2 outputs, as Terraform renders it, run with bash. One root plans
 * the module four ways (read-write on Amazon Linux 2023, read-only, Amazon Linux 2, and the longest
 * inputs the rules allow) with a given access point, so that every output is known at plan time.
 * The script then runs against a fake system: the package managers, `mount`, `mountpoint`,
 * `mkdir` and `sleep` are stubs on PATH that log their calls (the stub `mount` mounts through the
 * fstab entry, as `mount <path>` does, and fails a set number of times first), and the two files a
 * real boot reads are temporary copies: /etc/fstab and /etc/os-release (the script names each in
 * one assignment, which the test points elsewhere). Nothing else is changed in the script.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { parse } from 'yaml';
import { hclLiteral } from '../../src/core/hcl-values';
import { ACCESS_POINT, FILE_SYSTEM } from '../../src/modules/mount/cases';
import { joinOptions, mountOptions } from '../../src/modules/efs-mount-ec2/fstab';
import { plainText } from '../../src/modules/efs-mount-ec2/text-parts';
import { MOUNT_ATTEMPTS, MOUNT_RETRY_SECONDS } from '../../src/modules/efs-mount-ec2/script';
import { USER_DATA_LIMIT, runAfterMountBudget } from '../../src/modules/efs-mount-ec2/size';
import { ROOT } from '../support/examples';
import { init, makeTempDir, plan, providerOverride, stage } from '../support/terraform';

interface Outputs {
  user_data: string;
  user_data_base64: string;
  cloud_init_part: string;
  fstab_line: string;
  mount_command: string;
}

const LONGEST_PATH = `/${'m'.repeat(159)}`;
const MOUNTS: Record<string, Record<string, unknown>> = {
  default: {},
  read_only: { read_only: true },
  al2: { distribution: 'amazon-linux-2', mount_path: '/srv/data' },
  longest: { mount_path: LONGEST_PATH, read_only: true, run_after_mount: 'x'.repeat(runAfterMountBudget()) },
};

function rootHcl(): string {
  return Object.entries(MOUNTS)
    .map(([key, inputs]) => {
      const all = {
        file_system: FILE_SYSTEM,
        access_point: ACCESS_POINT,
        name: key.replace(/_/g, '-'),
        role_name: 'app-role',
        ...inputs,
      };
      const args = Object.entries(all)
        .map(([k, v]) => `  ${k} = ${hclLiteral(v, true)}`)
        .join('\n');
      return `module "${key}" {\n  source = "../modules/efs-mount-ec2"\n${args}\n}\n\noutput "${key}" {\n  value = module.${key}\n}\n`;
    })
    .join('\n');
}

let outputs: Record<string, Outputs>;

beforeAll(async () => {
  const dir = join(
    stage(ROOT, ['modules/efs-mount-ec2'], { 'root/main.tf': rootHcl(), 'root/provider.tf': providerOverride() }),
    'root',
  );
  await init(dir);
  const planned = await plan(dir);
  outputs = Object.fromEntries(
    Object.keys(MOUNTS).map((key) => [key, (planned.planned_values as any).outputs[key].value as Outputs]),
  );
}, 300_000);

// ---------------------------------------------------------------------------------------
// A fake system to run the script on.

const OS_RELEASE = {
  al2023: 'NAME="Amazon Linux"\nVERSION="2023"\nID="amzn"\nID_LIKE="fedora"\nVERSION_ID="2023"\n',
  al2: 'NAME="Amazon Linux"\nVERSION="2"\nID="amzn"\nID_LIKE="centos rhel fedora"\nVERSION_ID="2"\n',
  ubuntu: 'NAME="Ubuntu"\nVERSION_ID="24.04"\nID=ubuntu\nID_LIKE=debian\n',
};
const FSTAB = 'UUID=0a1b2c3d / xfs defaults,noatime 1 1\n';

const STUBS: Record<string, string> = {
  // Installing amazon-efs-utils puts the mount helper on the PATH.
  dnf: 'printf "%s\\n" "$*" > "$STATE/mount.efs.installed-by"; printf \'#!/bin/sh\\n\' > "$BIN/mount.efs"; chmod +x "$BIN/mount.efs"',
  yum: 'printf "%s\\n" "$*" > "$STATE/mount.efs.installed-by"; printf \'#!/bin/sh\\n\' > "$BIN/mount.efs"; chmod +x "$BIN/mount.efs"',
  // `mount <path>` mounts what the fstab entry for that path says; it fails while $STATE/failures counts down.
  mount: [
    'entry=$(awk -v path="$1" \'$2 == path\' "$FSTAB")',
    '[ -n "$entry" ] || { echo "mount: $1: can\'t find in fstab." >&2; exit 1; }',
    'left=$(cat "$STATE/failures" 2>/dev/null || echo 0)',
    'if [ "$left" -gt 0 ]; then echo $((left - 1)) > "$STATE/failures"; echo "mount.efs: Failed to resolve file system DNS name" >&2; exit 32; fi',
    'printf "%s\\n" "$entry" > "$STATE/mounted"',
  ].join('\n'),
  mountpoint: '[ -e "$STATE/mounted" ]',
  mkdir: 'true',
  sleep: 'true',
};

interface Run {
  status: number;
  stdout: string;
  fstab: string;
  calls: string[];
}

class FakeInstance {
  readonly dir = makeTempDir('efs-mount-ec2-boot-');
  private readonly bin = join(this.dir, 'bin');
  private readonly state = join(this.dir, 'state');
  private readonly fstab = join(this.dir, 'fstab');
  private readonly osRelease = join(this.dir, 'os-release');

  constructor(os: keyof typeof OS_RELEASE, fstab = FSTAB) {
    mkdirSync(this.bin);
    mkdirSync(this.state);
    writeFileSync(this.fstab, fstab);
    writeFileSync(this.osRelease, OS_RELEASE[os]);
    for (const [name, body] of Object.entries(STUBS)) {
      const file = join(this.bin, name);
      // Each stub logs its call, then does its part.
      writeFileSync(file, `#!/bin/bash\nprintf "%s\\n" "${name} $*" >> "$STATE/calls"\n${body}\n`);
      chmodSync(file, 0o755);
    }
  }

  failMounts(times: number): void {
    writeFileSync(join(this.state, 'failures'), `${times}\n`);
  }

  /** A reboot: nothing is mounted until something mounts it. */
  reboot(): void {
    spawnSync('rm', ['-f', join(this.state, 'mounted'), join(this.state, 'calls')]);
  }

  run(script: string): Run {
    const pointed = pointAtFakes(script, this.fstab, this.osRelease);
    writeFileSync(join(this.dir, 'user-data.sh'), pointed);
    writeFileSync(join(this.state, 'calls'), '');
    const env = {
      PATH: `${this.bin}:/usr/bin:/bin`,
      BIN: this.bin,
      STATE: this.state,
      FSTAB: this.fstab,
      HOME: this.dir,
    };
    const result = spawnSync('bash', [join(this.dir, 'user-data.sh')], { env, encoding: 'utf8' });
    return {
      status: result.status ?? -1,
      stdout: `${result.stdout}${result.stderr}`,
      fstab: readFileSync(this.fstab, 'utf8'),
      calls: readFileSync(join(this.state, 'calls'), 'utf8').split('\n').filter(Boolean),
    };
  }

  installedBy(): string | undefined {
    const file = join(this.state, 'mount.efs.installed-by');
    return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
  }
}

/** The script with its two system files pointed at the fakes: each is named in exactly one assignment. */
function pointAtFakes(script: string, fstab: string, osRelease: string): string {
  for (const line of ['fstab=/etc/fstab', 'os_release=/etc/os-release']) {
    expect(script.split('\n').filter((l) => l === line)).toHaveLength(1);
  }
  return script
    .replace(/^fstab=\/etc\/fstab$/m, `fstab=${fstab}`)
    .replace(/^os_release=\/etc\/os-release$/m, `os_release=${osRelease}`);
}

/**
 * The fstab entry mounts EFS the way AWS documents for a boot: the `efs` type of the mount helper,
 * `_netdev` (without it the boot waits on the network file system and the instance may hang),
 * `noresvport`, `tls`, and the access point. Throws when any of them is missing.
 */
function expectSecureEntry(line: string, accessPointId: string): void {
  const [device, , type, options, dump, pass] = line.split(' ');
  expect({ device, type, dump, pass }).toEqual({ device: `${FILE_SYSTEM.id}:/`, type: 'efs', dump: '0', pass: '0' });
  expect(options.split(',')).toEqual(
    expect.arrayContaining(['_netdev', 'noresvport', 'tls', `accesspoint=${accessPointId}`]),
  );
}

const entriesFor = (fstab: string, path: string) => fstab.split('\n').filter((l) => l.split(' ')[1] === path);

// ---------------------------------------------------------------------------------------

describe('the fstab entry', () => {
  test('is the efs type with _netdev, noresvport, tls, iam and the access point, in the order AWS documents', () => {
    expect(outputs.default.fstab_line).toBe(
      `${FILE_SYSTEM.id}:/ /mnt/efs efs _netdev,noresvport,tls,iam,accesspoint=${ACCESS_POINT.id} 0 0`,
    );
    expectSecureEntry(outputs.default.fstab_line, ACCESS_POINT.id);
  });

  test('adds ro when read-only', () => {
    expect(outputs.read_only.fstab_line).toBe(
      `${FILE_SYSTEM.id}:/ /mnt/efs efs _netdev,noresvport,tls,iam,accesspoint=${ACCESS_POINT.id},ro 0 0`,
    );
  });

  test('the check of the entry fails when tls or _netdev is dropped, so the tests below can fail', () => {
    for (const dropped of ['tls', '_netdev']) {
      const fields = outputs.default.fstab_line.split(' ');
      fields[3] = fields[3]
        .split(',')
        .filter((o) => o !== dropped)
        .join(',');
      const line = fields.join(' ');
      expect(line).not.toBe(outputs.default.fstab_line);
      expect(() => expectSecureEntry(line, ACCESS_POINT.id)).toThrow();
    }
  });

  test('mount_command is the same mount as one command', () => {
    const options = joinOptions(mountOptions({ iam: 'iam', readOnly: '', accessPointId: ACCESS_POINT.id }, plainText));
    expect(outputs.default.mount_command).toBe(`mount -t efs -o ${options} ${FILE_SYSTEM.id}:/ /mnt/efs`);
  });
});

describe('the script on Amazon Linux 2023', () => {
  const instance = () => new FakeInstance('al2023');

  test('installs amazon-efs-utils with dnf, writes the fstab entry once beside the others and mounts it', () => {
    const fake = instance();
    const run = fake.run(outputs.default.user_data);
    expect(run.status).toBe(0);
    expect(fake.installedBy()).toBe('install -y amazon-efs-utils');
    expect(run.calls).toEqual([
      'dnf install -y amazon-efs-utils',
      'mkdir -p /mnt/efs',
      'mountpoint -q /mnt/efs',
      'mount /mnt/efs',
    ]);
    expect(run.fstab).toBe(`${FSTAB}${outputs.default.fstab_line}\n`);
    expectSecureEntry(entriesFor(run.fstab, '/mnt/efs')[0], ACCESS_POINT.id);
    expect(run.stdout).toContain('mounted (attempt 1)');
  });

  test('run again, changes nothing: no second fstab entry, no install, no mount', () => {
    const fake = instance();
    const first = fake.run(outputs.default.user_data);
    const second = fake.run(outputs.default.user_data);
    expect(second.status).toBe(0);
    expect(second.fstab).toBe(first.fstab);
    expect(second.calls).toEqual(['mkdir -p /mnt/efs', 'mountpoint -q /mnt/efs']);
    expect(second.stdout).toContain('already mounted');
  });

  test('run again after a reboot that did not mount it, mounts again with the same single entry', () => {
    const fake = instance();
    const first = fake.run(outputs.default.user_data);
    fake.reboot();
    const again = fake.run(outputs.default.user_data);
    expect(again.status).toBe(0);
    expect(again.fstab).toBe(first.fstab);
    expect(again.calls).toEqual(['mkdir -p /mnt/efs', 'mountpoint -q /mnt/efs', 'mount /mnt/efs']);
  });

  test('replaces an older entry for the same path instead of adding a second one', () => {
    const older = `${FSTAB}fs-0fedcba9876543210:/ /mnt/efs efs _netdev,tls 0 0\n`;
    const run = new FakeInstance('al2023', older).run(outputs.default.user_data);
    expect(run.status).toBe(0);
    expect(entriesFor(run.fstab, '/mnt/efs')).toEqual([outputs.default.fstab_line]);
    expect(run.fstab.startsWith(FSTAB)).toBe(true);
  });

  test(`retries while the mount fails (DNS, mount targets not up yet): 3 failures, then mounted on the 4th attempt, ${MOUNT_RETRY_SECONDS} s apart`, () => {
    const fake = instance();
    fake.failMounts(3);
    const run = fake.run(outputs.default.user_data);
    expect(run.status).toBe(0);
    expect(run.calls.filter((c) => c.startsWith('mount '))).toHaveLength(4);
    expect(run.calls.filter((c) => c.startsWith('sleep'))).toEqual(Array(3).fill(`sleep ${MOUNT_RETRY_SECONDS}`));
    expect(run.stdout).toContain('mounted (attempt 4)');
  });

  test(`gives up after ${MOUNT_ATTEMPTS} attempts, with a message, and exits non-zero`, () => {
    const fake = instance();
    fake.failMounts(1000);
    const run = fake.run(outputs.default.user_data);
    expect(run.status).toBe(1);
    expect(run.calls.filter((c) => c.startsWith('mount '))).toHaveLength(MOUNT_ATTEMPTS);
    expect(run.calls.filter((c) => c.startsWith('sleep'))).toHaveLength(MOUNT_ATTEMPTS - 1);
    expect(run.stdout).toContain(`not mounted after ${MOUNT_ATTEMPTS} attempts`);
  });

  test('mounts read-only with ro in the entry', () => {
    const run = instance().run(outputs.read_only.user_data);
    expect(run.status).toBe(0);
    expect(entriesFor(run.fstab, '/mnt/efs')).toEqual([outputs.read_only.fstab_line]);
  });

  test('refuses on another distribution than the one named, touching nothing', () => {
    const run = new FakeInstance('ubuntu').run(outputs.default.user_data);
    expect(run.status).toBe(1);
    expect(run.calls).toEqual([]);
    expect(run.fstab).toBe(FSTAB);
    expect(run.stdout).toContain('this instance runs "ubuntu 24.04"');
  });
});

test('on Amazon Linux 2 the script installs amazon-efs-utils with yum', () => {
  const fake = new FakeInstance('al2');
  const run = fake.run(outputs.al2.user_data);
  expect(run.status).toBe(0);
  expect(fake.installedBy()).toBe('install -y amazon-efs-utils');
  expect(run.calls[0]).toBe('yum install -y amazon-efs-utils');
  expect(entriesFor(run.fstab, '/srv/data')).toEqual([outputs.al2.fstab_line]);
});

// .ci/run installs shellcheck (a Debian package); elsewhere the lint runs when it is installed.
const hasShellcheck = spawnSync('shellcheck', ['--version']).status === 0;
(hasShellcheck || process.env.CI ? test : test.skip)(
  'the script passes shellcheck, every line as Terraform renders it',
  () => {
    const file = join(makeTempDir('efs-mount-ec2-lint-'), 'user-data.sh');
    for (const key of ['default', 'al2']) {
      writeFileSync(file, outputs[key].user_data);
      const lint = spawnSync('shellcheck', ['--shell=bash', file], { encoding: 'utf8' });
      expect(`${lint.stdout}${lint.stderr}`).toBe('');
      expect(lint.status).toBe(0);
    }
  },
);

describe('the other forms of the script', () => {
  test('user_data_base64 is the script, base64-encoded', () => {
    expect(Buffer.from(outputs.default.user_data_base64, 'base64').toString('utf8')).toBe(outputs.default.user_data);
  });

  test('cloud_init_part is a #cloud-config YAML document that writes the script as root-only and runs it', () => {
    const [first] = outputs.default.cloud_init_part.split('\n');
    expect(first).toBe('#cloud-config');
    const config = parse(outputs.default.cloud_init_part);
    expect(Object.keys(config).sort()).toEqual(['runcmd', 'write_files']);
    const [file] = config.write_files;
    expect(file).toMatchObject({
      path: '/usr/local/sbin/efs-mount-default.sh',
      owner: 'root:root',
      permissions: '0700',
      encoding: 'b64',
    });
    expect(Buffer.from(file.content, 'base64').toString('utf8')).toBe(outputs.default.user_data);
    expect(config.runcmd).toEqual([['/bin/bash', '/usr/local/sbin/efs-mount-default.sh']]);
  });

  test(`with the longest inputs the rules allow, the user data stays within EC2's ${USER_DATA_LIMIT} bytes`, () => {
    const bytes = Buffer.byteLength(outputs.longest.user_data, 'utf8');
    expect(bytes).toBeLessThanOrEqual(USER_DATA_LIMIT);
    expect(bytes).toBeGreaterThan(USER_DATA_LIMIT - 3);
  });
});
