// The deployment the process-level node tests (crash, restart, upgrade) send: a private network
// and one VM on it, with a network range, key and port of each test's own.
import type { node } from '../../../proto';

const MiB = 2 ** 20;

export interface NetworkChoice {
  /** a /16 such as 10.60.0.0/16; the node's subnet is its .2.0/24 */
  ipRange: string;
  /** the byte the wireguard private key is filled with */
  keyByte: number;
  wireguardPort: number;
}

export function networkAndVm(twinId: number, net: NetworkChoice): node.Deployment {
  const subnet = net.ipRange.replace(/\.0\.0\/16$/, '.2.0/24');
  return {
    version: 0,
    twinId,
    contractId: 0,
    metadata: '',
    description: '',
    signatureRequirement: { requests: [{ twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
    workloads: [
      {
        version: 0,
        name: 'net',
        type: 'network',
        data: JSON.stringify({
          ip_range: net.ipRange,
          subnet,
          wireguard_private_key: Buffer.alloc(32, net.keyByte).toString('base64'),
          wireguard_listen_port: net.wireguardPort,
          peers: [],
        }),
      },
      {
        version: 0,
        name: 'vm',
        type: 'zmachine',
        data: JSON.stringify({
          flist: 'https://hub/base.flist',
          network: { interfaces: [{ network: 'net', ip: '' }] },
          size: 0,
          compute_capacity: { cpu: 1, memory: 512 * MiB },
          env: {},
        }),
      },
    ],
  };
}
