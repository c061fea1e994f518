// Unit tests of K8sModule, the port of upstream's modules/k8s-module, with cdktf's Testing (no grid
// needed): what it synthesizes is what the module creates, and its variables' validations refuse.
import { Testing, TerraformStack } from 'cdktf';
import { K8sModule, type K8sModuleConfig } from './k8s-module';
import { K8sUsingModulesStack } from './stack';

type Vm = { name: string; entrypoint?: string; env_vars: Record<string, string>; mounts: { name: string; mount_point: string }[] };
type Doc = { resource: { grid_deployment: Record<string, { node: number; vms: Vm[]; disks: { name: string; size: number }[] }> } };

const deployments = () => {
  const doc = JSON.parse(Testing.synth(new K8sUsingModulesStack(Testing.app(), 'k8s-using-modules'))) as Doc;
  const byPrefix = (prefix: string) => Object.entries(doc.resource.grid_deployment).find(([id]) => id.startsWith(prefix))![1];
  return { master: byPrefix('kubernetes_master_'), workers: byPrefix('kubernetes_workers_3_') };
};

describe('K8sModule (upstream modules/k8s-module)', () => {
  it("gives the master the first disk declared on its node, and the workers' deployment every disk of theirs", () => {
    const { master, workers } = deployments();
    expect(master.disks.map((d) => [d.name, d.size])).toEqual([['mrdisk', 5]]);
    expect(workers.disks.map((d) => [d.name, d.size])).toEqual([
      ['mrdisk', 5],
      ['w0disk', 2],
    ]);
    expect(workers.vms[0].mounts).toEqual([{ name: 'w0disk', mount_point: '/mydisk' }]);
  });

  it("joins the workers to the master's private IP on 6443, and starts zinit on the master only, as upstream", () => {
    const { master, workers } = deployments();
    expect(master.vms[0]).toMatchObject({ entrypoint: '/sbin/zinit init', env_vars: { K3S_URL: '', K3S_NODE_NAME: 'mr' } });
    expect(workers.vms[0].entrypoint).toBeUndefined();
    expect(workers.vms[0].env_vars.K3S_URL).toMatch(/^https:\/\/\$\{grid_deployment\.kubernetes_master_\w+\.vms\[0\]\.ip\}:6443$/);
  });

  const config = (): K8sModuleConfig => {
    const vm = { node: 1, cpu: 1, memory: 1024, diskName: 'd', mountPoint: '/m', publicip: false, planetary: false, myceliumIpSeed: 'aa' };
    return {
      ssh: 'k',
      token: 't',
      network: { nodes: [1], name: 'n', ipRange: '10.1.0.0/16', description: '', addWgAccess: false, myceliumKeys: {} },
      master: { ...vm, name: 'mr' },
      workers: [{ ...vm, name: 'w0' }],
      disks: [{ node: 1, name: 'd', size: 1, description: '' }],
    };
  };
  const build = (c: K8sModuleConfig) => () => new K8sModule(new TerraformStack(Testing.app(), 's'), 'kubernetes', c);

  it('refuses a worker named as the master, as the validator module does', () => {
    const c = config();
    expect(build({ ...c, workers: [{ ...c.workers[0], name: 'mr' }] })).toThrow(/Master and workers names must be distinct/);
  });

  it('refuses a master with less than 1 GB of memory, naming master.memory', () => {
    const c = config();
    expect(build({ ...c, master: { ...c.master, memory: 512 } })).toThrow(/master\.memory is 512: Memory must be at least 1GB/);
  });
});
