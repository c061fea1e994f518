// Runs a handler body and answers the unary call: a Refusal becomes its gRPC status, anything else
// is an internal error (a bug) reported with its message.
import * as grpc from '@grpc/grpc-js';
import { statusError } from '../../../proto';
import { Refusal } from '../ledger/errors';

export function respond<Res>(callback: grpc.sendUnaryData<Res>, body: () => Res | Promise<Res>): void {
  const fail = (err: unknown) => {
    if (err instanceof Refusal) callback(statusError(grpc.status[err.code], err.message));
    else callback(statusError(grpc.status.INTERNAL, `chain-sim internal error: ${(err as Error).message}`));
  };
  try {
    const res = body();
    if (res instanceof Promise) res.then((r) => callback(null, r), fail);
    else callback(null, res);
  } catch (err) {
    fail(err);
  }
}
