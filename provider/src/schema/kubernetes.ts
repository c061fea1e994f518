// grid_kubernetes: a k3s cluster of VMs on a network of yours: a master and workers, each on a
// node of its choosing, with a data disk each; workers join the master with the token.
import type { ResourceSchema } from '../../../engine';

const k8sVm = (what: string): ResourceSchema['block'] => ({
  description: `The ${what}`,
  attributes: {
    name: { type: 'string', required: true },
    node: { type: 'number', required: true },
    cpu: { type: 'number', required: true, description: 'vCPUs, 1 to 32' },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144' },
    disk_size: { type: 'number', required: true, description: 'Data disk for k3s, GB' },
    publicip: { type: 'bool', optional: true },
    planetary: { type: 'bool', optional: true },
    flist: { type: 'string', optional: true, description: 'Default: the k3s flist' },
    description: { type: 'string', optional: true },
    ip: { type: 'string', computed: true },
    computedip: { type: 'string', computed: true },
    planetary_ip: { type: 'string', computed: true },
    console_url: { type: 'string', computed: true },
  },
});

export const kubernetesSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'A k3s cluster: a master and workers on your network',
    attributes: {
      id: { type: 'string', computed: true },
      network_name: { type: 'string', required: true, forceNew: true },
      token: { type: 'string', required: true, sensitive: true, forceNew: true, description: 'Shared by the master and the workers' },
      ssh_key: { type: 'string', optional: true, forceNew: true },
      solution_type: { type: 'string', optional: true, forceNew: true },
      node_deployment_id: { type: 'map', elementType: 'string', computed: true, description: 'Contract ids: "master" and one per worker node' },
    },
    blocks: {
      master: { nesting: 'single', block: k8sVm('master'), forceNew: true },
      workers: { nesting: 'list', block: k8sVm('worker') },
    },
  },
};
