/** Jest global teardown: stops the provider processes started by jest-global-setup.ts and waits for them. */
import type { Started } from './jest-global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis as Started;
  await Promise.all([started.efsModulesSharedProvider?.stop(), started.efsModulesProviderBroker?.stop()]);
}
