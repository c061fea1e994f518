// The provider's connection to the grid: the chain client, the signing key and twin, and node
// clients looked up through the chain's directory. A call that cannot reach a node or the chain
// fails with an error naming it (node 2 at 127.0.0.1:40123), the contract if any, and what to do.
import { ChainClient, NodeClient, type KeyPair, type Peer } from '../../../proto';

/** deadline of each call to a node */
const NODE_CALL_TIMEOUT_MS = 30_000;

const IS_IT_RUNNING = 'is it running? `gridform grid status` shows it; `gridform grid up` restarts';

export function chainPeer(): Peer {
  return { name: 'the chain', hint: `${IS_IT_RUNNING} a local grid's chain (or check chain_url in the provider)` };
}

export function nodePeer(nodeId: number): Peer {
  return { name: `node ${nodeId}`, hint: `${IS_IT_RUNNING} a local grid's stopped nodes` };
}

export class GridContext {
  private readonly nodes = new Map<number, NodeClient>();
  /** wireguard ports handed out by this run, per node, not yet visible on the node */
  private readonly wgPorts = new Map<number, Set<number>>();

  constructor(
    readonly chain: ChainClient,
    readonly key: KeyPair,
    readonly twinId: number,
    readonly timeoutMs: number,
  ) {}

  async node(nodeId: number): Promise<NodeClient> {
    let client = this.nodes.get(nodeId);
    if (!client) {
      const node = await this.chain.node(nodeId);
      const signer = { twinId: this.twinId, key: this.key, nodeId };
      client = new NodeClient(node.address, { timeoutMs: NODE_CALL_TIMEOUT_MS, peer: nodePeer(nodeId), signer });
      this.nodes.set(nodeId, client);
    }
    return client;
  }

  /**
   * A wireguard listen port free on the node: not used there, and not handed out to another
   * network of this run (two networks created at once would otherwise pick the same one).
   */
  async freeWgPort(nodeId: number, from: number): Promise<number> {
    const used = new Set(await (await this.node(nodeId)).wgPorts());
    const mine = this.wgPorts.get(nodeId) ?? this.wgPorts.set(nodeId, new Set()).get(nodeId)!;
    let port = from;
    while (used.has(port) || mine.has(port)) port++;
    mine.add(port);
    return port;
  }

  close(): void {
    for (const c of this.nodes.values()) c.close();
    this.chain.close();
  }
}
