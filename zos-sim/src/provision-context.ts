// Builds what a workload may look up while it provisions: the twin's networks and the addresses
// already taken on this node, always excluding the workload itself (so a re-provision may keep
// its own address). It reads the node's deployments as they are in memory, not as last committed:
// two workloads provisioned in the same turn of the event loop must see each other's results, or
// both could take the same wireguard port or private address.
import type { node } from '../../proto';
import type { StoredDeployment } from './store/node-store';
import type { NetworkInfo, ProvisionContext } from './workloads/types';

function resultData(w: node.Workload__Output): Record<string, unknown> {
  try {
    return JSON.parse(w.result?.data || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

function data(w: node.Workload__Output): Record<string, unknown> {
  try {
    return JSON.parse(w.data || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}

const LIVE = new Set(['ok', 'init', 'paused']);
/** A network holds its wireguard port once provisioned, as Zero-OS reserves it (not while it waits in init). */
const HOLDS_PORT = new Set(['ok', 'paused']);

export function provisionContext(
  live: () => Iterable<StoredDeployment>,
  nodeId: number,
  d: StoredDeployment,
  self: string,
  reservedIps: readonly { ip: string; gateway: string }[],
  nodePublicKey: string,
): Omit<ProvisionContext, 'publicConfig' | 'nameContract' | 'previous'> {
  // every live workload on the node, this deployment taken as it is in memory, minus `self`
  const others = () =>
    [d, ...[...live()].filter((dep) => dep.contractId !== d.contractId)]
      .flatMap((dep) => dep.workloads.map((w) => ({ dep, w })))
      .filter(({ dep, w }) => !(dep.contractId === d.contractId && w.name === self) && LIVE.has(w.result?.state ?? ''));
  const twinOthers = () => others().filter(({ dep }) => dep.twinId === d.twinId);
  return {
    nodeId,
    twinId: d.twinId,
    contractId: d.contractId,
    nodePublicKey,
    reservedIps,
    network(name): NetworkInfo | undefined {
      const found = twinOthers().find(({ w }) => w.type === 'network' && w.name === name && w.result?.state === 'ok');
      if (!found) return undefined;
      const nd = data(found.w);
      const myceliumKey = (nd.mycelium as { hex_key?: string } | undefined)?.hex_key;
      return { contractId: found.dep.contractId, name, ipRange: String(nd.ip_range), subnet: String(nd.subnet), myceliumKey };
    },
    usedIps(networkName) {
      const used = new Set<string>();
      for (const { w } of twinOthers()) {
        if (w.type !== 'zmachine' && w.type !== 'container') continue;
        const ifaces = (data(w).network as { interfaces?: { network: string }[] } | undefined)?.interfaces ?? [];
        if (ifaces.some((i) => i.network === networkName)) used.add(String(resultData(w).ip ?? ''));
      }
      return used;
    },
    usedPublicIps() {
      return new Set(
        others()
          .filter(({ w }) => w.type === 'ip')
          .map(({ w }) => String(resultData(w).ip ?? ''))
          .filter(Boolean),
      );
    },
    sibling(name) {
      const w = d.workloads.find((x) => x.name === name && x.result?.state === 'ok');
      return w ? { type: w.type, result: resultData(w) } : undefined;
    },
    usedWgPorts() {
      const holders = others().filter(({ w }) => w.type === 'network' && HOLDS_PORT.has(w.result?.state ?? ''));
      return new Set(holders.map(({ w }) => Number(data(w).wireguard_listen_port)));
    },
  };
}
