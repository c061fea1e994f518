// -target: which resource instances a plan may touch. A target brings in everything it depends
// on (or, when destroying, everything that depends on it), as Terraform does.
import type { InstanceAddress } from '../addresses/address';
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
  for (const t of targets) for (const n of edges.get(t.resource) ?? []) visit(n);
  const direct = new Map<string, Set<string> | 'all'>();
  for (const t of targets) {
    if (t.key === undefined) direct.set(t.resource, 'all');
    else if (direct.get(t.resource) !== 'all')
      ((direct.get(t.resource) as Set<string> | undefined) ?? (direct.set(t.resource, new Set()).get(t.resource) as Set<string>)).add(
        instanceKeyString(t.key),
      );
  }
  return {
    includes(resource, key, _address) {
      const d = direct.get(resource);
      if (d === 'all') return true;
      if (d && key !== undefined && d.has(instanceKeyString(key))) return true;
      return closure.has(resource);
    },
  };
}

function instanceKeyString(key: string | number): string {
  return typeof key === 'number' ? `#${key}` : `"${key}`;
}
