// Keys: ed25519 key pairs from a BIP39 mnemonic, signing and verification with Node's crypto.
//
// Derivation follows substrate's: the mini secret is PBKDF2-SHA512 of the mnemonic's *entropy*
// (not its words) with salt "mnemonic" + password, 2048 rounds, first 32 bytes; that seed is the
// ed25519 private key. So a mnemonic gives the same account here as an ed25519 account upstream.
import { createPrivateKey, createPublicKey, pbkdf2Sync, sign as edSign, verify as edVerify, KeyObject } from 'node:crypto';
import { generateMnemonic as bip39Generate, mnemonicToEntropy, validateMnemonic } from '@scure/bip39';
import { wordlist } from '@scure/bip39/wordlists/english';

export interface KeyPair {
  /** hex of the 32-byte ed25519 public key; also the account id on chain */
  readonly publicKey: string;
  readonly privateKey: KeyObject;
}

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export function generateMnemonic(): string {
  return bip39Generate(wordlist, 128);
}

export function isValidMnemonic(mnemonic: string): boolean {
  return validateMnemonic(normalize(mnemonic), wordlist);
}

export function keyPairFromMnemonic(mnemonic: string, password = ''): KeyPair {
  const words = normalize(mnemonic);
  if (!validateMnemonic(words, wordlist)) {
    throw new Error('invalid mnemonic: expected 12 to 24 words of the BIP39 English list with a valid checksum');
  }
  const entropy = mnemonicToEntropy(words, wordlist);
  const seed = pbkdf2Sync(Buffer.from(entropy), 'mnemonic' + password, 2048, 64, 'sha512').subarray(0, 32);
  return keyPairFromSeed(seed);
}

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  if (seed.length !== 32) throw new Error(`ed25519 seed must be 32 bytes, got ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return { publicKey: spki.subarray(SPKI_ED25519_PREFIX.length).toString('hex'), privateKey };
}

export function sign(keyPair: KeyPair, message: Uint8Array): Buffer {
  return edSign(null, message, keyPair.privateKey);
}

/** Public keys already parsed: building a KeyObject costs as much as the verification itself. */
const publicKeys = new Map<string, KeyObject>();
const PUBLIC_KEY_CACHE = 4096;

function publicKeyObject(publicKeyHex: string): KeyObject {
  const hex = publicKeyHex.toLowerCase();
  let key = publicKeys.get(hex);
  if (!key) {
    key = createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(hex, 'hex')]), format: 'der', type: 'spki' });
    if (publicKeys.size >= PUBLIC_KEY_CACHE) publicKeys.delete(publicKeys.keys().next().value!);
    publicKeys.set(hex, key);
  }
  return key;
}

/** False for a malformed key or signature as well as for a signature that does not match. */
export function verify(publicKeyHex: string, message: Uint8Array, signature: Uint8Array): boolean {
  if (!/^[0-9a-f]{64}$/i.test(publicKeyHex) || signature.length !== 64) return false;
  try {
    return edVerify(null, message, publicKeyObject(publicKeyHex), signature);
  } catch {
    return false;
  }
}

function normalize(mnemonic: string): string {
  return mnemonic.trim().toLowerCase().split(/\s+/).join(' ');
}
