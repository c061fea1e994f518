// Where a configuration names a node: the first `node` attribute equal to the id, or its place
// in a `nodes` list, at any depth of blocks (grid_kubernetes: master.node, workers[1].node;
// grid_network: nodes[0]). Diagnostics about a node point there.
import type { AttributePath, PathStep } from '../../../engine';

type Tree = unknown;

export function nodeAttributePath(config: Tree, nodeId: number, at: PathStep[] = []): AttributePath | undefined {
  if (Array.isArray(config)) {
    for (const [i, item] of config.entries()) {
      const found = nodeAttributePath(item, nodeId, [...at, i]);
      if (found) return found;
    }
    return undefined;
  }
  if (!config || typeof config !== 'object') return undefined;
  for (const [key, value] of Object.entries(config)) {
    if (key === 'node' && Number(value) === nodeId) return [...at, key];
    if (key === 'nodes' && Array.isArray(value)) {
      const i = value.findIndex((v) => Number(v) === nodeId);
      if (i >= 0) return [...at, key, i];
    }
    if (typeof value === 'object') {
      const found = nodeAttributePath(value, nodeId, [...at, key]);
      if (found) return found;
    }
  }
  return undefined;
}
