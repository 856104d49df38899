/**
 * The constructs refuse a stack of another CDK core. cdktf and cdktn recognise each other's
 * stacks, so a construct of one is created in an app of the other without complaint, and the
 * app fails at synth inside the core (`_resetResolveDiscoveredProviderFeatureUsage is not a
 * function`). That happens when both cores are installed and the app imports the wrong entry, or
 * when an app holds two copies of its core.
 */
import { Construct, TerraformStack } from '../cdktf';
import { CORE } from '../binding';
import { FLAVOURS } from '../peers';

/**
 * Throws, naming the construct and the entry to import, unless `scope` is in a stack of the core
 * this build imports.
 */
export function assertSameCore(scope: Construct, label: string): void {
  const stack = TerraformStack.of(scope);
  if (stack instanceof TerraformStack) return;
  const here = FLAVOURS[CORE];
  const other = FLAVOURS[CORE === 'cdktf' ? 'cdktn' : 'cdktf'];
  const error = new Error(
    `${label} is in a stack that is not of the ${here.core} package '${here.entry}' imports. ` +
      `In a ${other.title} (${other.core}) app, import the constructs from '${other.entry}'; ` +
      `in a ${here.title} app, keep one copy of ${here.core} (npm ls ${here.core}).`,
  );
  error.stack = `${error.name}: ${error.message}`;
  throw error;
}
