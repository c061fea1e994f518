// Registers the node on chain at start: its twin (once), then the node on its farm with capacity
// and daemon address; on later starts it updates the address or capacity when they changed.
import { isNotFound, type ChainClient, type KeyPair } from '../../proto';
import type { Capacity } from './capacity';
import type { NodeStore } from './store/node-store';

export interface Registration {
  nodeId: number;
  twinId: number;
  farmId: number;
}

export type PublicConfig = { ipv4: string; gw4: string; ipv6: string; gw6: string; domain: string };

/** Registers (or updates) the node; a gateway node's public config is published on chain. */
export async function registerNode(
  chain: ChainClient,
  key: KeyPair,
  store: NodeStore,
  farmId: number,
  total: Capacity,
  address: string,
  publicConfig?: PublicConfig,
): Promise<Registration> {
  let twinId: number;
  try {
    twinId = (await chain.twinByAccount(key.publicKey)).id;
  } catch (err) {
    if (!isNotFound(err)) throw err;
    twinId = (await chain.submit(key, { createTwin: { relay: address } })).createdIds[0];
  }
  const resources = { cru: total.cru, mru: total.mru, sru: total.sru, hru: total.hru };
  const known = Number(store.meta('node_id') ?? 0);
  if (known) {
    const n = await chain.node(known);
    if (n.farmId !== farmId)
      throw new Error(
        `this data folder belongs to node ${known} of farm ${n.farmId}, not of farm ${farmId}: use its own data folder per node`,
      );
    const pc = publicConfig ?? n.publicConfig;
    const same =
      n.address === address &&
      n.resources?.cru === resources.cru &&
      n.resources?.mru === resources.mru &&
      n.resources?.sru === resources.sru &&
      n.resources?.hru === resources.hru &&
      JSON.stringify(pc ?? null) === JSON.stringify(n.publicConfig ?? null);
    if (!same) await chain.submit(key, { updateNode: { nodeId: known, resources, address, location: n.location, publicConfig: pc } });
    return { nodeId: known, twinId, farmId };
  }
  const nodeId = (
    await chain.submit(key, {
      createNode: {
        farmId,
        resources,
        address,
        location: { city: 'Local', country: 'Simulated', latitude: 0, longitude: 0 },
        ...(publicConfig ? { publicConfig } : {}),
      },
    })
  ).createdIds[0];
  store.setMeta('node_id', String(nodeId));
  return { nodeId, twinId, farmId };
}
