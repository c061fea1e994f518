// A web VM on a private network, published as NAME.DOMAIN through a gateway node: the network
// spans the gateway and the VM's node so the gateway reaches the VM's private address. The name
// is held by a name contract that the NameProxy creates and cancels with it.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GatewayDomain, GridProvider, NameProxy, Network } from 'gridform';

export interface GatewayProps {
  /** a node with a domain (on the local grid, node 1) */
  readonly gatewayNode?: number;
  readonly vmNode?: number;
  /** the name to publish: NAME.DOMAIN */
  readonly name?: string;
  readonly port?: number;
}

export class GatewayStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: GatewayProps = {}) {
    super(scope, id);
    const gatewayNode = props.gatewayNode ?? 1;
    const vmNode = props.vmNode ?? 2;
    const name = props.name ?? 'hello';
    new GridProvider(this, 'grid', { network: 'local' });
    const network = new Network(this, 'network', {
      name: 'web',
      nodes: [gatewayNode, vmNode],
      ipRange: '10.40.0.0/16',
      description: 'the gateway reaches the VM here',
    });
    const web = new Deployment(this, 'web', {
      node: vmNode,
      name: 'web',
      networkName: network.name,
      vms: [
        {
          name: 'web',
          flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
          entrypoint: '/sbin/zinit init',
          cpu: 1,
          memory: 512,
          envVars: { PORT: String(props.port ?? 8080) },
        },
      ],
    });
    const domain = new GatewayDomain(this, 'domain', { node: gatewayNode, name });
    const proxy = new NameProxy(this, 'proxy', {
      node: gatewayNode,
      name,
      backends: [`http://${web.vms.get(0).ip}:${props.port ?? 8080}`],
    });
    new TerraformOutput(this, 'fqdn', { value: proxy.fqdn, description: 'where the site is served' });
    new TerraformOutput(this, 'expected_fqdn', { value: domain.fqdn, description: 'the same, known before apply' });
  }
}
