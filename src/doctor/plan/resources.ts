import { configAddress, modulePathOf } from './address';
import { Planned } from './planned';
import type { Action, Change, PlanJson } from './types';

/** One resource instance of the plan, with its planned values. */
export interface PlanResource {
  /** Instance address, as Terraform prints it. */
  address: string;
  /** The configuration object it comes from: instance keys dropped. */
  configAddress: string;
  /** Module call names from the root, e.g. ['efs'] for module.efs["x"]. */
  modulePath: string[];
  mode: 'managed' | 'data';
  type: string;
  actions: Action[];
  /** Why Terraform plans this action, e.g. replace_because_cannot_update, delete_because_no_resource_config. */
  actionReason?: string;
  /** Values after apply (null when the instance is deleted). */
  after: Planned;
  change: Change;
}

/** The instance still exists after apply. */
export function remains(resource: PlanResource): boolean {
  return !resource.actions.every((action) => action === 'delete' || action === 'forget');
}

/** The instance is created by this plan (alone or as part of a replacement). */
export function isCreated(resource: PlanResource): boolean {
  return resource.actions.includes('create');
}

/** The managed resource instances of a plan, looked up by type and by configuration object. */
export class PlanResources {
  readonly all: readonly PlanResource[];
  private readonly byConfig = new Map<string, PlanResource[]>();

  constructor(plan: PlanJson) {
    this.all = (plan.resource_changes ?? [])
      .filter((rc) => rc.mode === 'managed')
      .map((rc) => ({
        address: rc.address,
        configAddress: configAddress(rc.address),
        modulePath: modulePathOf(rc.module_address),
        mode: rc.mode,
        type: rc.type,
        actions: rc.change.actions,
        actionReason: rc.action_reason,
        after: Planned.after(rc.change),
        change: rc.change,
      }));
    for (const resource of this.all) {
      const list = this.byConfig.get(resource.configAddress) ?? [];
      list.push(resource);
      this.byConfig.set(resource.configAddress, list);
    }
  }

  /** Instances of a type that still exist after apply. */
  ofType(type: string): PlanResource[] {
    return this.all.filter((r) => r.type === type && remains(r));
  }

  /** Every instance (including deleted ones) of a type. */
  changesOfType(type: string): PlanResource[] {
    return this.all.filter((r) => r.type === type);
  }

  /** Instances of a configuration object that still exist after apply. */
  instancesOf(configAddress: string): PlanResource[] {
    return (this.byConfig.get(configAddress) ?? []).filter(remains);
  }
}
