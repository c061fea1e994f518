// Twins' public keys as the chain has them, kept for a short while: a node verifying thousands of
// deployments a second from a few twins need not ask the chain each time. A signature that does
// not verify is checked again against a fresh read, so a changed key is never held against anyone.
import { isNotFound, type ChainClient } from '../../proto';

const LIMIT = 10_000;

export class TwinKeyCache {
  private readonly keys = new Map<number, { pk: string | undefined; at: number }>();

  constructor(
    private readonly chain: ChainClient,
    private readonly ttlMs = 30_000,
  ) {}

  /** The twin's key, or undefined when the twin does not exist. */
  async key(twinId: number, fresh = false): Promise<string | undefined> {
    const hit = this.keys.get(twinId);
    if (!fresh && hit && Date.now() - hit.at < this.ttlMs) return hit.pk;
    let pk: string | undefined;
    try {
      pk = (await this.chain.twin(twinId)).pk;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
    // bounded: the oldest entry makes room (a Map keeps insertion order)
    if (this.keys.size >= LIMIT && !this.keys.has(twinId)) this.keys.delete(this.keys.keys().next().value!);
    this.keys.set(twinId, { pk, at: Date.now() });
    return pk;
  }
}
