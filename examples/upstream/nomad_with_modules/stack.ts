// terraform-provider-grid's examples/resources/nomad_with_modules, ported to CDKTF: upstream's
// modules/nomad-module (here the NomadModule construct of nomad-module.ts) with three nomad
// servers on one node, the first at 10.1.2.2, and a client on another. Values as upstream's,
// except: nodes 13 and 27 are nodes 3 and 4 of the local grid, file("~/.ssh/id_rsa.pub") a
// literal key.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GridProvider } from 'gridform';
import { NomadModule } from './nomad-module';

/** upstream's nodes 13 and 27 on the local grid */
export const SERVERS_NODE = 3;
export const CLIENTS_NODE = 4;
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class NomadWithModulesStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const server = (n: number, more: object = {}) => ({
      name: `server${n}`,
      node: SERVERS_NODE,
      cpu: 2,
      memory: 1024,
      rootfsSize: 1024,
      disk: { name: `server${n}dsk`, size: 5 },
      ...more,
    });
    const nomad = new NomadModule(this, 'nomad', {
      sshKey: SSH_KEY,
      firstServerIp: '10.1.2.2',
      network: { nodes: [SERVERS_NODE, CLIENTS_NODE], ipRange: '10.1.0.0/16', name: 'nomadtest', description: 'new network for nomad' },
      servers: [server(1, { mountPoint: '/mnt' }), server(2, { planetary: true, mountPoint: '/mnt' }), server(3)],
      clients: [{ name: 'client1', node: CLIENTS_NODE, cpu: 2, memory: 1024, rootfsSize: 1024, disk: { name: 'client1dsk' } }],
    });
    new TerraformOutput(this, 'server1_ip', { value: nomad.servers[0].vms.get(0).ip });
    new TerraformOutput(this, 'server2_ip', { value: nomad.servers[0].vms.get(1).ip });
    new TerraformOutput(this, 'server3_ip', { value: nomad.servers[0].vms.get(2).ip });
    new TerraformOutput(this, 'client1_ip', { value: nomad.clients[0].vms.get(0).ip });
  }
}
