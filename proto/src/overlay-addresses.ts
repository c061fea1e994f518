// The overlay addresses Zero-OS gives a VM, derived the way the real stack derives them, so the same
// key, seed and node give the same address here as on a real node:
// - mycelium (400::/7): a network's mycelium key is a 32-byte x25519 secret. The mycelium node
//   address is blake3-XOF(x25519 public key) cut to 16 bytes, its first byte 0x04 plus 1 when the
//   first hash byte has an odd number of bits set. A VM takes that address's /64, then ff0f, then its
//   6-byte seed (all-zero and all-ff seeds are refused). The node runs a mycelium of its own with its
//   identity key (x25519 from ed25519); a 0-db container takes an address of that one's /64.
// - planetary / yggdrasil (200::/7): the node's yggdrasil key is its ed25519 identity. Its address
//   is 02, the count of leading ones of the inverted key, then the bits after the first zero; its
//   /64 subnet is that with the first byte 03. A VM's tap is named base58(md5("TWIN-CONTRACT-NAME:
//   ygg"))[:13], its MAC is derived from "ygg:" + that name, and its address is the subnet followed
//   by the first 8 bytes of sha512(MAC).
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { blake3 } from '@noble/hashes/blake3';

export const MYCELIUM_KEY_BYTES = 32;
export const MYCELIUM_SEED_BYTES = 6;
const MYCELIUM_VM_MARK = [0xff, 0x0f];
const X25519_PKCS8_PREFIX = Buffer.from('302e020100300506032b656e04220420', 'hex');

/** An IPv6 address as Go's net.IP.String writes it (RFC 5952: lower case, longest zero run as ::). */
export function formatIpv6(bytes: Uint8Array): string {
  return new URL(`http://[${hexGroups(bytes).join(':')}]/`).hostname.slice(1, -1);
}

function hexGroups(bytes: Uint8Array): string[] {
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] << 8) | bytes[i + 1]).toString(16));
  return groups;
}

