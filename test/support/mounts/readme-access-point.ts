/**
 * The "Mounting an access point you already have" section of a mount module's README: its hcl
 * block replaces the same-named module blocks of the README's usage block, and the result (an
 * access point of efs-filesystem created in the same configuration as the mount that uses it) is
 * planned as written with the real AWS provider, with `terraform graph` for the order.
 */
import { PlannedExample, planWithGraph } from './examples';
import { hclBlocks, readmeOf, stageUsage, usageOf } from './readme-usage';

const SECTION = '## Mounting an access point you already have';

/** Top-level `module "<name>" { … }` blocks of a configuration, by name. */
function moduleBlocks(hcl: string): Map<string, string> {
  return new Map([...hcl.matchAll(/^module "([\w-]+)" \{\n[\s\S]*?^\}\n/gm)].map((m) => [m[1], m[0]]));
}

/** The usage block with the access point section's module blocks in place of the same-named ones. */
export function accessPointUsage(module: string): string {
  const readme = readmeOf(module);
  const start = readme.indexOf(SECTION);
  if (start < 0) throw new Error(`modules/${module}/README.md has no "${SECTION}" section`);
  const usage = usageOf(module);
  const [section] = hclBlocks(readme.slice(start));
  const replacements = moduleBlocks(section);
  if (replacements.size === 0)
    throw new Error(`the "${SECTION}" block of modules/${module}/README.md has no module block`);
  let root = usage;
  for (const [name, block] of replacements) {
    const old = moduleBlocks(root).get(name);
    if (!old) throw new Error(`the usage block of modules/${module}/README.md has no module "${name}"`);
    root = root.replace(old, block);
  }
  return root;
}

/** Plans the usage with the access point section swapped in, as a first plan (no state). */
export function planAccessPointUsage(module: string): Promise<PlannedExample> {
  return planWithGraph(stageUsage(accessPointUsage(module)));
}
