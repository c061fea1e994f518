// network: a private network of the twin on this node: an /16 ip_range, this node's /24 subnet in
// it, a wireguard key and listen port (unique on the node), and peers. Updated in place.
import { ZERO } from '../capacity';
import { cidrContains, parseCidr } from './ipv4';
import { isObject, ProvisionError, type WorkloadType } from './types';

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
    return null;
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
