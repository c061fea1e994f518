// grid_deployment: the workloads of one node contract on one node: VMs (with public IPs), on a
// network of yours. Its id is the contract id. Changing the VMs updates the deployment in place
// (a changed VM is recreated by the node, keeping its address); moving to another node, another
// network, or changing how many public IPs it reserves replaces it.
import type { ResourceSchema } from '../../../engine';

export const vmSchema: ResourceSchema['block'] = {
  attributes: {
    name: { type: 'string', required: true, description: 'VM name, unique in the deployment' },
    flist: { type: 'string', required: true, description: 'URL of the flist to boot' },
    cpu: { type: 'number', required: true, description: 'vCPUs, 1 to 32' },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144' },
    rootfs_size: { type: 'number', optional: true, description: 'Root disk in MB' },
    entrypoint: { type: 'string', optional: true },
    env_vars: { type: 'map', elementType: 'string', optional: true },
    publicip: { type: 'bool', optional: true, description: 'Reserve a public IPv4 for the VM' },
    publicip6: { type: 'bool', optional: true },
    planetary: { type: 'bool', optional: true },
    ip: { type: 'string', optional: true, computed: true, description: 'Private IP in the network (the node picks one when unset)' },
    description: { type: 'string', optional: true },
    computedip: { type: 'string', computed: true, description: 'Public IPv4 with its prefix' },
    computedip6: { type: 'string', computed: true },
    planetary_ip: { type: 'string', computed: true },
    mycelium_ip: { type: 'string', computed: true },
    console_url: { type: 'string', computed: true },
  },
  blocks: {
    mounts: {
      nesting: 'list',
      block: {
        description: 'A disk of the deployment mounted into the VM',
        attributes: {
          name: { type: 'string', required: true, description: 'Name of a disk of this deployment' },
          mount_point: { type: 'string', required: true, description: 'Absolute path in the VM' },
        },
      },
    },
  },
};

export const containerSchema: ResourceSchema['block'] = {
  description: 'A container started from an flist, on the deployment\'s network (charged like a VM)',
  attributes: {
    name: { type: 'string', required: true },
    flist: { type: 'string', required: true },
    cpu: { type: 'number', required: true, description: 'vCPUs, 1 to 32' },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144' },
    entrypoint: { type: 'string', optional: true },
    env_vars: { type: 'map', elementType: 'string', optional: true },
    description: { type: 'string', optional: true },
    ip: { type: 'string', computed: true, description: 'Private IP in the network' },
  },
  blocks: { mounts: vmSchema.blocks!.mounts },
};

export const diskSchema: ResourceSchema['block'] = {
  description: 'An SSD disk, mounted into VMs with mounts',
  attributes: {
    name: { type: 'string', required: true },
    size: { type: 'number', required: true, description: 'Size in GB; a disk can grow but not shrink' },
    description: { type: 'string', optional: true },
  },
};

export const zdbSchema: ResourceSchema['block'] = {
  description: 'A 0-db namespace on HDD',
  attributes: {
    name: { type: 'string', required: true },
    size: { type: 'number', required: true, description: 'Size in GB' },
    mode: { type: 'string', optional: true, description: 'user (default) or seq' },
    password: { type: 'string', optional: true, sensitive: true },
    public: { type: 'bool', optional: true, description: 'Reachable on the public IPv6 of the node' },
    description: { type: 'string', optional: true },
    ips: { type: 'list', elementType: 'string', computed: true },
    namespace: { type: 'string', computed: true },
    port: { type: 'number', computed: true },
  },
};

export const deploymentSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'Workloads on one node, under one node contract',
    attributes: {
      id: { type: 'string', computed: true, description: 'The node contract id' },
      node: { type: 'number', required: true, forceNew: true, description: 'Node id' },
      name: { type: 'string', optional: true, forceNew: true },
      solution_type: { type: 'string', optional: true, forceNew: true },
      network_name: { type: 'string', optional: true, forceNew: true, description: 'Name of a network (grid_network) deployed on the node' },
      ip_range: { type: 'string', computed: true, description: "The network's subnet on this node" },
    },
    blocks: {
      vms: { nesting: 'list', block: vmSchema },
      containers: { nesting: 'list', block: containerSchema },
      disks: { nesting: 'list', block: diskSchema },
      zdbs: { nesting: 'list', block: zdbSchema },
    },
  },
};
