/**
 * The natural migration path taken without a guide: a terraform-aws-efs v1.8.1 deployment on
 * maxIO/bursting (test/migration/fixtures) whose module block is swapped for efs-filesystem by
 * hand, planned with the real provider against that state. Terraform adopts the file system at
 * its new address by itself (`this[0]` to `this`), and our defaults (General Purpose, elastic)
 * replace it. The security group the old module made stays (its name and description are set
 * once, at creation), so it witnesses that the module was there before: the replacement guard
 * refuses the plan instead of taking the module for a new one.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/examples';
import { moduleInstances } from '../support/module-root';
import { init, providerOverride, stage, terraform } from '../support/terraform';
import { fixtureText, stateFromShown } from '../migration/support';

/** What a user writes from the old block by hand: the same name, network and client group. */
const SWAPPED = moduleInstances('../modules/efs-filesystem', ['efs'], () => ({
  name: 'scratch',
  vpc_id: 'vpc-0123456789abcdef0',
  mount_targets: { 'us-east-1a': { subnet_id: 'subnet-0123456789abcdef0' } },
  allowed_security_groups: { app: 'sg-0aaaaaaaaaaaaaaa1' },
}));

let exitCode: number | null = null;
let refused = '';
let output = '';

beforeAll(async () => {
  const dir = join(
    stage(ROOT, ['modules/efs-filesystem'], { 'root/provider.tf': providerOverride(), 'root/main.tf': SWAPPED }),
    'root',
  );
  await init(dir);
  writeFileSync(join(dir, 'terraform.tfstate'), JSON.stringify(stateFromShown(JSON.parse(fixtureText('maxio')))));
  const result = await terraform(dir, ['plan', '-no-color', '-input=false', '-refresh=false', '-lock=false'], {
    allowFailure: true,
  });
  exitCode = result.exitCode;
  output = result.stdout;
  refused = result.stderr.replace(/│ ?/g, '').replace(/\s+/g, ' ');
}, 300_000);

test('the plan is refused by the replacement guard, naming what forces the replacement', () => {
  expect({ exitCode, refused }).toMatchObject({
    exitCode: 1,
    refused: expect.stringContaining(
      'allow_file_system_replacement is false, and this plan would replace the file system "scratch" and destroy its data',
    ),
  });
  expect(refused).toContain('performance_mode = "generalPurpose"');
  expect(refused.match(/Error: /g)).toHaveLength(1);
});

test('the old security group is kept: a rename or a new description does not replace it', () => {
  expect(output).not.toMatch(/aws_security_group\.this\[0\] must be replaced/);
});
