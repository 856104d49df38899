/**
 * Jest global setup: starts the one AWS provider process (test/support/shared-provider.ts) that
 * schema-only terraform commands of every test file attach to, the broker of configured
 * provider processes that plans share per configuration (test/support/provider-broker.ts), and
 * initialises the one root whose lock file and providers the tests' roots reuse
 * (test/support/installed-providers.ts); it hands all three to the workers through the
 * environment they inherit. EFS_MODULES_SHARED_PROVIDER=0 turns all three off. Every provider
 * process is reached through the schema filter (test/support/schema-filter.ts) unless
 * EFS_MODULES_SCHEMA_FILTER=0.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { INSTALLED_PROVIDERS_ENV, TEMPLATE_MAIN_TF } from './installed-providers';
import { PROVIDER_BROKER_ENV, ProviderBroker, startProviderBroker } from './provider-broker';
import { filteredBy, repositoryTypes, schemaFilterEnabled } from './schema-filter';
import { SHARED_PROVIDER_ENV, SharedProvider, mirroredProviderBinary, startSharedProvider } from './shared-provider';
import { providerMirror, terraform, terraformEnv } from './terraform';

/** What the teardown stops; jest runs setup and teardown in the same context. */
export interface Started {
  efsModulesSharedProvider?: SharedProvider;
  efsModulesProviderBroker?: ProviderBroker;
  efsModulesInitialisedRoot?: string;
}

/** `terraform init` of a root that requires the AWS provider only, in a folder of its own. */
async function initialisedRoot(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'efs-modules-initialised-'));
  fs.writeFileSync(path.join(dir, 'main.tf'), TEMPLATE_MAIN_TF);
  await terraform(dir, ['init', '-input=false', '-no-color']);
  return dir;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.EFS_MODULES_SHARED_PROVIDER === '0') return;
  const mirror = providerMirror();
  const binary = mirror && mirroredProviderBinary(mirror);
  if (!binary) return;
  const started = globalThis as Started;
  // Each provider process behind the schema filter, unless it is turned off.
  const filtered = schemaFilterEnabled()
    ? filteredBy(repositoryTypes(), binary)
    : (starting: Promise<SharedProvider>) => starting;
  // Slower, not wrong, when any of them fails: the commands then start their own provider or init.
  const [shared, broker, initialised] = await Promise.allSettled([
    filtered(startSharedProvider(binary, terraformEnv())),
    startProviderBroker(binary, terraformEnv(), filtered),
    initialisedRoot(),
  ]);
  if (shared.status === 'fulfilled') {
    process.env[SHARED_PROVIDER_ENV] = shared.value.reattach;
    started.efsModulesSharedProvider = shared.value;
  } else {
    console.warn(
      `efs-modules tests: no shared AWS provider process, each schema-only command starts its own (${(shared.reason as Error).message})`,
    );
  }
  if (broker.status === 'fulfilled') {
    process.env[PROVIDER_BROKER_ENV] = broker.value.socket;
    started.efsModulesProviderBroker = broker.value;
  } else {
    console.warn(
      `efs-modules tests: no provider broker, each plan starts its own provider (${(broker.reason as Error).message})`,
    );
  }
  if (initialised.status === 'fulfilled') {
    process.env[INSTALLED_PROVIDERS_ENV] = initialised.value;
    started.efsModulesInitialisedRoot = initialised.value;
  } else {
    console.warn(
      `efs-modules tests: no initialised root to reuse, each root runs terraform init (${(initialised.reason as Error).message})`,
    );
  }
}
