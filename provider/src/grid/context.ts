// The provider's connection to the grid: the chain client, the signing key and twin, and node
// clients looked up through the chain's directory. A call that cannot reach a node or the chain
// fails with an error naming it (node 2 at 127.0.0.1:40123), the contract if any, and what to do.
import { ChainClient, NodeClient, type KeyPair, type Peer } from '../../../proto';
import { GridError } from './grid-error';
import { randomFreePort, WG_PORT_MAX, WG_PORT_MIN } from './wg-ports';
import { NodeHealthChecks } from './node-health';
import { ChainReads } from './chain-reads';

/** deadline of each call to a node */
const NODE_CALL_TIMEOUT_MS = 30_000;

const IS_IT_RUNNING = 'is it running? `gridform grid status` shows it; `gridform grid up` restarts';

export function chainPeer(): Peer {
  return { name: 'the chain', hint: `${IS_IT_RUNNING} a local grid's chain (or check substrate_url or chain_url in the provider)` };
}

export function nodePeer(nodeId: number): Peer {
  return { name: `node ${nodeId}`, hint: `${IS_IT_RUNNING} a local grid's stopped nodes` };
}

export class GridContext {
  private readonly nodes = new Map<number, NodeClient>();
  /** wireguard ports handed out by this run (or refused by the node), per node */
  private readonly wgPorts = new Map<number, Set<number>>();
  /** the nodes this run cannot count on (down on chain or not answering), looked at once each */
  readonly health = new NodeHealthChecks(this);
  /** contracts and nodes read many in one chain call (see chain-reads.ts) */
  readonly reads: ChainReads;

  constructor(
    readonly chain: ChainClient,
    readonly key: KeyPair,
    readonly twinId: number,
    readonly timeoutMs: number,
    /** the Grid Proxy (explorer) grid_scheduler asks for nodes */
    readonly proxyUrl = 'http://127.0.0.1:8080',
    /** how long one call to a node may take */
    readonly nodeCallTimeoutMs = NODE_CALL_TIMEOUT_MS,
  ) {
    this.reads = new ChainReads(chain);
  }

  /** This context waiting `timeoutMs` for deployments (a resource's own create timeout); it shares everything else. */
  withTimeout(timeoutMs: number): GridContext {
    return Object.create(this, { timeoutMs: { value: timeoutMs } }) as GridContext;
  }

  async node(nodeId: number): Promise<NodeClient> {
    let client = this.nodes.get(nodeId);
    if (!client) {
      const node = await this.reads.node(nodeId);
      client = this.nodes.get(nodeId); // made meanwhile by a call that asked at the same time
      if (client) return client;
      const signer = { twinId: this.twinId, key: this.key, nodeId };
      client = new NodeClient(node.address, { timeoutMs: this.nodeCallTimeoutMs, peer: nodePeer(nodeId), signer });
      this.nodes.set(nodeId, client);
    }
    return client;
  }

  /**
   * A wireguard listen port to propose on the node (see wg-ports.ts): at random among those the
   * node does not list as taken, nor handed out to another network of this run or refused before.
   */
  async freeWgPort(nodeId: number): Promise<number> {
    const mine = this.wgPorts.get(nodeId) ?? this.wgPorts.set(nodeId, new Set()).get(nodeId)!;
    const taken = new Set([...(await (await this.node(nodeId)).wgPorts()), ...mine]);
    const port = randomFreePort(taken);
    if (port === undefined) {
      throw new GridError(
        `node ${nodeId} has no free wireguard port left in ${WG_PORT_MIN}-${WG_PORT_MAX}: put the network on another node`,
      );
    }
    mine.add(port);
    return port;
  }

  close(): void {
    for (const c of this.nodes.values()) c.close();
    this.chain.close();
  }
}
