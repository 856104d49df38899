/**
 * The usage block of a mount module's README (its first hcl block) as a root to plan: the Git
 * module sources pointed at this checkout's modules, staged beside them with the offline provider
 * override and the example function's package.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../examples';
import { providerOverride, stage } from '../terraform';

/** modules/<module>/README.md. */
export const readmeOf = (module: string): string => readFileSync(join(ROOT, 'modules', module, 'README.md'), 'utf8');

/** The hcl blocks of a README text, in order, with Git module sources made local. */
export function hclBlocks(readme: string): string[] {
  return [...readme.matchAll(/```hcl\n([\s\S]*?)```/g)].map((m) =>
    m[1].replace(/"git::[^"]*\/\/modules\/([\w-]+)\?ref=[^"]*"/g, '"../modules/$1"'),
  );
}

/** The usage block: the first hcl block of the module's README. */
export function usageOf(module: string): string {
  const [usage] = hclBlocks(readmeOf(module));
  if (usage === undefined) throw new Error(`modules/${module}/README.md has no hcl block`);
  return usage;
}

/** A fresh root holding `mainTf` beside every module, ready for init; returns its folder. */
export function stageUsage(mainTf: string): string {
  const dir = join(stage(ROOT, ['modules'], { 'usage/provider_override.tf': providerOverride() }), 'usage');
  writeFileSync(join(dir, 'main.tf'), mainTf);
  copyFileSync(join(ROOT, 'examples', 'lambda', 'handler.zip'), join(dir, 'handler.zip'));
  return dir;
}
