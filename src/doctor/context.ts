import { EfsLinks } from './analysis/efs-links';
import { Identities } from './analysis/identity';
import { egressRules, type EgressRule } from './analysis/egress-rules';
import { ingressRules, type IngressRule } from './analysis/ingress-rules';
import type { ConfigGraph } from './graph/config-graph';
import { buildConfigGraph } from './graph/build-graph';
import { PlanResources } from './plan/resources';
import type { PlanJson } from './plan/types';

/** Everything a check reads, derived once per plan. */
export interface DoctorContext {
  plan: PlanJson;
  resources: PlanResources;
  graph: ConfigGraph;
  ids: Identities;
  efs: EfsLinks;
  /** Security-group-to-security-group ingress rules, computed on first use. */
  ingressRules(): readonly IngressRule[];
  /** Egress rules of every security group, computed on first use. */
  egressRules(): readonly EgressRule[];
}

export function createContext(plan: PlanJson): DoctorContext {
  const resources = new PlanResources(plan);
  const graph = buildConfigGraph(plan);
  const ids = new Identities(resources, graph);
  let ingress: IngressRule[] | undefined;
  let egress: EgressRule[] | undefined;
  return {
    plan,
    resources,
    graph,
    ids,
    efs: new EfsLinks(resources, ids),
    ingressRules: () => (ingress ??= ingressRules(resources, ids)),
    egressRules: () => (egress ??= egressRules(resources, ids)),
  };
}
