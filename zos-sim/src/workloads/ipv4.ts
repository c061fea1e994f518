// IPv4 helpers for subnets and address picking.
export function parseCidr(cidr: string): { base: number; prefix: number } | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr ?? '');
  if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 32) return undefined;
  return { base: toInt(m.slice(1, 5).join('.')), prefix: Number(m[5]) };
}

export function toInt(ip: string): number {
  return ip.split('.').reduce((acc, o) => acc * 256 + Number(o), 0);
}

export function toIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function isIpv4(ip: string): boolean {
  return /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(ip) && ip.split('.').every((o) => Number(o) <= 255);
}

/** Whether `inner` (a CIDR) lies inside `outer` (a CIDR). */
export function cidrContains(outer: string, inner: string): boolean {
  const o = parseCidr(outer);
  const i = parseCidr(inner);
  if (!o || !i || i.prefix < o.prefix) return false;
  const size = 2 ** (32 - o.prefix);
  return Math.floor(i.base / size) === Math.floor(o.base / size);
}

export function ipInCidr(ip: string, cidr: string): boolean {
  return isIpv4(ip) && cidrContains(cidr, `${ip}/32`);
}
