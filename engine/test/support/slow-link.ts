// A TCP proxy on loopback that delays everything it forwards, both ways, by a fixed time: a
// database "far away" for tests, so that round trips take as long as they do over a network.
import * as net from 'node:net';

export interface SlowLink {
  readonly port: number;
  close(): Promise<void>;
}

export function startSlowLink(target: { host: string; port: number }, delayMs: number): Promise<SlowLink> {
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s)));
  // equal delays keep the order: timers of the same duration fire in the order they were set
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (d) => setTimeout(() => to.writable && to.write(d), delayMs));
    from.on('end', () => setTimeout(() => to.end(), delayMs));
    from.on('error', () => to.destroy());
  };
  const server = net.createServer((client) => {
    const upstream = net.connect(target.port, target.host);
    track(client);
    track(upstream);
    forward(client, upstream);
    forward(upstream, client);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () =>
      resolve({
        port: (server.address() as net.AddressInfo).port,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      }),
    );
  });
}
