// network: a private network of the twin on this node: an /16 ip_range, this node's /24 subnet in
// it, a wireguard key and listen port (unique on the node), peers, and optionally a mycelium key
// (the VMs of the network may then ask for mycelium addresses). Updated in place.
import { ZERO } from '../capacity';
import { cidrContains, parseCidr } from './ipv4';
import { isObject, ProvisionError, type WorkloadType } from './types';
import { MYCELIUM_KEY_BYTES } from '../../../proto';

/** The optional mycelium of a network: {hex_key: 32 bytes in hex, peers: []}; null when valid. */
function myceliumProblem(m: unknown): string | null {
  if (m === undefined || m === null) return null;
  if (!isObject(m)) return 'mycelium must be {hex_key, peers}';
  const key = typeof m.hex_key === 'string' && /^([0-9a-fA-F]{2})*$/.test(m.hex_key) ? Buffer.from(m.hex_key, 'hex') : undefined;
  if (!key || key.length !== MYCELIUM_KEY_BYTES) return `mycelium.hex_key must be ${MYCELIUM_KEY_BYTES} bytes in hex (64 characters)`;
  // Zero-OS refuses a peer list of the user's own for now
  if (m.peers !== undefined && m.peers !== null && (!Array.isArray(m.peers) || m.peers.length))
    return 'mycelium.peers: a peer list of your own is not supported; leave it empty';
  return null;
}

export const network: WorkloadType = {
  updatesInPlace: true,
  validate(d) {
    const range = parseCidr(String(d.ip_range ?? ''));
    if (!range || range.prefix !== 16) return `ip_range ${JSON.stringify(d.ip_range)} must be an IPv4 /16 range, like 10.1.0.0/16`;
    const subnet = parseCidr(String(d.subnet ?? ''));
    if (!subnet || subnet.prefix !== 24 || !cidrContains(String(d.ip_range), String(d.subnet)))
      return `subnet ${JSON.stringify(d.subnet)} must be a /24 inside ip_range ${d.ip_range}`;
    const key = typeof d.wireguard_private_key === 'string' ? Buffer.from(d.wireguard_private_key, 'base64') : Buffer.alloc(0);
    if (key.length !== 32) return 'wireguard_private_key must be 32 bytes in base64';
    const port = d.wireguard_listen_port;
    if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535)
      return `wireguard_listen_port ${JSON.stringify(port)} must be a port number (1-65535)`;
    const peers = d.peers ?? [];
    if (!Array.isArray(peers)) return 'peers must be a list';
    for (const [i, p] of peers.entries()) {
      if (!isObject(p) || !parseCidr(String(p.subnet ?? ''))) return `peers[${i}].subnet must be an IPv4 CIDR`;
      if (typeof p.wireguard_public_key !== 'string' || Buffer.from(p.wireguard_public_key, 'base64').length !== 32)
        return `peers[${i}].wireguard_public_key must be 32 bytes in base64`;
    }
    return myceliumProblem(d.mycelium);
  },
  capacity: () => ZERO,
  provision(d, ctx) {
    const port = d.wireguard_listen_port as number;
    if (ctx.usedWgPorts().has(port))
      throw new ProvisionError(
        `wireguard port ${port} is already in use on node ${ctx.nodeId}; pick a free one (list them with ListWgPorts)`,
      );
    return {};
  },
};
