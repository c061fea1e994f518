// The overlay addresses a VM gets, checked against the vectors Zero-OS's own tests use
// (threefoldtech/zosbase pkg/network/yggdrasil and mycelium tests), RFC 7748 for x25519 and
// blake3's published digest, so an address here is the address a real node would give.
import { createHash, createPrivateKey, createPublicKey } from 'node:crypto';
import { blake3 } from '@noble/hashes/blake3';
import {
  base58,
  formatIpv6,
  hardwareAddrFromInput,
  myceliumNodeAddress,
  myceliumSeedProblem,
  myceliumVmIp,
  myceliumZdbIp,
  planetaryVmIp,
  x25519FromEd25519Public,
  x25519PublicKey,
  yggdrasilAddress,
  yggdrasilSubnet,
  yggdrasilSubnetFor,
} from '../src/overlay-addresses';

function ed25519PublicFromSeed(seed: Buffer): Buffer {
  const der = Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]);
  const spki = createPublicKey(createPrivateKey({ key: der, format: 'der', type: 'pkcs8' })).export({ format: 'der', type: 'spki' });
  return spki.subarray(spki.length - 32);
}

const zosTestKey = ed25519PublicFromSeed(Buffer.from('00000000000000000000000000000000'));

describe('yggdrasil (planetary) addresses as Zero-OS derives them', () => {
  test("the node address and /64 of Zero-OS's test key are the ones its test expects", () => {
    expect(formatIpv6(yggdrasilAddress(zosTestKey))).toBe('203:45bf:8a48:8361:c04c:1321:ea32:50ad');
    const subnet = Buffer.alloc(16);
    yggdrasilSubnet(zosTestKey).copy(subnet);
    expect(formatIpv6(subnet)).toBe('303:45bf:8a48:8361::');
  });

  test('an address for an input is the /64 followed by sha512 of the input, as in the SubnetFor test', () => {
    // zos's test takes the prefix 301:8d90:378f:a93:: directly; the node key only sets the prefix
    const ip = yggdrasilSubnetFor(zosTestKey, Buffer.from('0000'));
    expect(ip).toBe('303:45bf:8a48:8361:c600:1d5b:2ac3:df31');
    expect(yggdrasilSubnetFor(zosTestKey, Buffer.from('bbbb'))).toBe('303:45bf:8a48:8361:9b73:d9aa:7cec:73be');
  });

  test('a VM planetary address is in 300::/8 of its node, stable, and differs by node, contract and name', () => {
    const ip = planetaryVmIp(zosTestKey, 7, 12, 'vm1');
    expect(ip).toMatch(/^303:45bf:8a48:8361:[0-9a-f:]+$/);
    expect(planetaryVmIp(zosTestKey, 7, 12, 'vm1')).toBe(ip);
    expect(planetaryVmIp(zosTestKey, 7, 13, 'vm1')).not.toBe(ip);
    expect(planetaryVmIp(zosTestKey, 7, 12, 'vm2')).not.toBe(ip);
    expect(planetaryVmIp(ed25519PublicFromSeed(Buffer.alloc(32, 1)), 7, 12, 'vm1')).not.toMatch(/^303:45bf:/);
  });

  test('device MACs are locally administered unicast and base58 keeps leading zeros', () => {
    const mac = hardwareAddrFromInput(Buffer.from('ygg:abc'));
    expect(mac).toHaveLength(6);
    expect(mac[0] & 0x03).toBe(0x02);
    expect(base58(Buffer.from([0, 0, 1]))).toBe('112');
    expect(base58(Buffer.from('hello world'))).toBe('StV1DL6CwTryKyV');
  });
});

