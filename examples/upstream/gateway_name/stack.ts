// terraform-provider-grid's examples/resources/gateway_name, ported to CDKTF: a gateway name
// proxying to a backend given without a port. Values as upstream's, except: the gateway node the
// scheduler would pick (public config, a free public IP) is node 1 of the local grid.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { GatewayDomain, GridProvider, NameProxy } from 'gridform';

/** grid_scheduler.sched.nodes["gateway"] on the local grid */
export const GATEWAY = 1;

export class GatewayNameStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    // upstream's comment: the data source breaks the cycle of a VM that needs its domain and a
    // gateway that needs the VM's address
    const domain = new GatewayDomain(this, 'domain', { node: GATEWAY, name: 'example2' });
    new NameProxy(this, 'p1', {
      node: GATEWAY,
      name: 'example2',
      backends: ['http://69.164.223.208'],
      tlsPassthrough: false,
    });
    new TerraformOutput(this, 'fqdn', { value: domain.fqdn });
  }
}
