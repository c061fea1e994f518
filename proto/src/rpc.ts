// Promise wrappers over grpc-js unary calls, with errors that keep the server's message, and that
// say which peer (node 2, the chain) at which address could not be reached, and what to do.
import * as grpc from '@grpc/grpc-js';

/** Who answers at an address, for error messages. */
export interface Peer {
  /** e.g. "node 2", "the chain" */
  name: string;
  /** what to do when it cannot be reached, e.g. "is it running? gridform grid status shows it" */
  hint?: string;
}

/** Failures of the connection itself (as opposed to an answer the server gave with that code). */
const CONNECTION_FAILURE = new RegExp(
  [
    'No connection established',
    'Connection dropped',
    'Connection closed',
    'Failed to connect',
    'Name resolution failed',
    'RST_STREAM',
    'GOAWAY',
    'ECONN',
    'EHOST',
    'ENET',
    'ETIMEDOUT',
    'ENOTFOUND',
    'EAI_AGAIN',
    'EPIPE',
  ].join('|'),
);

/** Connection failures that happen before a call is sent. */
const NEVER_SENT = /No connection established|ECONNREFUSED|Failed to connect/;

const REASONS: [RegExp, string][] = [
  [/ECONNREFUSED/, 'connection refused'],
  [/ECONNRESET|EPIPE|Connection dropped|Connection closed|RST_STREAM|GOAWAY/, 'connection lost'],
  [/EHOSTUNREACH|ENETUNREACH/, 'no route to host'],
  [/ETIMEDOUT/, 'connect timed out'],
  [/ENOTFOUND|EAI_AGAIN|Name resolution failed/, 'host name not found'],
  [/No connection established/, 'no connection'],
];

export class RpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: grpc.status,
    readonly details: string,
    readonly address: string,
    readonly peer?: Peer,
    /** the contract the call was about, if any */
    readonly contractId?: number,
    readonly timeoutMs?: number,
  ) {
    super(RpcError.describe(method, code, details, address, peer, contractId, timeoutMs));
    this.name = 'RpcError';
  }

  /** The peer could not be reached or did not answer in time (not an answer it gave). */
  get unavailable(): boolean {
    return this.code === grpc.status.DEADLINE_EXCEEDED || (this.code === grpc.status.UNAVAILABLE && CONNECTION_FAILURE.test(this.details));
  }

  /** The call never left: no connection could be made (so sending it again cannot do it twice). */
  get neverSent(): boolean {
    return this.code === grpc.status.UNAVAILABLE && NEVER_SENT.test(this.details);
  }

  private static describe(
    method: string,
    code: grpc.status,
    details: string,
    address: string,
    peer?: Peer,
    contractId?: number,
    timeoutMs?: number,
  ): string {
    const unreachable = code === grpc.status.DEADLINE_EXCEEDED || (code === grpc.status.UNAVAILABLE && CONNECTION_FAILURE.test(details));
    if (!unreachable) return details || `${method} failed with gRPC status ${grpc.status[code]}`;
    const who = `${peer?.name ?? 'the server'} at ${address}`;
    const about = contractId ? ` (${method} of contract ${contractId})` : ` (${method})`;
    const what =
      code === grpc.status.DEADLINE_EXCEEDED
        ? `${who} did not answer within ${timeoutMs ? `${timeoutMs / 1000} s` : 'the deadline'}${about}`
        : `${who} is unreachable (${reasonOf(details)})${about}`;
    return peer?.hint ? `${what}: ${peer.hint}` : what;
  }
}

function reasonOf(details: string): string {
  return REASONS.find(([re]) => re.test(details))?.[1] ?? details;
}

/** A short reason for a failed call or stream: "connection refused", or the error's message. */
export function describeFailure(err: unknown): string {
  if (err instanceof RpcError) return err.code === grpc.status.DEADLINE_EXCEEDED ? 'no answer in time' : reasonOf(err.details);
  const details = (err as { details?: string; message?: string })?.details ?? (err as Error)?.message ?? String(err);
  return reasonOf(details);
}

type UnaryMethod<Req, Res> = (
  req: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  cb: (err: grpc.ServiceError | null, res?: Res) => void,
) => unknown;

export function unary<Req, Res>(
  client: grpc.Client,
  method: string,
  req: Req,
  timeoutMs: number,
  address: string,
  peer?: Peer,
  metadata = new grpc.Metadata(),
): Promise<Res> {
  const fn = (client as unknown as Record<string, UnaryMethod<Req, Res>>)[method];
  const contractId = Number((req as { contractId?: unknown } | undefined)?.contractId) || undefined;
  return new Promise((resolve, reject) => {
    fn.call(client, req, metadata, { deadline: Date.now() + timeoutMs }, (err, res) => {
      if (err) reject(new RpcError(method, err.code, err.details, address, peer, contractId, timeoutMs));
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
