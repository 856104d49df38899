/**
 * Jest global teardown: stops the provider processes started by jest-global-setup.ts (waiting for
 * them) and removes its initialised root.
 */
import * as fs from 'fs';
import type { Started } from './jest-global-setup';

export default async function globalTeardown(): Promise<void> {
  const started = globalThis as Started;
  await Promise.all([started.efsModulesSharedProvider?.stop(), started.efsModulesProviderBroker?.stop()]);
  if (started.efsModulesInitialisedRoot && process.env.EFS_MODULES_KEEP_TMP !== '1') {
    fs.rmSync(started.efsModulesInitialisedRoot, { recursive: true, force: true });
  }
}
