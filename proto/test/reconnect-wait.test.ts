// A long-lived chain client (a node's) whose chain went away and came back: with awaitReconnectMs
// a call made while the channel is still reconnecting waits for it and is served; without, it
// fails at once as unreachable. Real gRPC servers on loopback, stopped and started on one port.
import * as grpc from '@grpc/grpc-js';
import { ChainClient, chainProto } from '..';

const INFO = { block: 7, timestamp: 1000 };

async function serveChain(port = 0): Promise<{ server: grpc.Server; port: number }> {
  const server = new grpc.Server();
  const impl = { GetChainInfo: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, INFO) };
  server.addService(chainProto().gridform.chain.Chain.service, impl as unknown as grpc.UntypedServiceImplementation);
  const bound = await new Promise<number>((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  return { server, port: bound };
}

describe('a chain that comes back while a client reconnects', () => {
  it('with awaitReconnectMs, a call made while the chain is down is served once it is back', async () => {
    let chain = await serveChain();
    const client = new ChainClient(`127.0.0.1:${chain.port}`, { awaitReconnectMs: 5000 });
    try {
      expect(Number((await client.info()).block)).toBe(7);
      chain.server.forceShutdown();
      const pending = client.info();
      await new Promise((r) => setTimeout(r, 700));
      chain = await serveChain(chain.port);
      expect(Number((await pending).block)).toBe(7);
    } finally {
      client.close();
      chain.server.forceShutdown();
    }
  });

  it('without it, a call made while the chain is down fails at once, naming the chain as unreachable', async () => {
    const chain = await serveChain();
    const client = new ChainClient(`127.0.0.1:${chain.port}`);
    try {
      await client.info();
      chain.server.forceShutdown();
      const started = Date.now();
      await expect(client.info()).rejects.toThrow(/unreachable/);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      client.close();
    }
  });
});
