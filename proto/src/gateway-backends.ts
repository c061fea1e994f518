// What Zero-OS accepts as a gateway backend (zos's Backend.Valid): with tls_passthrough, IP:PORT
// (an IPv6 in brackets); without it, an http:// URL whose host is an IP that is not loopback, the
// port optional (80) and any path kept. A backend may not point at the gateway node's own public IP, which would
// loop. The node enforces this; the provider says it at plan time with the same words.
import { isIP } from 'node:net';

const IP_PORT = /^(\[[^\]]+\]|[^:[\]]+):(\d+)$/;
const HTTP_URL = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\/(\[[^\]]+\]|[^:/?#[\]]*)(:\d*)?([/?#].*)?$/;

/** The backend's IP, whichever form it takes; undefined when it names none. */
export function backendIp(backend: string): string | undefined {
  const hostPort = IP_PORT.exec(backend);
  const url = HTTP_URL.exec(backend);
  const host = hostPort?.[1] ?? url?.[2];
  if (host === undefined) return undefined;
  const bare = host.replace(/^\[(.*)\]$/, '$1');
  return isIP(bare) ? bare : undefined;
}

/** Why Zero-OS refuses `backend`, or undefined when it accepts it. */
export function backendProblem(backend: string, tlsPassthrough: boolean): string | undefined {
  if (tlsPassthrough) return ipPortProblem(backend);
  const url = HTTP_URL.exec(backend);
  if (!url) return `${JSON.stringify(backend)} is not http://IP[:PORT] (IP:PORT is for tls_passthrough only)`;
  if (url[1].toLowerCase() !== 'http')
    return `${JSON.stringify(backend)}: the scheme must be http (the gateway terminates TLS; use tls_passthrough to pass it on)`;
  const ip = backendIp(backend);
  if (!ip) return `${JSON.stringify(backend)} names no IP address (a gateway backend is an IP, not a host name)`;
  if (isLoopback(ip)) return `${JSON.stringify(backend)} is a loopback address`;
  return undefined;
}

/** Why `backend` points at the gateway itself: one of the node's own public IPs. */
export function backendLoopsToNode(backend: string, nodeIps: readonly string[]): string | undefined {
  const ip = backendIp(backend);
  if (!ip || !nodeIps.map(withoutMask).includes(ip)) return undefined;
  return `${JSON.stringify(backend)} points at the gateway node's own public IP ${ip}`;
}

function ipPortProblem(backend: string): string | undefined {
  const m = IP_PORT.exec(backend);
  if (!m) return `${JSON.stringify(backend)} is not IP:PORT, which tls_passthrough needs`;
  if (!backendIp(backend)) return `${JSON.stringify(backend)} names no IP address`;
  return portProblem(backend, m[2]);
}

function portProblem(backend: string, port: string): string | undefined {
  if (Number(port) > 65535) return `${JSON.stringify(backend)}: port ${port} must be <= 65535`;
  return undefined;
}

function isLoopback(ip: string): boolean {
  return ip === '::1' || /^127\./.test(ip);
}

function withoutMask(cidr: string): string {
  return cidr.replace(/\/\d+$/, '');
}
