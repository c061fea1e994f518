// WireGuard keys (x25519, base64 as wg prints them).
import { generateKeyPairSync } from 'node:crypto';

export interface WgKeys {
  privateKey: string;
  publicKey: string;
}

export function newWgKeys(): WgKeys {
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const d = privateKey.export({ format: 'jwk' }).d!;
  const x = publicKey.export({ format: 'jwk' }).x!;
  return { privateKey: Buffer.from(d, 'base64url').toString('base64'), publicKey: Buffer.from(x, 'base64url').toString('base64') };
}
