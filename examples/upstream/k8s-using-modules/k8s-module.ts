// terraform-provider-grid's modules/k8s-module as a construct: a network, the master's deployment
// (its VM and the first disk declared on its node) and one deployment per node holding the workers
// there (with every disk declared on that node), k3s joined to the master's private IP. Its
// variables' validations run when the construct is built: master and worker names distinct, the
// master's memory at least 1 GB. Upstream's check of the workers' memory compares a list with a
// number, so it never fails; it is left out rather than copied.
import { Construct } from 'constructs';
import { Deployment, Network, type DeploymentDisks, type DeploymentVms } from 'gridform';

export interface K8sModuleNetwork {
  readonly nodes: number[];
  readonly name: string;
  readonly ipRange: string;
  readonly description: string;
  readonly addWgAccess: boolean;
  readonly myceliumKeys: Record<string, string>;
}

export interface K8sModuleVm {
  readonly name: string;
  readonly node: number;
  readonly cpu: number;
  readonly memory: number;
  readonly diskName: string;
  readonly mountPoint: string;
  readonly publicip: boolean;
  readonly planetary: boolean;
  readonly myceliumIpSeed: string;
}

export interface K8sModuleDisk {
  readonly node: number;
  readonly name: string;
  readonly size: number;
  readonly description: string;
}

export interface K8sModuleConfig {
  readonly ssh: string;
  readonly token: string;
  readonly network: K8sModuleNetwork;
  readonly master: K8sModuleVm;
  readonly workers: K8sModuleVm[];
  readonly disks: K8sModuleDisk[];
}

const FLIST = 'https://hub.grid.tf/tf-official-apps/threefolddev-k3s-v1.31.0.flist';

export class K8sModule extends Construct {
  readonly network: Network;
  readonly master: Deployment;
  /** the workers' deployments, one per node, in the order the workers first name their nodes */
  readonly workerDeployments: Deployment[];
  /** module.kubernetes.workers: each worker's VM by name */
  readonly workers: Record<string, ReturnType<Deployment['vms']['get']>> = {};

  constructor(scope: Construct, id: string, config: K8sModuleConfig) {
    super(scope, id);
    validate(config);
    const { ssh, token, network, master } = config;
    const disksOn = (node: number) => config.disks.filter((d) => d.node === node).map(diskBlock);
    this.network = new Network(this, 'net', { ...network });
    const k3sEnv = (vmName: string, url: string) => ({
      SSH_KEY: ssh,
      K3S_TOKEN: token,
      K3S_DATA_DIR: '/mydisk',
      K3S_FLANNEL_IFACE: 'eth0',
      K3S_NODE_NAME: vmName,
      K3S_URL: url,
    });
    this.master = new Deployment(this, 'master', {
      node: master.node,
      networkName: this.network.name,
      vms: [{ ...vmBlock(master), entrypoint: '/sbin/zinit init', envVars: k3sEnv(master.name, '') }],
      disks: disksOn(master.node).slice(0, 1),
    });
    const masterUrl = `https://${this.master.vms.get(0).ip}:6443`;
    const nodes = [...new Set(config.workers.map((w) => w.node))];
    this.workerDeployments = nodes.map((node) => {
      const here = config.workers.filter((w) => w.node === node);
      // as upstream's dynamic "vms": no entrypoint for the workers
      const vms = here.map((w) => ({ ...vmBlock(w), envVars: k3sEnv(w.name, masterUrl) }));
      const d = new Deployment(this, `workers_${node}`, { node, networkName: this.network.name, vms, disks: disksOn(node) });
      here.forEach((w, i) => (this.workers[w.name] = d.vms.get(i)));
      return d;
    });
  }
}

function vmBlock(vm: K8sModuleVm): DeploymentVms {
  return {
    name: vm.name,
    flist: FLIST,
    cpu: vm.cpu,
    memory: vm.memory,
    publicip: vm.publicip,
    planetary: vm.planetary,
    myceliumIpSeed: vm.myceliumIpSeed,
    mounts: [{ name: vm.diskName, mountPoint: vm.mountPoint }],
  };
}

function diskBlock(d: K8sModuleDisk): DeploymentDisks {
  return { name: d.name, size: d.size, description: d.description };
}

/** The module's variable validations, with upstream's messages and the variable named. */
function validate(config: K8sModuleConfig): void {
  const names = [...config.workers.map((w) => w.name), config.master.name];
  if (new Set(names).size !== names.length) throw new Error(`k8s module: workers and master: Master and workers names must be distinct`);
  if (config.master.memory < 1024) throw new Error(`k8s module: master.memory is ${config.master.memory}: Memory must be at least 1GB`);
}
