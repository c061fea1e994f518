// A gRPC call as an attacker's own client would make it: any metadata, a request encoded by the
// method's serializer or given as raw bytes (garbage, a message cut short, a field of the wrong
// wire type). Its outcome is what the server answered: refused with a status and message, or not.
import * as grpc from '@grpc/grpc-js';
import type { Outcome } from './verdict';

export interface Probe {
  readonly address: string;
  readonly service: grpc.ServiceDefinition;
  readonly method: string;
  /** a request object, or the bytes to send as they are */
  readonly request: unknown;
  readonly metadata?: Readonly<Record<string, string>>;
  readonly timeoutMs?: number;
}

/** Sends one unary call; the outcome text is "STATUS: details" when refused, the answer as JSON when not. */
export function probe(p: Probe): Promise<Outcome> {
  const method = p.service[p.method];
  if (!method) throw new Error(`no method ${p.method}`);
  const client = new grpc.Client(p.address, grpc.credentials.createInsecure(), { 'grpc.max_send_message_length': -1 });
  const metadata = new grpc.Metadata();
  for (const [k, v] of Object.entries(p.metadata ?? {})) metadata.set(k, v);
  const serialize = Buffer.isBuffer(p.request) ? (b: Buffer) => b : (method.requestSerialize as (r: unknown) => Buffer);
  const deadline = Date.now() + (p.timeoutMs ?? 15_000);
  return new Promise<Outcome>((resolve) => {
    client.makeUnaryRequest(
      method.path,
      serialize,
      method.responseDeserialize as (b: Buffer) => unknown,
      p.request as never,
      metadata,
      { deadline },
      (err, res) => {
        client.close();
        if (err) resolve({ refused: true, text: `${grpc.status[err.code]}: ${err.details}` });
        else resolve({ refused: false, text: JSON.stringify(res).slice(0, 2000) });
      },
    );
  });
}

/** Protobuf bytes by hand: a varint field, a length-delimited field. */
export const wire = {
  varint(field: number, value: number | bigint): Buffer {
    return Buffer.concat([varint(BigInt(field) << 3n), varint(BigInt(value))]);
  },
  bytes(field: number, value: Buffer | string): Buffer {
    const b = Buffer.isBuffer(value) ? value : Buffer.from(value);
    return Buffer.concat([varint((BigInt(field) << 3n) | 2n), varint(BigInt(b.length)), b]);
  },
};

function varint(n: bigint): Buffer {
  const out: number[] = [];
  let v = BigInt.asUintN(64, n);
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return Buffer.from(out);
}
