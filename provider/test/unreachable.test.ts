// A node or the chain that cannot be reached: the provider's error names it (node 2 at HOST:PORT),
// the contract the call was about, why (connection refused, no answer in time) and what to do.
// Real gRPC servers on loopback, stopped or silent on purpose.
import * as grpc from '@grpc/grpc-js';
import { ChainClient, chainProto, keyPairFromSeed, NodeClient, nodeProto, statusError } from '../../proto';
import { chainPeer, GridContext, nodePeer } from '../src/grid/context';

type Handler = (call: grpc.ServerUnaryCall<unknown, unknown>, cb: grpc.sendUnaryData<unknown>) => void;

async function serve(add: (s: grpc.Server) => void): Promise<{ address: string; server: grpc.Server }> {
  const server = new grpc.Server();
  add(server);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { address: `127.0.0.1:${port}`, server };
}

/** A node service whose Get answers with `get`. */
const nodeService = (get: Handler) => (s: grpc.Server) =>
  s.addService(nodeProto().gridform.node.Node.service, { Get: get } as unknown as grpc.UntypedServiceImplementation);

const stopped = (server: grpc.Server) => new Promise<void>((resolve) => server.tryShutdown(() => resolve()));

const NODE_HINT = "is it running? `gridform grid status` shows it; `gridform grid up` restarts a local grid's stopped nodes";

describe('unreachable nodes and chain', () => {
  it('a stopped node: the error names the node, its address, the contract, the reason and what to do', async () => {
    const node = await serve(nodeService((_call, cb) => cb(null, {})));
    // a chain whose directory says where node 2 is
    const chain = await serve((s) =>
      s.addService(chainProto().gridform.chain.Chain.service, {
        GetNode: (_call: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { id: 2, address: node.address }),
      } as unknown as grpc.UntypedServiceImplementation),
    );
    const ctx = new GridContext(new ChainClient(chain.address, { peer: chainPeer() }), keyPairFromSeed(Buffer.alloc(32, 1)), 7, 5000);
    try {
      const client = await ctx.node(2);
      await client.get(7, 17); // it answers while it runs
      await stopped(node.server);
      await expect(client.get(7, 17)).rejects.toThrow(
        `node 2 at ${node.address} is unreachable (connection refused) (Get of contract 17): ${NODE_HINT}`,
      );
      await expect(client.statistics()).rejects.toThrow(
        `node 2 at ${node.address} is unreachable (connection refused) (Statistics): ${NODE_HINT}`,
      );
    } finally {
      ctx.close();
      chain.server.forceShutdown();
    }
  });

  it('a node that does not answer: the call ends at its deadline, saying so', async () => {
    const silent = await serve(nodeService(() => undefined));
    const client = new NodeClient(silent.address, { timeoutMs: 300, peer: nodePeer(3) });
    try {
      const started = Date.now();
      await expect(client.get(7, 21)).rejects.toThrow(
        `node 3 at ${silent.address} did not answer within 0.3 s (Get of contract 21): ${NODE_HINT}`,
      );
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      client.close();
      silent.server.forceShutdown();
    }
  });

  it('an answer the node gives (even with status UNAVAILABLE) is passed on as it is, not called unreachable', async () => {
    const busy = await serve(
      nodeService((_call, cb) => cb(statusError(grpc.status.UNAVAILABLE, 'cannot read contract 5 from the chain: no connection'))),
    );
    const client = new NodeClient(busy.address, { peer: nodePeer(4) });
    try {
      await expect(client.get(7, 5)).rejects.toThrow(/^cannot read contract 5 from the chain: no connection$/);
    } finally {
      client.close();
      busy.server.forceShutdown();
    }
  });

  it('a chain that is not running: the error names the chain, its address and what to do', async () => {
    const gone = await serve((s) => s.addService(chainProto().gridform.chain.Chain.service, {}));
    await stopped(gone.server);
    const chain = new ChainClient(gone.address, { peer: chainPeer() });
    try {
      await expect(chain.node(1)).rejects.toThrow(
        `the chain at ${gone.address} is unreachable (connection refused) (GetNode): is it running? ` +
          `\`gridform grid status\` shows it; \`gridform grid up\` restarts a local grid's chain ` +
          '(or check substrate_url or chain_url in the provider)',
      );
    } finally {
      chain.close();
    }
  });
});
