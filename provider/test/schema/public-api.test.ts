// Acceptance: the constructs' public API is listed in provider/README.md, and the examples' way of
// writing them (node rather than nodeAttribute, GatewayDomain, a Kubernetes master) synthesizes
// the snake_case attributes of terraform-provider-grid.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Testing, TerraformStack } from 'cdktf';
import * as api from '../../index';

const README = fs.readFileSync(path.resolve(__dirname, '..', '..', 'README.md'), 'utf8');

describe("the gridform package's public API", () => {
  it.each(Object.keys(api).sort())('lists %s in provider/README.md', (name) => {
    expect(README).toContain(`\`${name}\``);
  });

  it('takes node or nodeAttribute and writes node, for a deployment, a gateway and a cluster', () => {
    const stack = new TerraformStack(Testing.app(), 'api');
    new api.Deployment(stack, 'by_node', { node: 3, disks: [{ name: 'd', size: 1 }] });
    new api.Deployment(stack, 'by_attribute', { nodeAttribute: 4, disks: [{ name: 'd', size: 1 }] });
    new api.GatewayDomain(stack, 'domain', { node: 1, name: 'site' });
    const master = { name: 'm', node: 1, cpu: 1, memory: 512, diskSize: 5 };
    new api.Kubernetes(stack, 'k8s', { networkName: 'n', token: 't', master, workers: [{ ...master, name: 'w', node: 2 }] });
    const doc = JSON.parse(Testing.synth(stack));
    expect(doc.resource.grid_deployment.by_node.node).toBe(3);
    expect(doc.resource.grid_deployment.by_attribute.node).toBe(4);
    expect(doc.data.grid_gateway_domain.domain).toEqual({ node: 1, name: 'site' });
    expect(doc.resource.grid_kubernetes.k8s.master).toMatchObject({ node: 1, disk_size: 5 });
    expect(doc.resource.grid_kubernetes.k8s.workers).toEqual([expect.objectContaining({ node: 2, name: 'w' })]);
  });
});