describe('mycelium addresses as Zero-OS and mycelium derive them', () => {
  test('x25519 public keys follow RFC 7748 and blake3 its published digest', () => {
    const alice = Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex');
    expect(x25519PublicKey(alice).toString('hex')).toBe('8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a');
    expect(Buffer.from(blake3(Buffer.from('abc'), { dkLen: 16 })).toString('hex')).toBe('6437b3ac38465133ffb63b75273a8db5');
  });

  test('the node address is blake3 of the public key with the first byte 04 or 05 by its parity', () => {
    const key = Buffer.from('77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a', 'hex');
    const hash = Buffer.from(blake3(x25519PublicKey(key), { dkLen: 16 }));
    const address = myceliumNodeAddress(key);
    let ones = 0;
    for (let b = hash[0]; b; b >>= 1) ones += b & 1;
    expect(address[0]).toBe(0x04 | (ones % 2));
    expect(address.subarray(1)).toEqual(hash.subarray(1));
  });

  test("a VM address is the network's /64, then ff0f, then the 6-byte seed", () => {
    const key = Buffer.alloc(32, 9);
    const seed = Buffer.from('b60f2b7ec39c', 'hex');
    const ip = myceliumVmIp(key, seed);
    const node = myceliumNodeAddress(key);
    const prefix = Buffer.alloc(16);
    node.copy(prefix, 0, 0, 8);
    expect(ip.startsWith(formatIpv6(prefix).replace(/::$/, ':'))).toBe(true);
    expect(ip.endsWith(':ff0f:b60f:2b7e:c39c')).toBe(true);
    expect(ip).toMatch(/^[45][0-9a-f]{2}:/);
    expect(myceliumVmIp(key, seed)).toBe(ip);
    expect(myceliumVmIp(Buffer.alloc(32, 10), seed)).not.toBe(ip);
  });

  test('a key derived once gives the same address every time, whatever a caller did to the last copy', () => {
    const key = Buffer.alloc(32, 11);
    const first = myceliumNodeAddress(key);
    const expected = Buffer.from(first);
    first.fill(0); // a caller writing into what it got
    expect(myceliumNodeAddress(key)).toEqual(expected);
    expect(myceliumNodeAddress(Buffer.alloc(32, 12))).not.toEqual(expected);
    // many keys, each asked twice, each with its own address
    const keys = Array.from({ length: 20 }, (_, i) => createHash('sha256').update(`key ${i}`).digest());
    const once = keys.map((k) => myceliumNodeAddress(k).toString('hex'));
    expect(keys.map((k) => myceliumNodeAddress(k).toString('hex'))).toEqual(once);
    expect(new Set(once).size).toBe(keys.length);
    const direct = Buffer.from(blake3(x25519PublicKey(keys[0]), { dkLen: 16 }));
    expect(Buffer.from(once[0], 'hex').subarray(1)).toEqual(direct.subarray(1));
  });

  test('seeds of the wrong length, all 00 or all ff are refused as Zero-OS refuses them', () => {
    expect(myceliumSeedProblem(Buffer.from('b60f2b7ec39c', 'hex'))).toBeNull();
    expect(myceliumSeedProblem(Buffer.from('b60f2b7e', 'hex'))).toMatch(/6 bytes, not 4/);
    expect(myceliumSeedProblem(Buffer.alloc(6, 0))).toMatch(/all 00 or all ff/);
    expect(myceliumSeedProblem(Buffer.alloc(6, 0xff))).toMatch(/all 00 or all ff/);
  });

  test("the node's own x25519 key, from its ed25519 public key, is the one its seed gives (sha512, clamped)", () => {
    for (const fill of [0, 7, 0xab]) {
      const seed = Buffer.alloc(32, fill);
      const secret = createHash('sha512').update(seed).digest().subarray(0, 32);
      expect(x25519FromEd25519Public(ed25519PublicFromSeed(seed))).toEqual(x25519PublicKey(secret));
    }
  });

  test("a 0-db container's address is the node mycelium's /64, then sha512 of its my: MAC", () => {
    const seed = Buffer.alloc(32, 3);
    const nodeKey = ed25519PublicFromSeed(seed);
    const node = myceliumNodeAddress(createHash('sha512').update(seed).digest().subarray(0, 32));
    const ip = Buffer.alloc(16);
    node.copy(ip, 0, 0, 8);
    createHash('sha512')
      .update(hardwareAddrFromInput(Buffer.from('my:7-zdb1')))
      .digest()
      .copy(ip, 8, 0, 8);
    expect(myceliumZdbIp(nodeKey, '7-zdb1')).toBe(formatIpv6(ip));
    expect(myceliumZdbIp(nodeKey, '7-zdb1')).toMatch(/^[45][0-9a-f]{2}:/);
    expect(myceliumZdbIp(nodeKey, '7-zdb2')).not.toBe(myceliumZdbIp(nodeKey, '7-zdb1'));
  });
});
