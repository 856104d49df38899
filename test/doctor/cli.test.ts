/**
 * End to end: the launcher a user or a CI step runs, as a child process
 * (`node bin/efs-modules.js doctor <file>`), on committed fixture plans.
 */
import execa from 'execa';
import * as fs from 'fs';
import * as path from 'path';
import { makeTempDir } from '../support/terraform';
import { planJsonPath, REPO_ROOT } from './fixtures';

function cli(args: string[], input?: string) {
  return execa('node', [path.join(REPO_ROOT, 'bin', 'efs-modules.js'), ...args], {
    cwd: REPO_ROOT,
    reject: false,
    input,
  });
}

describe('efs-modules doctor (CLI)', () => {
  it('exits 0 on a clean plan', async () => {
    const result = await cli(['doctor', planJsonPath('module-wiring')]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe('efs-modules doctor: OK: 0 errors, 0 warnings.');
  });

  it('exits 1 on errors, with the stable --json schema', async () => {
    const result = await cli(['doctor', '--json', planJsonPath('replace-file-system')]);
    expect(result.exitCode).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(Object.keys(report)).toEqual(['ok', 'findings']);
    expect(report.ok).toBe(false);
    expect(report.findings).toHaveLength(4);
    // securityHub only on findings of checks that match a Security Hub control.
    for (const f of report.findings)
      expect(Object.keys(f)).toEqual([
        'check',
        'severity',
        'address',
        'message',
        ...(f.check === 'file-system-backup' ? ['securityHub'] : []),
      ]);
    expect(report.findings[2]).toMatchObject({ check: 'file-system-backup', securityHub: ['EFS.2', 'EFS.7'] });
    expect(report.findings[0]).toMatchObject({
      check: 'file-system-data-loss',
      severity: 'error',
      address: 'aws_efs_file_system.data',
    });
  });

  it('reads stdin; warnings alone pass, and fail with --strict', async () => {
    // The clean plan without its configuration section: only undecidable findings (warnings).
    const plan = JSON.parse(fs.readFileSync(planJsonPath('clean'), 'utf8'));
    delete plan.configuration;
    const file = path.join(makeTempDir('efs-modules-doctor-'), 'plan.json');
    fs.writeFileSync(file, JSON.stringify(plan));
    const lenient = await cli(['doctor', file]);
    expect(lenient.exitCode).toBe(0);
    expect(lenient.stdout).toMatch(/^WARNING /);
    const strict = await cli(['doctor', '--strict', '--json', '-'], JSON.stringify(plan));
    expect(strict.exitCode).toBe(1);
    expect(JSON.parse(strict.stdout).ok).toBe(false);
  });

  it('exits 2 on input that is not a plan', async () => {
    const result = await cli(['doctor', path.join(REPO_ROOT, 'package.json')]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /not Terraform's JSON output; produce it with `terraform plan -out=tfplan && terraform show -json tfplan > plan.json`/,
    );
  });
});

describe('bin/efs-modules.js', () => {
  /** A copy of the launcher in a directory laid out like the npm package: bin/ and dist/, no src/, no node_modules. */
  function packageLike(withDist: boolean): string {
    const root = makeTempDir('efs-modules-bin-');
    fs.mkdirSync(path.join(root, 'bin'));
    fs.copyFileSync(path.join(REPO_ROOT, 'bin', 'efs-modules.js'), path.join(root, 'bin', 'efs-modules.js'));
    if (withDist) {
      fs.mkdirSync(path.join(root, 'dist'), { recursive: true });
      fs.writeFileSync(
        path.join(root, 'dist', 'cli.js'),
        "exports.run = (argv) => { process.stdout.write('compiled ' + argv.join(' ')); process.exitCode = 1; };\n",
      );
    }
    return root;
  }

  it('runs dist/cli.js where there is no source (the npm package)', async () => {
    const root = packageLike(true);
    const result = await execa('node', [path.join(root, 'bin', 'efs-modules.js'), 'doctor', 'plan.json'], {
      cwd: root,
      reject: false,
    });
    expect(result).toMatchObject({ exitCode: 1, stdout: 'compiled doctor plan.json' });
  });

  it('exits 2 with a hint when there is neither', async () => {
    const root = packageLike(false);
    const result = await execa('node', [path.join(root, 'bin', 'efs-modules.js'), 'doctor', 'plan.json'], {
      cwd: root,
      reject: false,
    });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toMatch(/dist\/cli\.js is missing/);
  });
});
