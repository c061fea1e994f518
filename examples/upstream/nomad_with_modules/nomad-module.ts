// terraform-provider-grid's modules/nomad-module as a construct: a network, and per node one
// deployment of the nomad servers there and one of the clients, each VM with its disk mounted.
// The first server takes first_server_ip; the others, and the clients, get it as FIRST_SERVER_IP.
// Defaults are the module's (cpu 2, memory 1024, rootfs_size 51200, mount_point /mnt, planetary
// true, disk size 5). Where upstream sets an env var to null (FIRST_SERVER_IP on the first server)
// the construct leaves it out, which is what a null map element becomes.
import { Construct } from 'constructs';
import { Deployment, Network, type DeploymentVms } from 'gridform';

export interface NomadModuleVm {
  readonly name: string;
  readonly node: number;
  readonly cpu?: number;
  readonly memory?: number;
  readonly rootfsSize?: number;
  readonly mountPoint?: string;
  readonly publicip?: boolean;
  readonly publicip6?: boolean;
  readonly planetary?: boolean;
  readonly disk: { readonly name: string; readonly size?: number };
}

export interface NomadModuleConfig {
  readonly sshKey: string;
  readonly firstServerIp: string;
  readonly network: { readonly nodes: number[]; readonly name: string; readonly ipRange: string; readonly description: string };
  readonly servers: NomadModuleVm[];
  readonly clients: NomadModuleVm[];
}

const SERVER_FLIST = 'https://hub.grid.tf/aelawady.3bot/abdulrahmanelawady-nomad-server-latest.flist';
const CLIENT_FLIST = 'https://hub.grid.tf/aelawady.3bot/abdulrahmanelawady-nomad-client-latest.flist';
const ENTRYPOINT = '/sbin/zinit init';

export class NomadModule extends Construct {
  readonly network: Network;
  /** module.nomad.servers: the servers' deployments, one per node in the order the servers name them */
  readonly servers: Deployment[];
  readonly clients: Deployment[];

  constructor(scope: Construct, id: string, config: NomadModuleConfig) {
    super(scope, id);
    const { sshKey, firstServerIp } = config;
    this.network = new Network(this, 'net', { ...config.network });
    const first = config.servers[0];
    const server = (s: NomadModuleVm): DeploymentVms => ({
      ...vmBlock(s, SERVER_FLIST),
      ...(s === first ? { ip: firstServerIp } : {}),
      envVars: {
        SSH_KEY: sshKey,
        NOMAD_SERVERS: String(config.servers.length),
        ...(s === first ? {} : { FIRST_SERVER_IP: firstServerIp }),
      },
    });
    const client = (c: NomadModuleVm): DeploymentVms => ({
      ...vmBlock(c, CLIENT_FLIST),
      envVars: { SSH_KEY: sshKey, FIRST_SERVER_IP: firstServerIp },
    });
    this.servers = this.perNode('servers', config.servers, server);
    this.clients = this.perNode('clients', config.clients, client);
  }

  /** upstream's for_each over the VMs grouped by node: one deployment per node, disks beside the VMs */
  private perNode(kind: string, vms: NomadModuleVm[], block: (vm: NomadModuleVm) => DeploymentVms): Deployment[] {
    const nodes = [...new Set(vms.map((v) => v.node))];
    return nodes.map((node) => {
      const here = vms.filter((v) => v.node === node);
      return new Deployment(this, `${kind}_${node}`, {
        node,
        networkName: this.network.name,
        vms: here.map(block),
        disks: here.map((v) => ({ name: v.disk.name, size: v.disk.size ?? 5 })),
      });
    });
  }
}

function vmBlock(vm: NomadModuleVm, flist: string): DeploymentVms {
  return {
    name: vm.name,
    flist,
    cpu: vm.cpu ?? 2,
    memory: vm.memory ?? 1024,
    rootfsSize: vm.rootfsSize ?? 51200,
    publicip: vm.publicip ?? false,
    publicip6: vm.publicip6 ?? false,
    planetary: vm.planetary ?? true,
    entrypoint: ENTRYPOINT,
    mounts: [{ name: vm.disk.name, mountPoint: vm.mountPoint ?? '/mnt' }],
  };
}
