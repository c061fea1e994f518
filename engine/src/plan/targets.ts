// -target: which resource instances a plan may touch. A target brings in everything it depends
// on (or, when destroying, everything that depends on it), as Terraform does.
import { instanceAddress, isModuleAddress, type InstanceAddress } from '../addresses/address';
import type { Graph } from '../graph/graph';

export interface TargetFilter {
  /** whether the plan may include this instance of this resource */
  includes(resource: string, key: InstanceAddress['key'], instanceAddress: string): boolean;
}

export function targetFilter(
  targets: readonly InstanceAddress[],
  graph: Graph,
  destroy: boolean,
  stateDeps: ReadonlyMap<string, readonly string[]>,
): TargetFilter | undefined {
  if (!targets.length) return undefined;
  const edges = new Map<string, Set<string>>();
  const add = (from: string, to: string) => (edges.get(from) ?? edges.set(from, new Set()).get(from)!).add(to);
  for (const [a, deps] of graph.deps) for (const d of deps) destroy ? add(d, a) : add(a, d);
  for (const [a, deps] of stateDeps) for (const d of deps) destroy ? add(d, a) : add(a, d);
  const closure = new Set<string>();
  const visit = (a: string) => {
    if (closure.has(a)) return;
    closure.add(a);
    for (const n of edges.get(a) ?? []) visit(n);
  };
  // a module target (module.vm, module.vm["a"]) targets every resource inside that module
  const modules = targets.map((t) => instanceAddress(t.resource, t.key)).filter(isModuleAddress);
  const inModule = (resource: string) => modules.some((m) => resource.startsWith(`${m}.`) || resource.startsWith(`${m}[`));
  const resourceTargets = targets.filter((t) => !isModuleAddress(instanceAddress(t.resource, t.key)));
  const everyResource = new Set([...graph.deps.keys(), ...stateDeps.keys()]);
  for (const r of everyResource) if (inModule(r)) resourceTargets.push({ resource: r, key: undefined });
  for (const t of resourceTargets) for (const n of edges.get(t.resource) ?? []) visit(n);
  const direct = new Map<string, Set<string> | 'all'>();
  for (const t of resourceTargets) {
    if (t.key === undefined) direct.set(t.resource, 'all');
    else if (direct.get(t.resource) !== 'all')
      ((direct.get(t.resource) as Set<string> | undefined) ?? (direct.set(t.resource, new Set()).get(t.resource) as Set<string>)).add(
        instanceKeyString(t.key),
      );
  }
  return {
    includes(resource, key, _address) {
      const d = direct.get(resource);
      if (d === 'all' || inModule(resource)) return true;
      if (d && key !== undefined && d.has(instanceKeyString(key))) return true;
      return closure.has(resource);
    },
  };
}

function instanceKeyString(key: string | number): string {
  return typeof key === 'number' ? `#${key}` : `"${key}`;
}
