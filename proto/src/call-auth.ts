// Who calls a node. On the real grid RMB hands Zero-OS the caller's twin, authenticated; here each
// call that reads deployments carries the caller's twin id, a time and the twin's ed25519
// signature of both, bound to the node it is sent to (so a node cannot replay it to another).
// The node checks the signature against the twin's key on chain and serves only that twin's
// deployments. Deploy and Update need no such header: the deployment's own signature, checked
// against the same key, already says who sends it.
import { sign, verify, type KeyPair } from './keys';

export const CALL_AUTH_HEADERS = { twin: 'x-gridform-twin', time: 'x-gridform-time', signature: 'x-gridform-signature' } as const;

/** How long a signed call header is accepted after (and before, for clock skew) its time. */
export const CALL_AUTH_VALID_SECONDS = 300;

/** The twin a client calls as, and the node the calls go to. */
export interface CallSigner {
  readonly twinId: number;
  readonly key: KeyPair;
  readonly nodeId: number;
}

export interface CallAuth {
  readonly twinId: number;
  /** unix seconds */
  readonly time: number;
  /** hex */
  readonly signature: string;
}

export function callChallenge(nodeId: number, twinId: number, time: number): Buffer {
  return Buffer.from(`gridform-node-call:${nodeId}:${twinId}:${time}`);
}

export function signCall(signer: CallSigner, nowMs = Date.now()): CallAuth {
  const time = Math.floor(nowMs / 1000);
  const signature = sign(signer.key, callChallenge(signer.nodeId, signer.twinId, time)).toString('hex');
  return { twinId: signer.twinId, time, signature };
}

/** Why the header cannot be accepted by node `nodeId`, or undefined when it can. */
export function callAuthProblem(auth: CallAuth, nodeId: number, publicKeyHex: string | undefined, nowMs = Date.now()): string | undefined {
  if (!publicKeyHex) return `twin ${auth.twinId} does not exist on chain`;
  const skew = Math.abs(nowMs / 1000 - auth.time);
  if (skew > CALL_AUTH_VALID_SECONDS)
    return `the call's signature is ${Math.round(skew)} s away from the node's time (at most ${CALL_AUTH_VALID_SECONDS} s)`;
  const signature = Buffer.from(auth.signature, 'hex');
  if (!verify(publicKeyHex, callChallenge(nodeId, auth.twinId, auth.time), signature)) {
    return `the call is not signed by twin ${auth.twinId}'s key for node ${nodeId}`;
  }
  return undefined;
}
