// Promise wrappers over grpc-js unary calls, with errors that keep the server's message.
import * as grpc from '@grpc/grpc-js';

export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: grpc.status,
    readonly details: string,
    readonly address: string,
  ) {
    super(details || `${method} failed with gRPC status ${grpc.status[code]}`);
    this.name = 'RpcError';
  }
  get unavailable(): boolean {
    return this.code === grpc.status.UNAVAILABLE || this.code === grpc.status.DEADLINE_EXCEEDED;
  }
}

type UnaryMethod<Req, Res> = (req: Req, metadata: grpc.Metadata, options: grpc.CallOptions, cb: (err: grpc.ServiceError | null, res?: Res) => void) => unknown;

export function unary<Req, Res>(client: grpc.Client, method: string, req: Req, timeoutMs: number, address: string, metadata = new grpc.Metadata()): Promise<Res> {
  const fn = (client as unknown as Record<string, UnaryMethod<Req, Res>>)[method];
  return new Promise((resolve, reject) => {
    fn.call(client, req, metadata, { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err) reject(new RpcError(method, err.code, err.details, address));
      else resolve(res as Res);
    });
  });
}

/** Maps an error raised inside a service handler to a gRPC status the client will see. */
export function statusError(code: grpc.status, message: string): grpc.ServiceError {
  const err = new Error(message) as grpc.ServiceError;
  err.code = code;
  err.details = message;
  err.metadata = new grpc.Metadata();
  return err;
}
