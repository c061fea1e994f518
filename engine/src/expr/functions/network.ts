// IP network functions for IPv4 and IPv6: cidrhost cidrnetmask cidrsubnet cidrsubnets.
// Addresses are BigInts of 32 or 128 bits.
import { toInt, toStr, ValueError } from '../convert';
import { fixed, fn, type FnDef } from './types';

interface Network {
  base: bigint;
  prefix: number;
  /** 32 or 128 */
  bits: number;
}

export const networkFunctions: Record<string, FnDef> = {
  cidrhost: fixed(2, ([p, h]) => {
    const net = parseCidr(toStr(p, 'the prefix'));
    const max = (1n << BigInt(net.bits - net.prefix)) - 1n;
    const asked = BigInt(toInt(h, 'the host number'));
    const host = asked < 0n ? max + asked + 1n : asked; // -1 is the last address
    if (host < 0n || host > max) throw new ValueError(`prefix of ${net.prefix} does not accommodate a host numbered ${asked}`);
    return formatIp(net.base + host, net.bits);
  }),
  cidrnetmask: fixed(1, ([p]) => {
    const net = parseCidr(toStr(p, 'the prefix'));
    if (net.bits !== 32) throw new ValueError('IPv6 addresses cannot have a netmask');
    return formatIp(mask(net.prefix, 32), 32);
  }),
  cidrsubnet: fixed(3, ([p, nb, nn]) => {
    const net = parseCidr(toStr(p, 'the prefix'));
    const newbits = toInt(nb, 'newbits');
    const netnum = BigInt(toInt(nn, 'netnum'));
    const len = net.prefix + newbits;
    if (newbits < 0 || len > net.bits) throw new ValueError(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
    if (netnum < 0n || netnum >= 1n << BigInt(newbits))
      throw new ValueError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${netnum}`);
    return `${formatIp(net.base | (netnum << BigInt(net.bits - len)), net.bits)}/${len}`;
  }),
  // consecutive subnets, each aligned to its own size, as Terraform allocates them
  cidrsubnets: fn(1, Infinity, ([p, ...newbits]) => {
    const net = parseCidr(toStr(p, 'the prefix'));
    const size = (len: number) => 1n << BigInt(net.bits - len);
    const end = net.base + size(net.prefix);
    let next = net.base;
    return newbits.map((nb, i) => {
      const len = net.prefix + toInt(nb, `argument ${i + 2}`);
      if (len > net.bits)
        throw new ValueError(`would extend prefix to ${len} bits, which is too long for an IPv${net.bits === 32 ? 4 : 6} address`);
      if (len < net.prefix) throw new ValueError('newbits must not be negative');
      const start = ((next + size(len) - 1n) / size(len)) * size(len);
      if (start + size(len) > end)
        throw new ValueError(
          `not enough remaining address space for a subnet with a prefix of ${len} bits after ${formatIp(next - 1n, net.bits)}`,
        );
      next = start + size(len);
      return `${formatIp(start, net.bits)}/${len}`;
    });
  }),
};

function mask(prefix: number, bits: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function parseCidr(s: string): Network {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(s);
  const ip = m ? parseIp(m[1]) : undefined;
  const prefix = Number(m?.[2]);
  if (!ip || prefix > ip.bits) throw new ValueError(`invalid CIDR address ${JSON.stringify(s)}`);
  return { base: ip.value & mask(prefix, ip.bits), prefix, bits: ip.bits };
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) < 256)) return undefined;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

function parseIp(s: string): { value: bigint; bits: number } | undefined {
  const v4 = parseIpv4(s);
  if (v4 !== undefined) return { value: v4, bits: 32 };
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const groups = halves.map((h) => (h ? h.split(':') : []));
  const words: bigint[][] = [];
  for (const g of groups) {
    const ws: bigint[] = [];
    for (const [i, w] of g.entries()) {
      const tail = i === g.length - 1 && w.includes('.') ? parseIpv4(w) : undefined;
      if (tail !== undefined) ws.push(tail >> 16n, tail & 0xffffn);
      else if (/^[0-9a-fA-F]{1,4}$/.test(w)) ws.push(BigInt(parseInt(w, 16)));
      else return undefined;
    }
    words.push(ws);
  }
  const count = words.flat().length;
  if (halves.length === 1 ? count !== 8 : count > 7) return undefined;
  const all = halves.length === 1 ? words[0] : [...words[0], ...Array<bigint>(8 - count).fill(0n), ...words[1]];
  return { value: all.reduce((acc, w) => (acc << 16n) | w, 0n), bits: 128 };
}

/** Dotted IPv4, or IPv6 as RFC 5952 writes it (longest run of zero groups as ::). */
function formatIp(v: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((v >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(112 - 16 * i)) & 0xffffn));
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j > i ? j : i + 1;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLen).join(':')}`;
}
