// Shape checks shared by the call handlers.
import { refuse } from '../errors';

export function ipv4Cidr(value: string, what: string): { ip: string; prefix: number } {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(value);
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) {
    throw refuse.invalid(`${what} ${JSON.stringify(value)} is not an IPv4 address in CIDR form (like 203.0.113.10/24)`);
  }
  return { ip: m.slice(1, 5).join('.'), prefix: Number(m[5]) };
}

export function ipv4(value: string, what: string): void {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(value);
  if (!m || m.slice(1).some((o) => Number(o) > 255)) throw refuse.invalid(`${what} ${JSON.stringify(value)} is not an IPv4 address`);
}

/** A public IP's gateway: another address of the IP's own subnet. */
export function gatewayInSubnet(cidr: { ip: string; prefix: number }, gateway: string, what: string): void {
  const bits = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
  const net = (ip: string) => Math.floor(bits(ip) / 2 ** (32 - cidr.prefix));
  if (net(gateway) !== net(cidr.ip)) throw refuse.invalid(`gateway ${gateway} of ${what} is not in its subnet /${cidr.prefix}`);
  if (gateway === cidr.ip) throw refuse.invalid(`gateway ${gateway} of ${what} is the IP itself`);
}

export function accountId(value: string, what: string): void {
  if (!/^[0-9a-f]{64}$/.test(value))
    throw refuse.invalid(`${what} ${JSON.stringify(value)} is not an account id (64 hex chars of an ed25519 public key)`);
}

export function positiveUnits(value: string, what: string): bigint {
  if (!/^\d+$/.test(value ?? ''))
    throw refuse.invalid(`${what} ${JSON.stringify(value)} is not a whole number of units (1 TFT = 10,000,000 units)`);
  const n = BigInt(value);
  if (n <= 0n) throw refuse.invalid(`${what} must be more than 0`);
  return n;
}

/** A deployment hash as contracts carry it: the md5 of the deployment challenge, in lowercase hex. */
export function deploymentHashFormat(hash: string): void {
  if (/^[0-9a-f]{32}$/.test(hash ?? '')) return;
  throw refuse.invalid(`deployment hash ${JSON.stringify(hash)} must be 32 lowercase hex characters (the md5 of the deployment challenge)`);
}
