// Signed chain writes. A Call is encoded with protobuf, and the signer signs a payload that binds
// its account, a nonce and the encoded call, so a signature cannot be replayed or moved to
// another call. The chain decodes the call only after the signature verifies.
import { randomInt } from 'node:crypto';
import { chainProtobufRoot } from './load';
import { KeyPair, sign, verify } from './keys';
import type { Call, Call__Output } from '../generated/gridform/chain/Call';
import type { Extrinsic } from '../generated/gridform/chain/Extrinsic';

const DECODE_OPTIONS = { longs: Number, defaults: true, oneofs: true, arrays: true } as const;

export function encodeCall(call: Call): Buffer {
  const type = chainProtobufRoot().lookupType('gridform.chain.Call');
  const err = type.verify(call as Record<string, unknown>);
  if (err) throw new Error(`invalid chain call: ${err}`);
  return Buffer.from(type.encode(type.fromObject(call as Record<string, unknown>)).finish());
}

export function decodeCall(bytes: Uint8Array): Call__Output {
  const type = chainProtobufRoot().lookupType('gridform.chain.Call');
  return type.toObject(type.decode(bytes), DECODE_OPTIONS) as unknown as Call__Output;
}

export function extrinsicPayload(signer: string, nonce: number, call: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(`gridform-extrinsic:${signer}:${nonce}:`, 'utf8'), call]);
}

/** A random 48-bit nonce: unique enough for parallel writers sharing one account. */
export function freshNonce(): number {
  return randomInt(0, 2 ** 48 - 1);
}

export function signExtrinsic(keyPair: KeyPair, call: Call, nonce = freshNonce()): Extrinsic {
  const encoded = encodeCall(call);
  return { signer: keyPair.publicKey, nonce, call: encoded, signature: sign(keyPair, extrinsicPayload(keyPair.publicKey, nonce, encoded)) };
}

export function verifyExtrinsic(x: { signer: string; nonce: number; call: Uint8Array; signature: Uint8Array }): boolean {
  return verify(x.signer, extrinsicPayload(x.signer, x.nonce, x.call), x.signature);
}