/** The x25519 public key of a 32-byte secret (clamped, as x25519 does). */
export function x25519PublicKey(secret: Uint8Array): Buffer {
  const privateKey = createPrivateKey({ key: Buffer.concat([X25519_PKCS8_PREFIX, secret]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

/** keys whose mycelium node address is remembered (a node runs one key per network) */
const REMEMBERED_KEYS = 1024;
const nodeAddresses = new Map<string, Buffer>();

/**
 * The 400::/7 address of the mycelium node that runs with this key. Every VM of a network on a
 * node derives its address from the same key, and the x25519 step costs more than the rest of
 * provisioning the VM, so each key's address is derived once.
 */
export function myceliumNodeAddress(key: Uint8Array): Buffer {
  const hex = Buffer.from(key).toString('hex');
  let address = nodeAddresses.get(hex);
  if (!address) {
    address = myceliumAddressOf(x25519PublicKey(key));
    if (nodeAddresses.size >= REMEMBERED_KEYS) nodeAddresses.delete(nodeAddresses.keys().next().value!);
    nodeAddresses.set(hex, address);
  }
  return Buffer.from(address); // a copy: the caller may change it
}

/** The 400::/7 address of the mycelium node whose x25519 public key this is. */
function myceliumAddressOf(x25519Public: Uint8Array): Buffer {
  const buf = Buffer.from(blake3(x25519Public, { dkLen: 16 }));
  buf[0] = 0x04 | (bitCount(buf[0]) % 2);
  return buf;
}

const P25519 = 2n ** 255n - 19n;

function modPow(base: bigint, exp: bigint): bigint {
  let result = 1n;
  let b = base % P25519;
  for (let e = exp; e > 0n; e >>= 1n) {
    if (e & 1n) result = (result * b) % P25519;
    b = (b * b) % P25519;
  }
  return result;
}

/**
 * The x25519 public key of an ed25519 key pair, from its public key alone: the Montgomery u of the
 * Edwards point, u = (1 + y) / (1 - y) mod 2^255 - 19. It equals the x25519 public key of the
 * clamped sha512(seed)[:32], the secret Zero-OS gives the node's own mycelium.
 */
export function x25519FromEd25519Public(edPublic: Uint8Array): Buffer {
  const le = Buffer.from(edPublic);
  le[31] &= 0x7f;
  const y = BigInt(`0x${Buffer.from(le).reverse().toString('hex')}`);
  const u = ((1n + y) * modPow((1n - y + P25519) % P25519, P25519 - 2n)) % P25519;
  return Buffer.from(u.toString(16).padStart(64, '0'), 'hex').reverse();
}

/**
 * A 0-db container's mycelium address: Zero-OS runs the node's own mycelium with the node's identity
 * key (ed25519 turned x25519), and gives the container's "my:ID" interface the address of that
 * mycelium's /64 followed by the first 8 bytes of sha512 of the interface's MAC.
 */
export function myceliumZdbIp(nodePublicKey: Uint8Array, containerId: string): string {
  const ip = Buffer.alloc(16);
  myceliumAddressOf(x25519FromEd25519Public(nodePublicKey)).copy(ip, 0, 0, 8);
  createHash('sha512')
    .update(hardwareAddrFromInput(Buffer.from(`my:${containerId}`)))
    .digest()
    .copy(ip, 8, 0, 8);
  return formatIpv6(ip);
}

function bitCount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b >>= 1) n += b & 1;
  return n;
}

/** null when the seed may be used, else why not */
export function myceliumSeedProblem(seed: Uint8Array): string | null {
  if (seed.length !== MYCELIUM_SEED_BYTES) return `the mycelium seed must be ${MYCELIUM_SEED_BYTES} bytes, not ${seed.length}`;
  if (seed.every((b) => b === 0) || seed.every((b) => b === 0xff)) return 'the mycelium seed may not be all 00 or all ff';
  return null;
}

/** A VM's mycelium address in the network whose mycelium runs with `key`. */
export function myceliumVmIp(key: Uint8Array, seed: Uint8Array): string {
  const ip = Buffer.alloc(16);
  myceliumNodeAddress(key).copy(ip, 0, 0, 8);
  ip.set(MYCELIUM_VM_MARK, 8);
  ip.set(seed, 10);
  return formatIpv6(ip);
}

/** yggdrasil's address for an ed25519 public key (prefix 02). */
export function yggdrasilAddress(publicKey: Uint8Array): Buffer {
  const inverted = Buffer.from(publicKey).map((b) => ~b & 0xff);
  const rest: number[] = [];
  let ones = 0;
  let done = false;
  let bits = 0;
  let nBits = 0;
  for (let idx = 0; idx < 8 * inverted.length; idx++) {
    const bit = (inverted[idx >> 3] >> (7 - (idx % 8))) & 1;
    if (!done && bit) {
      ones++;
      continue;
    }
    if (!done) {
      done = true;
      continue;
    }
    bits = ((bits << 1) | bit) & 0xff;
    if (++nBits === 8) {
      nBits = 0;
      rest.push(bits);
    }
  }
  const addr = Buffer.alloc(16);
  addr[0] = 0x02;
  addr[1] = ones;
  Buffer.from(rest.slice(0, 14)).copy(addr, 2);
  return addr;
}

/** the node's yggdrasil /64 (prefix 03), as 8 bytes */
export function yggdrasilSubnet(publicKey: Uint8Array): Buffer {
  const subnet = yggdrasilAddress(publicKey).subarray(0, 8);
  subnet[0] |= 0x01;
  return subnet;
}

/** An address of the node's yggdrasil /64 for `input`, as Zero-OS's SubnetFor picks it. */
export function yggdrasilSubnetFor(publicKey: Uint8Array, input: Uint8Array): string {
  const ip = Buffer.alloc(16);
  yggdrasilSubnet(publicKey).copy(ip, 0);
  createHash('sha512').update(input).digest().copy(ip, 8, 0, 8);
  return formatIpv6(ip);
}

/** The planetary address of workload NAME of contract CONTRACT of twin TWIN on the node with this key. */
export function planetaryVmIp(nodePublicKey: Uint8Array, twinId: number, contractId: number, name: string): string {
  const tap = uniqueName(`${twinId}-${contractId}-${name}`, 'ygg');
  return yggdrasilSubnetFor(nodePublicKey, hardwareAddrFromInput(Buffer.from(`ygg:${tap}`)));
}

/** Zero-OS's short unique device name for a workload id: base58(md5("ID:SUFFIX")), at most 13 chars. */
export function uniqueName(workloadId: string, suffix: string): string {
  return base58(createHash('md5').update(`${workloadId}:${suffix}`).digest()).slice(0, 13);
}

const BASE58 = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz';

export function base58(bytes: Uint8Array): string {
  let n = BigInt(`0x${Buffer.from(bytes).toString('hex') || '0'}`);
  let out = '';
  while (n > 0n) {
    out = BASE58[Number(n % 58n)] + out;
    n /= 58n;
  }
  for (const b of bytes) {
    if (b !== 0) break;
    out = '1' + out;
  }
  return out;
}

// Zero-OS's deterministic MAC: a 6-byte window of md5(input), locally administered and unicast,
// slid along the hash (or the hash re-hashed) until it falls in one of three allowed ranges.
const MAC_BYTES = 6;
const MAX_OFFSET = 16 - MAC_BYTES;

export function hardwareAddrFromInput(input: Uint8Array): Buffer {
  let hash = createHash('md5').update(input).digest();
  for (;;) {
    for (let offset = 0; offset <= MAX_OFFSET; offset++) {
      hash[offset] = (hash[offset] | 2) & 0xfe;
      const mac = hash.subarray(offset, offset + MAC_BYTES);
      if (macInRange(mac)) return Buffer.from(mac);
    }
    hash = createHash('md5').update(hash).digest();
  }
}

function compare(a: Uint8Array, b: readonly number[]): number {
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

/** the ranges Zero-OS allows, compared as it compares them (the tail against the upper bound) */
function macInRange(mac: Uint8Array): boolean {
  if (compare(mac.subarray(3), [0x00, 0x51, 0xff]) <= 0) return compare(mac.subarray(0, 2), [0x00, 0x03]) >= 0;
  if (compare(mac.subarray(3), [0x90, 0x00, 0xff]) <= 0) {
    return compare(mac.subarray(0, 2), [0x00, 0x54]) >= 0 && compare(mac.subarray(0, 2), [0x33, 0x33]) !== 0;
  }
  return compare(mac.subarray(0), [0xff, 0xff, 0xff, 0xff, 0xff, 0xfe]) <= 0 && compare(mac.subarray(0, 2), [0x90, 0x02]) >= 0;
}
