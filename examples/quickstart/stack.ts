// Quickstart: a private network on node 1 of the local grid and one VM on it with a public IPv4.
// Outputs the VM's private and public IP.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

export class QuickstartStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: { node?: number } = {}) {
    super(scope, id);
    const node = props.node ?? 1;
    // the mnemonic comes from MNEMONIC, else from the local grid's dev account
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', {
      name: 'quickstart',
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'quickstart network',
    });
    const deployment = new Deployment(this, 'vm', {
      node,
      name: 'quickstart',
      networkName: network.name,
      vms: [
        {
          name: 'web',
          flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
          entrypoint: '/sbin/zinit init',
          cpu: 1,
          memory: 1024,
          rootfsSize: 2048,
          publicip: true,
          envVars: { SSH_KEY: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheQuickstartOnly user@example' },
        },
      ],
    });
    new TerraformOutput(this, 'private_ip', { value: deployment.vms.get(0).ip, description: 'the VM in the private network' });
    new TerraformOutput(this, 'public_ip', { value: deployment.vms.get(0).computedip, description: 'the VM public IPv4, with its prefix' });
  }
}
