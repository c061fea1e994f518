// GPUs on a local grid (grid up --gpu-nodes): the explorer shows them as Grid Proxy does
// (num_gpu, has_gpu and gpu_* filters, /nodes/{id}/gpu, stats); a VM's `gpus` is refused on a node
// the twin does not rent, naming it; once rented, the VM gets the GPU (the explorer shows the
// contract), a re-plan has no changes, a change updates in place keeping the GPU, and destroy frees it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient } from '../../../proto';
import { gridform, leftOnGrid, readGrid } from './cli';

jest.setTimeout(240_000);

const GPU = '0000:0e:00.0/1002/744c';

type NodeGpu = { node_twin_id: number; id: string; vendor: string; device: string; contract: number };

function stack(node: number, sshKey: string): unknown {
  return {
    terraform: { required_providers: { grid: { source: 'gridform/grid' } } },
    provider: { grid: [{ network: 'local' }] },
    resource: {
      grid_network: { net1: { name: 'testvm', nodes: [node], ip_range: '10.1.0.0/16', description: 'newer network' } },
      grid_deployment: {
        d1: {
          name: 'testvm',
          node,
          network_name: '${grid_network.net1.name}',
          disks: [{ name: 'data', size: 100, description: 'volume holding app data' }],
          vms: [
            {
              name: 'vm1',
              flist: 'https://hub.grid.tf/tf-official-vms/ubuntu-22.04.flist',
              cpu: 4,
              memory: 1024 * 4,
              entrypoint: '/init.sh',
              env_vars: { SSH_KEY: sshKey },
              mounts: [{ name: 'data', mount_point: '/app' }],
              gpus: [GPU],
            },
          ],
        },
      },
    },
    output: { vm1_ip: { value: '${grid_deployment.d1.vms[0].ip}' } },
  };
}

describe('GPUs on a local grid', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-gpu-'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gridform-gpu-stack-'));
  const write = (doc: unknown) => fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(doc));
  const run = (...args: string[]) => gridform(['-no-color', ...args], { cwd: dir, home });
  const explorer = () => (JSON.parse(fs.readFileSync(path.join(home, 'grid.json'), 'utf8')) as { explorer: { url: string } }).explorer.url;
  const get = async <T>(p: string) => (await (await fetch(`${explorer()}${p}`)).json()) as T;
  const ids = async (query: string) => (await get<{ nodeId: number }[]>(`/nodes?${query}`)).map((n) => n.nodeId);
  let chain: ChainClient;

  beforeAll(async () => {
    expect((await gridform(['grid', 'up', '--port', '0', '--explorer-port', '0', '--nodes', '2', '--gpu-nodes', '1'], { home })).code).toBe(
      0,
    );
    chain = new ChainClient(readGrid(home).chain.address);
  });
  afterAll(async () => {
    chain.close();
    await gridform(['grid', 'down', '--purge'], { home });
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('the explorer lists the GPU node as Grid Proxy does: num_gpu, has_gpu, gpu filters, /nodes/{id}/gpu, stats', async () => {
    const grid = readGrid(home);
    const gpuNode = grid.nodes[1];
    expect((await get<{ num_gpu: number }>(`/nodes/${gpuNode.id}`)).num_gpu).toBe(1);
    expect(await ids('has_gpu=true')).toEqual([gpuNode.id]);
    expect(await ids('has_gpu=false')).toEqual([grid.nodes[0].id]);
    expect(await ids('gpu_vendor_name=advanced micro')).toEqual([gpuNode.id]);
    expect(await ids('gpu_device_id=744c&gpu_available=true')).toEqual([gpuNode.id]);
    expect(await ids('gpu_vendor_name=nvidia')).toEqual([]);
    const gpus = await get<NodeGpu[]>(`/nodes/${gpuNode.id}/gpu`);
    const twinId = (await chain.node(gpuNode.id)).twinId;
    expect(gpus).toEqual([
      expect.objectContaining({
        node_twin_id: twinId,
        id: GPU,
        vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]',
        device: 'Navi 31 [Radeon RX 7900 XT/7900 XTX]',
        contract: 0,
      }),
    ]);
    expect(await get<NodeGpu[]>(`/nodes/${grid.nodes[0].id}/gpu`)).toEqual([]);
    expect((await get<{ gpus: number }>('/stats')).gpus).toBe(1);
  });

  it('refuses a VM with gpus on a node the twin does not rent, naming the node, and leaves nothing behind', async () => {
    const node = readGrid(home).nodes[1].id;
    write(stack(node, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGpuZXhhbXBsZQ user@example'));
    const apply = await run('apply', '-auto-approve');
    expect(apply.code).toBe(1);
    expect(apply.stderr).toContain(`usage of GPU is not allowed unless node is rented: node ${node} is not rented`);
    await run('destroy', '-auto-approve');
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });

  it('on a node the twin rents, the VM gets the GPU; re-plan has no changes; an update in place keeps it; destroy frees it', async () => {
    const grid = readGrid(home);
    const node = grid.nodes[1].id;
    const rent = await gridform(['node', 'rent', String(node)], { home });
    expect(rent.stdout).toMatch(new RegExp(`^Rented node ${node}: rent contract \\d+`));
    write(stack(node, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGpuZXhhbXBsZQ user@example'));
    const apply = await run('apply', '-auto-approve');
    expect(apply.stderr).toBe('');
    const state = JSON.parse(fs.readFileSync(path.join(dir, 'terraform.tfstate'), 'utf8'));
    const d1 = state.resources.find((r: { type: string }) => r.type === 'grid_deployment').instances[0].attributes;
    expect(d1.vms[0].gpus).toEqual([GPU]);
    expect((await get<NodeGpu[]>(`/nodes/${node}/gpu`))[0].contract).toBe(Number(d1.id));
    expect(JSON.parse((await run('output', '-json', 'vm1_ip')).stdout)).toMatch(/^10\.1\.2\.\d+$/);
    expect((await run('plan', '-detailed-exitcode')).code).toBe(0);

    write(stack(node, 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIG90aGVya2V5 user@example'));
    const update = await run('apply', '-auto-approve');
    expect(update.stderr).toBe('');
    expect(update.stdout).toContain('0 added, 1 changed, 0 destroyed');
    expect((await get<NodeGpu[]>(`/nodes/${node}/gpu`))[0].contract).toBe(Number(d1.id));

    expect((await run('destroy', '-auto-approve')).code).toBe(0);
    expect((await get<NodeGpu[]>(`/nodes/${node}/gpu`))[0].contract).toBe(0);
    expect((await gridform(['node', 'unrent', String(node)], { home })).code).toBe(0);
    expect(await leftOnGrid(home)).toEqual({ contracts: [], reservedIps: [], workloads: [] });
  });
});
