/**
 * The "Mounting an access point you already have" section of a mount module's README: its hcl
 * block replaces the same-named module blocks of the README's usage block, and the result (an
 * access point of efs-filesystem created in the same configuration as the mount that uses it) is
 * planned as written with the real AWS provider, with `terraform graph` for the order.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../examples';
import { init, plan, providerOverride, stage } from '../terraform';
import { PlannedExample, graphOf } from './examples';

const SECTION = '## Mounting an access point you already have';

/** The hcl blocks of a README, in order, with Git module sources made local. */
function hclBlocks(readme: string): string[] {
  return [...readme.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) => m[1].replace(/"git::[^"]*\/\/modules\/([\w-]+)\?ref=[^"]*"/g, '"../modules/$1"'));
}

/** Top-level `module "<name>" { … }` blocks of a configuration, by name. */
function moduleBlocks(hcl: string): Map<string, string> {
  return new Map([...hcl.matchAll(/^module "([\w-]+)" \{\n[\s\S]*?^\}\n/gm)].map((m) => [m[1], m[0]]));
}

/** The usage block with the access point section's module blocks in place of the same-named ones. */
export function accessPointUsage(module: string): string {
  const readme = readFileSync(join(ROOT, 'modules', module, 'README.md'), 'utf8');
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`modules/${module}/README.md has no "${SECTION}" section`);
  const [usage] = hclBlocks(readme);
  const [section] = hclBlocks(readme.slice(start));
  const replacements = moduleBlocks(section);
  if (replacements.size === 0) throw new Error(`the "${SECTION}" block of modules/${module}/README.md has no module block`);
  let root = usage;
  for (const [name, block] of replacements) {
    const old = moduleBlocks(root).get(name);
    if (!old) throw new Error(`the usage block of modules/${module}/README.md has no module "${name}"`);
    root = root.replace(old, block);
  }
  return root;
}

/** Plans the usage with the access point section swapped in, as a first plan (no state). */
export async function planAccessPointUsage(module: string): Promise<PlannedExample> {
  const dir = join(stage(ROOT, ['modules'], { 'usage/provider_override.tf': providerOverride() }), 'usage');
  writeFileSync(join(dir, 'main.tf'), accessPointUsage(module));
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  await init(dir);
  const [p, graph] = await Promise.all([plan(dir), graphOf(dir)]);
  return { dir, plan: p, graph };
}
