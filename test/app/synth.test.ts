/** main.ts is a CDKTF app: `cdktf synth` runs it through the real CLI and writes every stack. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import execa from 'execa';
import { ROOT } from '../support/examples';
import { writeFileSync } from 'node:fs';
import { makeTempDir, terraformEnv } from '../support/terraform';

test('cdktf synth writes a Terraform JSON stack per example', async () => {
  const output = makeTempDir('efs-modules-cdktf-');
  await execa('npx', ['cdktf', 'synth', '--output', output], {
    cwd: ROOT,
    env: { ...terraformEnv(), DISABLE_VERSION_CHECK: 'true', CI: 'true' },
  });
  const stack = join(output, 'stacks', 'efs-filesystem-basic', 'cdk.tf.json');
  expect(existsSync(stack)).toBe(true);
  const json = JSON.parse(readFileSync(stack, 'utf8'));
  expect(Object.keys(json.resource)).toContain('aws_efs_file_system');
});

test('bad props stop synthesis with the message, not a stack trace', async () => {
  const from = (rel: string) => JSON.stringify(join(ROOT, rel));
  const script = join(makeTempDir('efs-modules-bad-app-'), 'app.ts');
  writeFileSync(
    script,
    `
    const { App, TerraformStack } = require(${from('src/cdktf')});
    const { EfsFilesystem } = require(${from('src')});
    const { runApp } = require(${from('main')});
    runApp(() => { const app = new App({ outdir: ${JSON.stringify(makeTempDir())} });
      new EfsFilesystem(new TerraformStack(app, 's'), 'efs', { name: 'x', vpcId: 'vpc-0123456789abcdef0', mountTargets: { a: { subnetId: 'subnet-a' } }, throughputMode: 'fast' });
      return app; });`,
  );
  // The way cdktf.json runs the app: node with the esbuild hook of scripts/run-ts.js.
  const result = await execa(process.execPath, [join(ROOT, 'scripts/run-ts.js'), script], { cwd: ROOT, reject: false });
  expect(result.exitCode).toBe(1);
  expect(result.stderr).toContain('throughputMode must be "elastic", "provisioned" or "bursting" (got "fast").');
  expect(result.stderr).toContain(
    'every mountTargets entry\'s subnetId must be a subnet ID such as "subnet-0123456789abcdef0" (got mountTargets["a"].subnetId = "subnet-a").',
  );
  expect(result.stderr).not.toMatch(/\n\s+at /);
});
