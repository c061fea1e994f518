// The provider's connection to the grid: the chain client, the signing key and twin, and node
// clients looked up through the chain's directory.
import { ChainClient, NodeClient, type KeyPair } from '../../../proto';

export class GridContext {
  private readonly nodes = new Map<number, NodeClient>();

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

  close(): void {
    for (const c of this.nodes.values()) c.close();
    this.chain.close();
  }
}
