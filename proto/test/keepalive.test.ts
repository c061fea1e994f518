// A chain that vanishes without closing its connections (a host gone, a cut link: no FIN, no RST)
// is noticed by keepalive pings: the subscription ends with an error, so its owner subscribes
// again, and once the link is back calls are served on a new connection instead of timing out on
// the dead one forever. A real gRPC server behind a TCP relay that can swallow everything.
import * as grpc from '@grpc/grpc-js';
import * as net from 'node:net';
import { ChainClient, chainProto } from '..';

/** A relay whose `cut()` silently drops every byte on the connections it carries, and on new ones until `heal()`. */
async function startRelay(targetPort: number): Promise<{ port: number; cut(): void; heal(): void; close(): void }> {
  const sockets = new Set<net.Socket>();
  const dead = new WeakSet<net.Socket>();
  let cutNow = false;
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
      if (cutNow) dead.add(s);
    }
    const forward = (from: net.Socket, to: net.Socket) => from.on('data', (d) => !dead.has(from) && to.write(d));
    forward(client, upstream);
    forward(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    cut: () => {
      cutNow = true;
      for (const s of sockets) dead.add(s);
    },
    heal: () => void (cutNow = false),
    close: () => {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

async function serveChain(): Promise<{ server: grpc.Server; port: number; emit(): void }> {
  const server = new grpc.Server();
  const streams = new Set<grpc.ServerWritableStream<unknown, unknown>>();
  let block = 1;
  const impl = {
    GetChainInfo: (_c: unknown, cb: grpc.sendUnaryData<unknown>) => cb(null, { block, timestamp: 1000 }),
    SubscribeEvents: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      streams.add(call);
      call.on('cancelled', () => streams.delete(call));
      call.sendMetadata(new grpc.Metadata());
    },
  };
  server.addService(chainProto().gridform.chain.Chain.service, impl as unknown as grpc.UntypedServiceImplementation);
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
  );
  const emit = () => {
    block += 1;
    for (const s of streams) s.write({ block, index: 0, timestamp: 1000, type: 'ContractCreated', data: '{}' });
  };
  return { server, port, emit };
}

describe('keepalive pings on a connection to a peer that vanished silently', () => {
  const KEEPALIVE_MS = 600;

  it('end the subscription with an error, and calls are served on a new connection once the link is back', async () => {
    const chain = await serveChain();
    const relay = await startRelay(chain.port);
    const client = new ChainClient(`127.0.0.1:${relay.port}`, { keepaliveMs: KEEPALIVE_MS, timeoutMs: 1000 });
    try {
      const events: number[] = [];
      let opened!: () => void;
      const open = new Promise<void>((resolve) => (opened = resolve));
      const ended = new Promise<{ err?: Error; afterMs: number }>((resolve) => {
        let cutAt = 0;
        client.subscribe(
          0,
          (e) => events.push(Number(e.block)),
          (err) => resolve({ err, afterMs: Date.now() - cutAt }),
          0,
          () => {
            cutAt = Date.now();
            opened();
          },
        );
      });
      await open;
      chain.emit();
      await new Promise((r) => setTimeout(r, 200));
      expect(events).toEqual([2]);

      relay.cut();
      const end = await ended;
      expect(end.err?.message).toMatch(/unreachable|UNAVAILABLE|keepalive/i);
      expect(end.afterMs).toBeLessThan(10_000);

      relay.heal();
      const deadline = Date.now() + 10_000;
      let block = 0;
      while (!block && Date.now() < deadline) {
        block = await client.info().then(
          (i) => Number(i.block),
          () => 0,
        );
      }
      expect(block).toBe(2);
    } finally {
      client.close();
      relay.close();
      chain.server.forceShutdown();
    }
  });
});
