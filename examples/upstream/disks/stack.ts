// terraform-provider-grid's examples/resources/disks, ported to CDKTF: grid_scheduler finds a node
// with 12 GB of SSD free, and a deployment there holds two 0-db namespaces (10 GB in user mode,
// 2 GB in seq mode). Values as upstream's; nothing to map. The outputs read the first namespace's
// addresses as Zero-OS lists them: its IPv6 on the node's LAN, then Yggdrasil, then mycelium.
import { Fn, propertyAccess, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Scheduler } from 'gridform';

export class DisksStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [{ name: 'node1', sru: 1024 * 12, yggdrasil: false, wireguard: false }],
    });
    const d1 = new Deployment(this, 'd1', {
      name: 'mydisk',
      node: sched.nodes.lookup('node1'),
      zdbs: [
        { name: 'zdb1', size: 10, description: 'zdb1 description', password: 'zdbpasswd1', mode: 'user' },
        { name: 'zdb2', size: 2, description: 'zdb2 description', password: 'zdbpasswd2', mode: 'seq' },
      ],
    });
    const zdb1 = d1.zdbs.get(0);
    new TerraformOutput(this, 'deployment_id', { value: d1.id });
    new TerraformOutput(this, 'zdb1_endpoint', { value: Fn.format('[%s]:%d', [propertyAccess(zdb1.ips, [0]), zdb1.port]) });
    new TerraformOutput(this, 'zdb1_namespace', { value: zdb1.namespace });
    // ips[2] as upstream writes it (element() would wrap around a shorter list instead of failing)
    new TerraformOutput(this, 'zdb1_mycelium_ip', { value: propertyAccess(zdb1.ips, [2]) });
  }
}
