/**
 * Each entry's peer checks (src/peers.ts, run at import by src/assert-peers.ts, and at construct
 * creation by src/core/same-core.ts): one clear error for a missing peer, the other core or a
 * core of another release; a warning for a binding of another release; the ranges are
 * package.json's. The installed trees are folders of package.json files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App as CdktnApp, TerraformStack as CdktnStack } from 'cdktn';
import { EfsFilesystem } from 'efs-modules';
import { checkPeers, satisfies } from '../../src/peers';
import { makeTempDir } from '../support/terraform';

const ROOT = path.resolve(__dirname, '../..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const RANGES: Record<string, string> = pkg.peerDependencies;

/** A folder whose node_modules holds `packages` (name → version), and the folder a package file there would be in. */
function installed(packages: Record<string, string>): string {
  const dir = makeTempDir('efs-modules-peers-');
  for (const [name, version] of Object.entries(packages)) {
    const at = path.join(dir, 'node_modules', name);
    fs.mkdirSync(at, { recursive: true });
    fs.writeFileSync(path.join(at, 'package.json'), JSON.stringify({ name, version, main: 'index.js' }));
    fs.writeFileSync(path.join(at, 'index.js'), '');
  }
  const from = path.join(dir, 'node_modules', 'efs-modules', 'dist');
  fs.mkdirSync(from, { recursive: true });
  return from;
}

const CDKTF_APP = { cdktf: '0.21.0', constructs: '10.4.2', '@cdktf/provider-aws': '21.22.1' };
const CDKTN_APP = { cdktn: '0.24.0', constructs: '10.7.2', '@cdktn/provider-aws': '25.7.0' };

test('the range check reads ^, comparisons, sets and alternatives as npm does', () => {
  expect(satisfies('0.21.0', '^0.21.0')).toBe(true);
  expect(satisfies('0.22.0', '^0.21.0')).toBe(false);
  expect(satisfies('21.22.1', '^20.1.0 || ^21.0.0')).toBe(true);
  expect(satisfies('20.0.0', '^20.1.0 || ^21.0.0')).toBe(false);
  expect(satisfies('22.0.0', '^20.1.0 || ^21.0.0')).toBe(false);
  expect(satisfies('10.7.2', '>=10.6.0 <10.8.0')).toBe(true);
  expect(satisfies('10.8.0', '>=10.6.0 <10.8.0')).toBe(false);
  expect(satisfies('0.24.0-pre.1', '^0.24.0')).toBe(false);
  expect(satisfies('1.2.3', '1.2.3')).toBe(true);
  expect(satisfies('1.2.3', '~1.2.0')).toBeUndefined();
});

test('every peer range of package.json is one the check reads, and the versions locked for the tests are in it', () => {
  const locked = (name: string) =>
    JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')).version;
  const versions: Record<string, string[]> = {
    cdktf: [locked('cdktf')],
    cdktn: [locked('cdktn')],
    constructs: [locked('constructs')],
    '@cdktf/provider-aws': [locked('@cdktf/provider-aws'), locked('cdktf-provider-aws-21')],
    '@cdktn/provider-aws': [locked('@cdktn/provider-aws')],
  };
  expect(Object.keys(RANGES).sort()).toEqual(Object.keys(versions).sort());
  for (const [name, list] of Object.entries(versions)) {
    for (const version of list)
      expect({ name, version, ok: satisfies(version, RANGES[name]) }).toEqual({ name, version, ok: true });
  }
});

test("a complete app of either core passes its entry's check", () => {
  expect(checkPeers('cdktf', installed(CDKTF_APP), RANGES)).toEqual({ errors: [], warnings: [] });
  expect(checkPeers('cdktn', installed(CDKTN_APP), RANGES)).toEqual({ errors: [], warnings: [] });
});

test('the cdktf entry in a cdktn app says to import efs-modules/cdktn, and the other way round', () => {
  expect(checkPeers('cdktf', installed(CDKTN_APP), RANGES).errors).toEqual([
    "'efs-modules' is the entry for CDK for Terraform (cdktf) apps, and cdktf is not installed. In a CDK Terrain (cdktn) app, import the constructs from 'efs-modules/cdktn'.",
  ]);
  expect(checkPeers('cdktn', installed(CDKTF_APP), RANGES).errors).toEqual([
    "'efs-modules/cdktn' is the entry for CDK Terrain (cdktn) apps, and cdktn is not installed. In a CDK for Terraform (cdktf) app, import the constructs from 'efs-modules'.",
  ]);
});

test('a missing binding is named, with the line that installs the supported versions', () => {
  const { '@cdktf/provider-aws': _, ...withoutBinding } = CDKTF_APP;
  expect(checkPeers('cdktf', installed(withoutBinding), RANGES).errors).toEqual([
    "'efs-modules' is the entry for CDK for Terraform (cdktf) apps; it needs @cdktf/provider-aws beside it, not installed here: " +
      'npm install cdktf@"^0.21.0" constructs@"^10.4.2" @cdktf/provider-aws@"^20.1.0 || ^21.0.0"',
  ]);
});

test('a core of another release is refused; a binding of another release is only warned about', () => {
  const old = checkPeers(
    'cdktf',
    installed({ ...CDKTF_APP, cdktf: '0.20.12', '@cdktf/provider-aws': '19.65.1' }),
    RANGES,
  );
  expect(old.errors).toEqual([
    expect.stringMatching(
      /^cdktf 0\.20\.12 is installed, outside the range efs-modules supports \(\^0\.21\.0\): npm install /,
    ),
  ]);
  expect(old.warnings).toEqual([
    expect.stringMatching(
      /^@cdktf\/provider-aws 19\.65\.1 is installed, outside the range efs-modules supports \(\^20\.1\.0 \|\| \^21\.0\.0\); npm reported it/,
    ),
  ]);
});

test('a construct of the cdktf entry in a cdktn stack fails at creation, naming the entry to import, not later inside synth', () => {
  const stack = new CdktnStack(new CdktnApp({ outdir: makeTempDir('efs-modules-mixed-') }), 'app');
  expect(
    () =>
      new EfsFilesystem(stack, 'efs', {
        name: 'shared',
        vpcId: 'vpc-1',
        mountTargets: { a: { subnetId: 'subnet-1' } },
      }),
  ).toThrow(
    new Error(
      'EfsFilesystem "app/efs" is in a stack that is not of the cdktf package \'efs-modules\' imports. In a CDK Terrain (cdktn) app, ' +
        "import the constructs from 'efs-modules/cdktn'; in a CDK for Terraform app, keep one copy of cdktf (npm ls cdktf).",
    ),
  );
});
