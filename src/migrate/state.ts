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
    throw new StateParseError(
      'this is a plan; give the state: `terraform show -json > state.json` (no plan file argument)',
    );
  }
  const root: StateModule | undefined = parsed.values?.root_module;
  if (!root) throw new StateParseError('the state is empty (no values.root_module)');
  const found = findModule(root, address);
  if (!found) {
    const names = listModules(root);
    throw new StateParseError(
      `no ${address} in the state; its modules are: ${names.length ? names.join(', ') : 'none'}`,
    );
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

/**
 * The managed resources of a root module (a CDKTF stack has no child modules), from any of:
 * `terraform show -json` of the state; `terraform show -json` of a saved plan, whose prior state
 * is read (the plan must change nothing: the state is what it was planned against); or the state
 * file itself (`terraform state pull`, `terraform.<stack>.tfstate`), format version 4.
 */
export function rootResources(text: string): StateResource[] {
  let parsed: any;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateParseError(`not JSON: ${(error as Error).message}`);
  }
  if (!parsed || typeof parsed !== 'object') throw new StateParseError('not a Terraform state or plan');
  if (Array.isArray(parsed.resources) && 'version' in parsed) return fromStateFile(parsed);
  if (!('format_version' in parsed)) {
    throw new StateParseError(
      'neither a state file (no version and resources) nor the output of `terraform show -json` (no format_version)',
    );
  }
  if ('resource_changes' in parsed || 'planned_values' in parsed) {
    const pending = (parsed.resource_changes ?? []).filter(
      (c: any) => c.mode === 'managed' && !isNoOp(c.change?.actions ?? []),
    );
    if (pending.length > 0) {
      throw new StateParseError(
        `this plan changes ${pending.length} resource(s) (${pending
          .slice(0, 3)
          .map((c: any) => c.address)
          .join(', ')}${pending.length > 3 ? ', …' : ''}); ` +
          'apply it first (`cdktf deploy`), so the state matches the stack, then plan again or give the state',
      );
    }
    const root = parsed.prior_state?.values?.root_module;
    if (!root) throw new StateParseError('the plan holds no prior state (was it made against an empty state?)');
    return managed(root);
  }
  const root = parsed.values?.root_module;
  if (!root) throw new StateParseError('the state is empty (no values.root_module)');
  return managed(root);
}

const isNoOp = (actions: string[]) => actions.every((a) => a === 'no-op' || a === 'read');

function managed(root: StateModule): StateResource[] {
  return (root.resources ?? []).filter((r) => r.mode === 'managed');
}

interface StateFileResource {
  module?: string;
  mode: 'managed' | 'data';
  type: string;
  name: string;
  instances?: { index_key?: string | number; attributes?: Record<string, any> }[];
}

function fromStateFile(state: { version: unknown; resources: StateFileResource[] }): StateResource[] {
  if (state.version !== 4)
    throw new StateParseError(
      `state format version ${String(state.version)}; this command reads version 4 (Terraform >= 0.12)`,
    );
  return state.resources
    .filter((r) => !r.module && r.mode === 'managed')
    .flatMap((r) =>
      (r.instances ?? []).map((i) => ({
        address: `${r.type}.${r.name}${indexSuffix(i.index_key)}`,
        mode: r.mode,
        type: r.type,
        name: r.name,
        ...(i.index_key !== undefined ? { index: i.index_key } : {}),
        values: i.attributes ?? {},
      })),
    );
}
