/** Jest global teardown: stops the shared AWS provider started by jest-global-setup.ts. */
import type { SharedProvider } from './shared-provider';

export default function globalTeardown(): void {
  (globalThis as { efsModulesSharedProvider?: SharedProvider }).efsModulesSharedProvider?.stop();
}
