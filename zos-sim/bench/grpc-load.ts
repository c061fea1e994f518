// A lean gRPC load generator for the node benchmark, as load tools like ghz are: unary requests
// encoded before the clock starts and sent over one HTTP/2 connection, a fixed number in flight.
// grpc-js's client spends about as much CPU on a call as the node spends admitting it, and on a
// small machine the two share the cores; with this the figure measures the node, not the client.
import * as http2 from 'node:http2';
import * as path from 'node:path';
import * as protobuf from 'protobufjs';
import { PROTO_DIR, type node } from '../../proto';

/** Deployments as the gRPC messages of Node/Deploy: a 5-byte prefix (uncompressed, length) and the protobuf. */
export function deployRequests(deployments: node.Deployment[]): Buffer[] {
  const type = protobuf.loadSync(path.join(PROTO_DIR, 'node.proto')).lookupType('gridform.node.Deployment');
  return deployments.map((d) => {
    const body = type.encode(type.fromObject(d)).finish();
    const frame = Buffer.alloc(5 + body.length);
    frame.writeUInt32BE(body.length, 1);
    frame.set(body, 5);
    return frame;
  });
}

/** Sends every request to `method` (e.g. /gridform.node.Node/Deploy); rejects on the first non-OK status. */
export async function sendUnary(address: string, method: string, requests: Buffer[], inFlight: number): Promise<void> {
  const session = http2.connect(`http://${address}`);
  try {
    await new Promise<void>((resolve, reject) => session.once('connect', () => resolve()).once('error', reject));
    const call = (request: Buffer) =>
      new Promise<void>((resolve, reject) => {
        const stream = session.request({ ':method': 'POST', ':path': method, 'content-type': 'application/grpc', te: 'trailers' });
        let status: string | undefined;
        let message = '';
        const take = (h: http2.IncomingHttpHeaders) => {
          if (h['grpc-status'] !== undefined)
            [status, message] = [String(h['grpc-status']), decodeURIComponent(String(h['grpc-message'] ?? ''))];
        };
        stream
          .on('response', take)
          .on('trailers', take)
          .on('data', () => undefined)
          .on('error', reject);
        stream.on('close', () =>
          status === '0' ? resolve() : reject(new Error(`${method} answered status ${status ?? 'none'}: ${message}`)),
        );
        stream.end(request);
      });
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < requests.length) await call(requests[next++]);
      }),
    );
  } finally {
    session.close();
  }
}
