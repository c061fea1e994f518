// terraform-provider-grid's examples/resources/gateway_fqdn, ported to CDKTF: a domain of yours
// proxied by a gateway node. Values as upstream's, except: node 11 is node 1 of the local grid.
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { FqdnProxy, GridProvider } from 'gridform';

/** upstream's node 11, a gateway, on the local grid */
export const GATEWAY = 1;

export class GatewayFqdnStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const p1 = new FqdnProxy(this, 'p1', {
      node: GATEWAY,
      name: 'workloadname',
      fqdn: 'hamada1.3x0.me',
      backends: ['http://137.184.106.152:443'],
    });
    new TerraformOutput(this, 'fqdn', { value: p1.fqdn });
  }
}
