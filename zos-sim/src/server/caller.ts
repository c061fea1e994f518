// The twin calling the node, as its signed call header proves (proto/src/call-auth.ts): calls that
// read deployments are answered for that twin only. A header once verified is remembered until it
// expires, so a client polling a deployment costs one signature check a minute, not one a call.
import type * as grpc from '@grpc/grpc-js';
import { CALL_AUTH_HEADERS, CALL_AUTH_VALID_SECONDS, callAuthProblem, type CallAuth } from '../../../proto';
import { NodeRefusal } from '../refusal';
import type { TwinKeyCache } from '../twin-keys';

const REMEMBERED = 4096;

export class CallerCheck {
  /** signature -> twin and when the header expires (ms) */
  private readonly verified = new Map<string, { twinId: number; until: number }>();

  constructor(private readonly twinKeys: TwinKeyCache) {}

  /** The calling twin, or a refusal saying what is missing or wrong. */
  async twinOf(metadata: grpc.Metadata, nodeId: number): Promise<number> {
    const auth = readHeader(metadata);
    if (!auth) {
      const detail =
        `node ${nodeId} answers this call only when it is signed by the calling twin ` +
        `(headers ${Object.values(CALL_AUTH_HEADERS).join(', ')})`;
      throw new NodeRefusal('UNAUTHENTICATED', detail);
    }
    const now = Date.now();
    const known = this.verified.get(auth.signature);
    if (known && known.twinId === auth.twinId && known.until > now) return auth.twinId;
    let problem = callAuthProblem(auth, nodeId, await this.twinKeys.key(auth.twinId), now);
    // a key changed on chain since it was cached: ask again before refusing
    if (problem) problem = callAuthProblem(auth, nodeId, await this.twinKeys.key(auth.twinId, true), now);
    if (problem) throw new NodeRefusal('UNAUTHENTICATED', `node ${nodeId} refused the call: ${problem}`);
    this.remember(auth, now);
    return auth.twinId;
  }

  private remember(auth: CallAuth, now: number): void {
    if (this.verified.size >= REMEMBERED) {
      for (const [signature, v] of this.verified) if (v.until <= now) this.verified.delete(signature);
      if (this.verified.size >= REMEMBERED) this.verified.delete(this.verified.keys().next().value!);
    }
    this.verified.set(auth.signature, { twinId: auth.twinId, until: auth.time * 1000 + CALL_AUTH_VALID_SECONDS * 1000 });
  }
}

function readHeader(metadata: grpc.Metadata): CallAuth | undefined {
  const one = (key: string) => {
    const v = metadata.get(key)[0];
    return typeof v === 'string' ? v : undefined;
  };
  const twin = one(CALL_AUTH_HEADERS.twin);
  const time = one(CALL_AUTH_HEADERS.time);
  const signature = one(CALL_AUTH_HEADERS.signature);
  if (!twin || !time || !signature) return undefined;
  if (!/^\d{1,15}$/.test(twin) || !/^\d{1,15}$/.test(time) || !/^[0-9a-f]{128}$/i.test(signature)) return undefined;
  return { twinId: Number(twin), time: Number(time), signature: signature.toLowerCase() };
}
