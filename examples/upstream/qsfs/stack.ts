// terraform-provider-grid's examples/resources/qsfs, ported to CDKTF with its workloads and values
// unchanged: eight 0-db namespaces in one deployment (meta1-4 in user mode for the metadata,
// data1-4 in seq mode for the data), and a qsfs over them in a second deployment, mounted at /qsfs
// in a VM. Backends are the namespaces' Yggdrasil addresses (ips[1]) and ports, as upstream's.
// Mapped to the local grid: the node the scheduler picks upstream is node 1 here, file() of an
// SSH key is a literal, and the two random_bytes (the network's mycelium key, the VM's seed) are
// literals of the same sizes.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, type DeploymentQsfsGroupsBackends } from 'gridform';

export interface QsfsProps {
  readonly node?: number;
  /** the qsfs cache, MB (upstream: 10240) */
  readonly cache?: number;
}

const KEY = '4d778ba3216e4da4231540c92a55f06157cabba802f9b68fb0f78375d2e825af';
const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGridformExampleKeyOnlyForTheLocalGrid user@example';
const MYCELIUM_KEY = '9751c596c7c951aedad1a5f78f18b59515064adf660e0d55abead65e6fbbd627';
const MYCELIUM_IP_SEED = '5f2c8e01b7d4';
const METAS = ['meta1', 'meta2', 'meta3', 'meta4'];
const DATAS = ['data1', 'data2', 'data3', 'data4'];

export class QsfsStack extends TerraformStack {
  constructor(scope: Construct, id: string, props: QsfsProps = {}) {
    super(scope, id);
    const node = props.node ?? 1;
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      name: 'network',
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'qsfs network',
      myceliumKeys: { [String(node)]: MYCELIUM_KEY },
    });
    const zdb = (mode: string) => (name: string) => ({ name, description: 'description', password: 'password', size: 10, mode });
    const d1 = new Deployment(this, 'd1', { node, zdbs: [...METAS.map(zdb('user')), ...DATAS.map(zdb('seq'))] });
    // upstream: for zdb in grid_deployment.d1.zdbs, those with mode != "seq" (the metas, 0-3) and the others (the datas, 4-7)
    const backend = (i: number): DeploymentQsfsGroupsBackends => ({
      address: Fn.format('[%s]:%d', [Fn.element(d1.zdbs.get(i).ips, 1), d1.zdbs.get(i).port]),
      namespace: d1.zdbs.get(i).namespace,
      password: d1.zdbs.get(i).password,
    });
    const qsfs = new Deployment(this, 'qsfs', {
      node,
      networkName: net1.name,
      qsfs: [
        {
          name: 'qsfs',
          description: 'description6',
          cache: props.cache ?? 10240,
          minimalShards: 2,
          expectedShards: 4,
          redundantGroups: 0,
          redundantNodes: 0,
          maxZdbDataDirSize: 512,
          encryptionAlgorithm: 'AES',
          encryptionKey: KEY,
          compressionAlgorithm: 'snappy',
          metadata: {
            type: 'zdb',
            prefix: 'hamada',
            encryptionAlgorithm: 'AES',
            encryptionKey: KEY,
            backends: METAS.map((_, i) => backend(i)),
          },
          groups: [{ backends: DATAS.map((_, i) => backend(METAS.length + i)) }],
        },
      ],
      vms: [
        {
          name: 'vm',
          flist: 'https://hub.grid.tf/tf-official-apps/base:latest.flist',
          cpu: 2,
          memory: 1024,
          entrypoint: '/sbin/zinit init',
          envVars: { SSH_KEY },
          mounts: [{ name: 'qsfs', mountPoint: '/qsfs' }],
          myceliumIpSeed: MYCELIUM_IP_SEED,
        },
      ],
    });
    new TerraformOutput(this, 'metrics', { value: qsfs.qsfs.get(0).metricsEndpoint });
    new TerraformOutput(this, 'mycelium_ip', { value: qsfs.vms.get(0).myceliumIp });
  }
}
