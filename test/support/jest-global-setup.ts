/**
 * Jest global setup: starts the one AWS provider process (test/support/shared-provider.ts) that
 * schema-only terraform commands of every test file attach to, and the broker of configured
 * provider processes that plans share per configuration (test/support/provider-broker.ts), and
 * hands both addresses to the workers through the environment they inherit.
 * EFS_MODULES_SHARED_PROVIDER=0 turns both off.
 */
import { PROVIDER_BROKER_ENV, ProviderBroker, startProviderBroker } from './provider-broker';
import { SHARED_PROVIDER_ENV, SharedProvider, mirroredProviderBinary, startSharedProvider } from './shared-provider';
import { providerMirror, terraformEnv } from './terraform';

/** What the teardown stops; jest runs setup and teardown in the same context. */
export interface Started {
  efsModulesSharedProvider?: SharedProvider;
  efsModulesProviderBroker?: ProviderBroker;
}

export default async function globalSetup(): Promise<void> {
  if (process.env.EFS_MODULES_SHARED_PROVIDER === '0') return;
  const mirror = providerMirror();
  const binary = mirror && mirroredProviderBinary(mirror);
  if (!binary) return;
  const started = globalThis as Started;
  // Slower, not wrong, when either fails: the commands then start their own provider.
  const [shared, broker] = await Promise.allSettled([startSharedProvider(binary, terraformEnv()), startProviderBroker(binary, terraformEnv())]);
  if (shared.status === 'fulfilled') {
    process.env[SHARED_PROVIDER_ENV] = shared.value.reattach;
    started.efsModulesSharedProvider = shared.value;
  } else {
    console.warn(`efs-modules tests: no shared AWS provider process, each schema-only command starts its own (${(shared.reason as Error).message})`);
  }
  if (broker.status === 'fulfilled') {
    process.env[PROVIDER_BROKER_ENV] = broker.value.socket;
    started.efsModulesProviderBroker = broker.value;
  } else {
    console.warn(`efs-modules tests: no provider broker, each plan starts its own provider (${(broker.reason as Error).message})`);
  }
}
