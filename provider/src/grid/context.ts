// The provider's connection to the grid: the chain client, the signing key and twin, and node
// clients looked up through the chain's directory.
import { ChainClient, NodeClient, type KeyPair } from '../../../proto';
import { GridError } from './grid-error';
import { randomFreePort, WG_PORT_MAX, WG_PORT_MIN } from './wg-ports';

export class GridContext {
  private readonly nodes = new Map<number, NodeClient>();
  /** wireguard ports handed out by this run (or refused by the node), per node */
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
      client = new NodeClient(node.address, { timeoutMs: 30_000 });
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
      throw new GridError(`node ${nodeId} has no free wireguard port left in ${WG_PORT_MIN}-${WG_PORT_MAX}: put the network on another node`);
    }
    mine.add(port);
    return port;
  }

  close(): void {
    for (const c of this.nodes.values()) c.close();
    this.chain.close();
  }
}
