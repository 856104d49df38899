/**
 * Plans on a configured provider process shared through the broker (behind the schema filter, as
 * the run uses it) equal plans on a process of their own, in sequence and at once, and plans of
 * another configuration never get that process. This is what lets the harness (reattachFor in
 * terraform.ts) send every plan of a root with the offline configuration to one process per
 * configuration.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ProviderBroker, configuredProvider, startProviderBroker } from './provider-broker';
import { offlineProviderKey } from './provider-config';
import { filteredBy } from './schema-filter';
import { SMALL_ROOT_TYPES, plannedWith, smallRootTf } from './small-root';
import { init, providerOverride, stageRoot, terraformEnv } from './terraform';

let broker: ProviderBroker;
let east: string;
let west: string;

/** A staged root with the offline provider configuration of region, initialised. */
async function offlineRoot(region: string): Promise<string> {
  const dir = stageRoot({ 'main.tf': smallRootTf('broker'), 'provider.tf': providerOverride(region) });
  await init(dir);
  return dir;
}

/** The provider binary init linked into dir (the one every plan of the suite runs). */
function linkedBinary(dir: string): string {
  const base = path.join(dir, '.terraform', 'providers', 'registry.terraform.io', 'hashicorp', 'aws');
  const [version] = fs.readdirSync(base);
  const [platform] = fs.readdirSync(path.join(base, version));
  const folder = path.join(base, version, platform);
  return path.join(
    folder,
    fs.readdirSync(folder).find((f) => f.startsWith('terraform-provider-aws'))!,
  );
}

beforeAll(async () => {
  [east, west] = await Promise.all([offlineRoot('us-east-1'), offlineRoot('eu-west-1')]);
  // As the run starts it: each process behind the schema filter, here with the types of the small root.
  const binary = linkedBinary(east);
  broker = await startProviderBroker(binary, terraformEnv(), filteredBy(SMALL_ROOT_TYPES, binary));
});

afterAll(() => broker?.stop());

test('the broker gives one process per configuration key', async () => {
  const [a, b, c] = await Promise.all(
    [offlineProviderKey(east)!, offlineProviderKey(east)!, offlineProviderKey(west)!].map((key) =>
      configuredProvider(key, broker.socket),
    ),
  );
  expect(a).toMatch(/"registry.terraform.io\/hashicorp\/aws"/);
  expect(b).toBe(a);
  expect(c).toMatch(/"registry.terraform.io\/hashicorp\/aws"/);
  expect(c).not.toBe(a);
});

test('plans on one configured process, at once and in sequence, equal the plan of a process of its own', async () => {
  const eastProcess = await configuredProvider(offlineProviderKey(east)!, broker.socket);
  const westProcess = await configuredProvider(offlineProviderKey(west)!, broker.socket);
  const own = await plannedWith(east);
  // Two plans of the east configuration and one of the west configuration at the same time.
  const [first, second, other] = await Promise.all([
    plannedWith(east, eastProcess),
    plannedWith(east, eastProcess),
    plannedWith(west, westProcess),
  ]);
  const later = await plannedWith(east, eastProcess);
  for (const shared of [first, second, later]) {
    expect(shared.resource_changes).toEqual(own.resource_changes);
    expect(shared.planned_values).toEqual(own.planned_values);
    expect(shared).toEqual(own);
  }
  expect(own.planned_values?.outputs?.region.value).toBe('us-east-1');
  expect(other.planned_values?.outputs?.region.value).toBe('eu-west-1');
});

test('a provider process that died is replaced on the next request, not handed out again', async () => {
  const key = 'aws-offline:replaced-after-death';
  const first = (await configuredProvider(key, broker.socket))!;
  const pid = (JSON.parse(first) as Record<string, { Pid: number }>)['registry.terraform.io/hashicorp/aws'].Pid;
  process.kill(pid, 'SIGKILL');
  // The broker learns of the death asynchronously (its watchdog shell exits); ask until it has.
  let next = first;
  for (let i = 0; i < 100 && next === first; i++) {
    await new Promise((r) => setTimeout(r, 100));
    next = (await configuredProvider(key, broker.socket))!;
  }
  expect(next).not.toBe(first);
  const nextPid = (JSON.parse(next) as Record<string, { Pid: number }>)['registry.terraform.io/hashicorp/aws'].Pid;
  expect(fs.existsSync(`/proc/${nextPid}`)).toBe(true);
});
