// A private network across nodes (two unless told) with wireguard access for your machine, and
// VMs on each node. `wg-quick up ./wg.conf` with the access_wg_config output puts your machine in the
// network, so the VMs' private addresses answer from it.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

export interface NetworkWireguardProps {
  /** the nodes of the network, VMs on each; the first must have a public IPv4 (your machine's endpoint) */
  readonly nodes?: number[];
  /** VMs per node */
  readonly vmsPerNode?: number;
}

const FLIST = 'https://hub.grid.tf/tf-official-apps/base:latest.flist';

export class NetworkWireguardStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: NetworkWireguardProps = {}) {
    super(scope, id);
    const nodes = props.nodes ?? [1, 2];
    const count = props.vmsPerNode ?? 2;
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', {
      name: 'private',
      nodes,
      ipRange: '10.20.0.0/16',
      description: 'VMs on every node, and your machine',
      addWgAccess: true,
    });
    nodes.forEach((node, n) => {
      const d = new Deployment(this, `vms_${n + 1}`, {
        node,
        name: `private_${n + 1}`,
        networkName: network.name,
        vms: Array.from({ length: count }, (_, i) => ({
          name: `vm${n + 1}_${i + 1}`,
          flist: FLIST,
          entrypoint: '/sbin/zinit init',
          cpu: 1,
          memory: 512,
        })),
      });
      new TerraformOutput(this, `node${n + 1}_ips`, { value: Array.from({ length: count }, (_, i) => d.vms.get(i).ip) });
    });
    new TerraformOutput(this, 'wg_config', {
      value: network.accessWgConfig,
      sensitive: true,
      description: 'save as wg.conf and run wg-quick up ./wg.conf',
    });
  }
}
