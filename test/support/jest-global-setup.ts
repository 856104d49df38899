/**
 * Jest global setup: starts the one AWS provider process (test/support/shared-provider.ts) that
 * schema-only terraform commands of every test file attach to, and hands its address to the
 * workers through the environment they inherit. EFS_MODULES_SHARED_PROVIDER=0 turns it off.
 */
import { SHARED_PROVIDER_ENV, SharedProvider, mirroredProviderBinary, startSharedProvider } from './shared-provider';
import { providerMirror, terraformEnv } from './terraform';

export default async function globalSetup(): Promise<void> {
  if (process.env.EFS_MODULES_SHARED_PROVIDER === '0') return;
  const mirror = providerMirror();
  const binary = mirror && mirroredProviderBinary(mirror);
  if (!binary) return;
  try {
    const shared = await startSharedProvider(binary, terraformEnv());
    process.env[SHARED_PROVIDER_ENV] = shared.reattach;
    (globalThis as { efsModulesSharedProvider?: SharedProvider }).efsModulesSharedProvider = shared;
  } catch (e) {
    // Slower, not wrong: every command then starts its own provider.
    console.warn(`efs-modules tests: no shared AWS provider process, each terraform command starts its own (${(e as Error).message})`);
  }
}
