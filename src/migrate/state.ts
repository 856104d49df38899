/**
 * Reading `terraform show -json` of a state: the resources of one module instance, by their
 * address inside it (`aws_efs_file_system.this[0]`).
 */

export interface StateResource {
  /** Full address, e.g. `module.efs.aws_efs_file_system.this[0]`. */
  address: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  index?: string | number;
  values: Record<string, any>;
}

interface StateModule {
  address?: string;
  resources?: StateResource[];
  child_modules?: StateModule[];
}

export class StateParseError extends Error {}

/** The module address for a `--module` value: `efs` → `module.efs`; a full address is kept. */
export function moduleAddress(name: string): string {
  return name.startsWith('module.') ? name : `module.${name}`;
}

/** Parses the JSON text and returns the managed resources of the module at `address`. */
export function moduleResources(text: string, address: string): StateResource[] {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateParseError(`not JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object' || !('format_version' in parsed)) {
    throw new StateParseError('not the output of `terraform show -json` (no format_version)');
  }
  if ('resource_changes' in parsed || 'planned_values' in parsed) {
    throw new StateParseError('this is a plan; give the state: `terraform show -json > state.json` (no plan file argument)');
  }
  const root: StateModule | undefined = parsed.values?.root_module;
  if (!root) throw new StateParseError('the state is empty (no values.root_module)');
  const found = findModule(root, address);
  if (!found) {
    const names = listModules(root);
    throw new StateParseError(`no ${address} in the state; its modules are: ${names.length ? names.join(', ') : 'none'}`);
  }
  return (found.resources ?? []).filter((r) => r.mode === 'managed');
}

function findModule(mod: StateModule, address: string): StateModule | undefined {
  if (mod.address === address) return mod;
  for (const child of mod.child_modules ?? []) {
    const found = findModule(child, address);
    if (found) return found;
  }
  return undefined;
}

function listModules(mod: StateModule): string[] {
  return (mod.child_modules ?? []).flatMap((c) => [c.address ?? '', ...listModules(c)]).filter((a) => a !== '');
}

/** The address of a resource inside its module: `aws_efs_file_system.this[0]`. */
export function localAddress(r: StateResource): string {
  return `${r.type}.${r.name}${indexSuffix(r.index)}`;
}

export function indexSuffix(index: string | number | undefined): string {
  if (index === undefined) return '';
  return typeof index === 'number' ? `[${index}]` : `[${JSON.stringify(index)}]`;
}
