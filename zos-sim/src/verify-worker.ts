// The thread that verifies deployment signatures for a node process (see signature-verifier.ts):
// it takes batches of [public key hex, message, signature] and answers one byte per item.
import { parentPort } from 'node:worker_threads';
import { verify } from '../../proto/src/keys'; // not the whole of proto: this thread needs no gRPC

export interface VerifyBatch {
  id: number;
  items: [publicKeyHex: string, message: Uint8Array, signature: Uint8Array][];
}

export interface VerifyResults {
  id: number;
  /** 1 where the signature verified */
  results: Uint8Array;
}

parentPort?.on('message', ({ id, items }: VerifyBatch) => {
  const results = new Uint8Array(items.length);
  items.forEach(([pk, message, signature], i) => (results[i] = verify(pk, message, signature) ? 1 : 0));
  parentPort!.postMessage({ id, results } satisfies VerifyResults, [results.buffer]);
});
