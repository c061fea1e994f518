// grid_deployment: the workloads of one node contract on one node: VMs (with public IPs), on a
// network of yours. Its id is the contract id. Changing the VMs updates the deployment in place
// (a changed VM is recreated by the node, keeping its address); moving to another node, another
// network, or changing how many public IPs it reserves replaces it.
import type { BlockDecl, NestedBlockDecl, ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';
import { CPU, DURATION, MEMORY_MB, MYCELIUM_IP_SEED, MYCELIUM_IP_SEED_TEXT, VM_NAME, WHOLE_ID, WORKLOAD_NAME } from './constraints';
import { qsfsBlock } from './qsfs';

const mounts: NestedBlockDecl = {
  nesting: 'list',
  block: {
    description: 'A disk or a qsfs of the deployment mounted into the VM',
    attributes: {
      name: { type: 'string', required: true, description: 'Name of a disk or a qsfs of this deployment' },
      mount_point: {
        type: 'string',
        required: true,
        description: 'Absolute path in the VM',
        pattern: { regex: '^/\\S*$', what: 'an absolute path such as /data' },
      },
    },
  },
};

export const vmBlock: BlockDecl = {
  description: "A virtual machine booted from an flist, on the deployment's network",
  attributes: {
    name: { type: 'string', required: true, description: 'VM name, unique in the deployment', pattern: VM_NAME },
    flist: { type: 'string', required: true, description: 'URL of the flist to boot' },
    cpu: { type: 'number', optional: true, description: 'vCPUs, 1 to 32', ...CPU, default: 1 },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144', ...MEMORY_MB },
    corex: { type: 'bool', optional: true, description: 'Run corex (a web terminal) in the VM', default: false },
    zlogs: {
      type: ['list', 'string'],
      optional: true,
      description: "URLs the VM's logs are streamed to (a zlogs workload each)",
      pattern: { regex: '^(redis|ws|wss)://\\S+$', what: 'a redis://, ws:// or wss:// URL' },
      items: { noun: 'zlogs URL', max: 9, maxWhy: 'a workload name each, VM_zN' },
    },
    flist_checksum: {
      type: 'string',
      optional: true,
      description:
        "The flist's md5; upstream checks it against the hub before deploying, the local grid has no hub so it is kept, not checked",
    },
    rootfs_size: { type: 'number', optional: true, description: 'Root disk in MB', range: [0, 10 * 1024 * 1024], unit: 'MB', default: 0 },
    entrypoint: { type: 'string', optional: true, description: 'Command the VM runs first' },
    env_vars: { type: ['map', 'string'], optional: true, description: 'Environment variables of the VM' },
    publicip: { type: 'bool', optional: true, description: 'Reserve a public IPv4 for the VM', default: false },
    publicip6: { type: 'bool', optional: true, description: 'Reserve a public IPv6 (not supported on the local grid)', default: false },
    planetary: { type: 'bool', optional: true, description: 'Give the VM a planetary (Yggdrasil) address', default: false },
    mycelium_ip_seed: { type: 'string', optional: true, description: MYCELIUM_IP_SEED_TEXT, pattern: MYCELIUM_IP_SEED },
    gpus: {
      type: ['list', 'string'],
      optional: true,
      description: 'List of the GPUs to be attached to the vm and must not be used by other vms (the node must be rented by you)',
      pattern: {
        regex: '^[A-Za-z0-9:.]+/[A-Za-z0-9]+/[A-Za-z0-9]+$',
        what: 'a GPU id <pci slot>/<vendor>/<device>, like 0000:0e:00.0/1002/744c',
      },
    },
    ip: { type: 'string', optional: true, computed: true, description: 'Private IP in the network (the node picks one when unset)' },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload', default: '' },
    computedip: { type: 'string', computed: true, description: 'Public IPv4 with its prefix' },
    computedip6: { type: 'string', computed: true, description: 'Public IPv6 with its prefix' },
    planetary_ip: { type: 'string', computed: true, description: 'Planetary (Yggdrasil) address' },
    mycelium_ip: { type: 'string', computed: true, description: 'Mycelium address (400::/7), with mycelium_ip_seed' },
    console_url: { type: 'string', computed: true, description: "Address of the VM's console" },
  },
  blocks: { mounts },
};

export const containerBlock: BlockDecl = {
  description: "A container started from an flist, on the deployment's network (charged like a VM)",
  attributes: {
    name: { type: 'string', required: true, description: 'Container name, unique in the deployment', pattern: WORKLOAD_NAME },
    flist: { type: 'string', required: true, description: 'URL of the flist to start' },
    cpu: { type: 'number', required: true, description: 'vCPUs, 1 to 32', ...CPU },
    memory: { type: 'number', required: true, description: 'Memory in MB, 256 to 262144', ...MEMORY_MB },
    entrypoint: { type: 'string', optional: true, description: 'Command the container runs' },
    env_vars: { type: ['map', 'string'], optional: true, description: 'Environment variables of the container' },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload' },
    ip: { type: 'string', computed: true, description: 'Private IP in the network' },
  },
  blocks: { mounts },
};

export const diskBlock: BlockDecl = {
  description: 'An SSD disk, mounted into VMs with mounts',
  attributes: {
    name: { type: 'string', required: true, description: 'Disk name, unique in the deployment', pattern: WORKLOAD_NAME },
    size: { type: 'number', required: true, description: 'Size in GB; a disk can grow but not shrink', range: [1, 10_000], unit: 'GB' },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload', default: '' },
  },
};

export const zdbBlock: BlockDecl = {
  description: 'A 0-db namespace on HDD',
  attributes: {
    name: { type: 'string', required: true, description: 'Namespace name, unique in the deployment', pattern: WORKLOAD_NAME },
    size: { type: 'number', required: true, description: 'Size in GB', range: [1, 100_000], unit: 'GB' },
    mode: { type: 'string', optional: true, description: 'user or seq', oneOf: ['user', 'seq'], default: 'user' },
    password: { type: 'string', required: true, sensitive: true, description: 'Password of the namespace' },
    public: { type: 'bool', optional: true, description: 'Reachable on the public IPv6 of the node', default: false },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload', default: '' },
    ips: { type: ['list', 'string'], computed: true, description: 'Addresses the namespace listens on' },
    namespace: { type: 'string', computed: true, description: 'Namespace name on the node' },
    port: { type: 'number', computed: true, description: 'Port of the 0-db' },
  },
};

export const deploymentDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'Workloads on one node, under one node contract',
    attributes: {
      id: { type: 'string', computed: true, description: 'The node contract id' },
      node: { type: 'number', required: true, forceNew: true, description: 'Node id', ...WHOLE_ID },
      name: {
        type: 'string',
        optional: true,
        forceNew: true,
        description: "Name of the deployment in the contract's metadata",
        default: 'vm',
      },
      solution_type: {
        type: 'string',
        optional: true,
        forceNew: true,
        description: "Project name in the contract's metadata; empty: vm/NAME",
        default: '',
      },
      solution_provider: {
        type: 'number',
        optional: true,
        description:
          'Solution provider id upstream (a share of the rewards); the local chain has no solution providers, so it is kept only',
        default: 0,
      },
      network_name: {
        type: 'string',
        optional: true,
        forceNew: true,
        description: 'Name of a network (grid_network) deployed on the node; required with VMs or containers',
      },
      ip_range: { type: 'string', computed: true, description: "The network's subnet on this node" },
    },
    blocks: {
      vms: { nesting: 'list', block: vmBlock },
      containers: { nesting: 'list', block: containerBlock },
      disks: { nesting: 'list', block: diskBlock },
      zdbs: { nesting: 'list', block: zdbBlock },
      qsfs: { nesting: 'list', block: qsfsBlock },
      timeouts: {
        nesting: 'single',
        block: {
          description: 'How long a create may wait for the workloads to come up',
          attributes: {
            create: {
              type: 'string',
              optional: true,
              description: "A duration such as 45m (upstream's default); else the provider's timeout_seconds",
              pattern: DURATION,
            },
          },
        },
      },
    },
  },
};

export const deploymentSchema = engineResourceSchema(deploymentDecl);
