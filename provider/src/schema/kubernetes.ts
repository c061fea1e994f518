// grid_kubernetes: a k3s cluster of VMs on a network of yours: a master and workers, each on a
// node of its choosing, with a data disk each; workers join the master with the token.
import type { BlockDecl, ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';
import { CPU, MEMORY_MB, MYCELIUM_IP_SEED, MYCELIUM_IP_SEED_TEXT, WHOLE_ID } from './constraints';

export const K3S_FLIST = 'https://hub.grid.tf/tf-official-apps/threefolddev-k3s-v1.31.0.flist';
const K8S_NAME = { regex: '^[a-zA-Z0-9_]{1,30}$', what: '1 to 30 letters, digits or _' };

const k8sVm = (what: string): BlockDecl => ({
  description: `The ${what}`,
  attributes: {
    name: { type: 'string', required: true, description: 'VM name, unique in the cluster', pattern: K8S_NAME },
    node: { type: 'number', required: true, description: 'Node id', ...WHOLE_ID },
    cpu: { type: 'number', required: true, description: 'vCPUs, 1 to 32', ...CPU },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144', ...MEMORY_MB },
    disk_size: { type: 'number', required: true, description: 'Data disk for k3s, GB', range: [1, 10_000], unit: 'GB' },
    publicip: { type: 'bool', optional: true, description: 'Reserve a public IPv4 for the VM', default: false },
    publicip6: { type: 'bool', optional: true, description: 'Reserve a public IPv6 (not supported on the local grid)', default: false },
    planetary: { type: 'bool', optional: true, description: 'Give the VM a planetary (Yggdrasil) address', default: false },
    mycelium_ip_seed: { type: 'string', optional: true, description: MYCELIUM_IP_SEED_TEXT, pattern: MYCELIUM_IP_SEED },
    flist: { type: 'string', optional: true, description: 'The flist to boot', default: K3S_FLIST },
    flist_checksum: {
      type: 'string',
      optional: true,
      description:
        "The flist's md5; upstream checks it against the hub before deploying, the local grid has no hub so it is kept, not checked",
    },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload' },
    ip: { type: 'string', computed: true, description: 'Private IP in the network' },
    computedip: { type: 'string', computed: true, description: 'Public IPv4 with its prefix' },
    computedip6: { type: 'string', computed: true, description: 'Public IPv6 with its prefix' },
    planetary_ip: { type: 'string', computed: true, description: 'Planetary (Yggdrasil) address' },
    mycelium_ip: { type: 'string', computed: true, description: 'Mycelium address (400::/7), with mycelium_ip_seed' },
    console_url: { type: 'string', computed: true, description: "Address of the VM's console" },
    network_name: { type: 'string', computed: true, description: "The cluster's network_name" },
    ssh_key: { type: 'string', computed: true, description: "The cluster's ssh_key" },
    token: { type: 'string', computed: true, sensitive: true, description: "The cluster's token" },
  },
});

export const kubernetesDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'A k3s cluster: a master and workers on your network',
    attributes: {
      id: { type: 'string', computed: true, description: "The master's node contract id" },
      network_name: { type: 'string', required: true, forceNew: true, description: 'Name of a network (grid_network) on the nodes' },
      token: { type: 'string', required: true, sensitive: true, forceNew: true, description: 'Shared by the master and the workers' },
      ssh_key: { type: 'string', optional: true, forceNew: true, description: 'Public SSH key put into every VM', default: '' },
      solution_type: {
        type: 'string',
        optional: true,
        forceNew: true,
        description: "Project name in the contracts' metadata; empty: kubernetes/MASTER (the master's name)",
        default: '',
      },
      name: { type: 'string', optional: true, forceNew: true, description: "Name in the contracts' metadata (default: the master's name)" },
      node_deployment_id: {
        type: ['map', 'string'],
        computed: true,
        description: 'Contract ids: "master" and one per worker node',
      },
      nodes_ip_range: {
        type: ['map', 'string'],
        computed: true,
        description: "The network's subnet on each node of the cluster, by node id",
      },
    },
    blocks: {
      master: { nesting: 'single', block: k8sVm('master'), forceNew: true, minItems: 1 },
      workers: { nesting: 'list', block: k8sVm('worker') },
    },
  },
};

export const kubernetesSchema = engineResourceSchema(kubernetesDecl);
