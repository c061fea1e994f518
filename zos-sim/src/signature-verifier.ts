// Verifies deployment signatures on a thread of their own. An ed25519 verification costs about as
// much of the node's main thread as the rest of admitting a deployment, so the node process
// hands them over, batched per turn of the event loop (one message each way for a burst of
// deployments). One thread serves every node of a process. Where the process runs from sources
// (ts-jest) or has a single CPU, signatures are verified inline; so they are if the thread dies.
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { verify, type SignatureVerifier } from '../../proto';
import type { VerifyBatch, VerifyResults } from './verify-worker';

type Pending = { item: VerifyBatch['items'][number]; resolve: (ok: boolean) => void };

export class ThreadVerifier {
  private readonly worker: Worker;
  private queued: Pending[] = [];
  private readonly sent = new Map<number, Pending[]>();
  private nextId = 1;
  private failed = false;

  constructor(file: string) {
    this.worker = new Worker(file);
    this.worker.on('message', ({ id, results }: VerifyResults) => {
      const batch = this.sent.get(id);
      this.sent.delete(id);
      if (!this.sent.size) this.worker.unref();
      batch?.forEach((p, i) => p.resolve(results[i] === 1));
    });
    this.worker.on('error', () => this.fallBackInline());
    this.worker.on('exit', () => this.fallBackInline());
    this.worker.unref(); // idle, it keeps no process alive (unref after the listeners: adding one refs it again)
  }

  readonly verify: SignatureVerifier = (publicKeyHex, message, signature) => {
    if (this.failed) return verify(publicKeyHex, message, signature);
    return new Promise<boolean>((resolve) => {
      if (!this.queued.length) setImmediate(() => this.send());
      // copies of exact size: a pooled Buffer would carry its whole 8 KiB pool across
      this.queued.push({ item: [publicKeyHex, new Uint8Array(message), new Uint8Array(signature)], resolve });
    });
  };

  private send(): void {
    const batch = this.queued;
    this.queued = [];
    if (this.failed) return batch.forEach((p) => p.resolve(verify(...p.item)));
    const id = this.nextId++;
    this.sent.set(id, batch);
    this.worker.ref(); // answers are awaited
    this.worker.postMessage({ id, items: batch.map((p) => p.item) } satisfies VerifyBatch);
  }

  /** The thread is gone: what it had not answered is verified here, and so is everything after. */
  private fallBackInline(): void {
    this.failed = true;
    for (const batch of this.sent.values()) batch.forEach((p) => p.resolve(verify(...p.item)));
    this.sent.clear();
  }
}

let shared: SignatureVerifier | undefined;

/** The process's signature verifier; its thread starts with the first deployment to verify. */
export function signatureVerifier(): SignatureVerifier {
  if (!shared) {
    const file = path.join(__dirname, 'verify-worker.js');
    const threaded = __filename.endsWith('.js') && os.availableParallelism() > 1;
    shared = threaded ? new ThreadVerifier(file).verify : verify;
  }
  return shared;
}
