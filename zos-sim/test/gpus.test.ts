// GPUs on a node, as Zero-OS has them: listed with their vendor, device and the contract using
// each; a VM may take a GPU only on a node its twin rents; a GPU passed through to one VM cannot be
// taken by another; cancelling the contract frees it; ids the node does not have are refused.
import { NodeHarness, resultOf, type User, type WorkloadSpec } from './support/node-harness';

const MiB = 2 ** 20;
const AMD = '0000:0e:00.0/1002/744c';
const NVIDIA = '0000:0f:00.0/10de/2204';

const net: WorkloadSpec = {
  name: 'net',
  type: 'network',
  data: {
    ip_range: '10.60.0.0/16',
    subnet: '10.60.2.0/24',
    wireguard_private_key: Buffer.alloc(32, 3).toString('base64'),
    wireguard_listen_port: 3200,
    peers: [],
  },
};
const vm = (name: string, gpu: string[]): WorkloadSpec => ({
  name,
  type: 'zmachine',
  data: {
    flist: 'https://hub/base.flist',
    network: { interfaces: [{ network: 'net', ip: '' }], planetary: false },
    size: 0,
    compute_capacity: { cpu: 1, memory: 512 * MiB },
    mounts: [],
    env: {},
    gpu,
  },
});

describe('GPUs on a node', () => {
  let h: NodeHarness;
  let renter: User;

  beforeAll(async () => {
    h = await NodeHarness.start();
    await h.addNode({ gpus: [AMD, NVIDIA] });
    renter = await h.user();
  });
  afterAll(() => h.stop());

  const gpus = () => h.clients[0].gpus();
  /** A refused deployment leaves its contract on chain (the tool would cancel it): cancel those. */
  const refused = async (workloads: WorkloadSpec[], message: string) => {
    const live = async () =>
      (await h.chain.client.contracts({ twinId: renter.twinId, nodeId: h.nodes[0].nodeId })).filter(
        (c) => c.type === 'node' && c.state !== 'Deleted',
      );
    const before = new Set((await live()).map((c) => c.id));
    await expect(h.deploy(renter, workloads)).rejects.toThrow(message);
    for (const c of await live()) if (!before.has(c.id)) await h.chain.client.submit(renter.key, { cancelContract: { contractId: c.id } });
  };

  it('lists its GPUs with vendor and device names, all free, in gpu list and statistics', async () => {
    const list = await gpus();
    expect(list.map((g) => [g.id, g.vendor, g.device, Number(g.contract)])).toEqual([
      [AMD, 'Advanced Micro Devices, Inc. [AMD/ATI]', 'Navi 31 [Radeon RX 7900 XT/7900 XTX]', 0],
      [NVIDIA, 'NVIDIA Corporation', 'GA102 [GeForce RTX 3090]', 0],
    ]);
    expect((await h.clients[0].statistics()).gpus.map((g) => g.id)).toEqual([AMD, NVIDIA]);
  });

  it('refuses a VM with a GPU on a node its twin does not rent, as Zero-OS does', async () => {
    await refused([net, vm('vm', [AMD])], `usage of GPU is not allowed unless node is rented: node ${h.nodes[0].nodeId} is not rented`);
    expect((await gpus()).every((g) => Number(g.contract) === 0)).toBe(true);
  });

  it('gives the renter the GPU; another VM asking for it is refused naming the holder, until the contract ends', async () => {
    await h.chain.client.submit(renter.key, { createRentContract: { nodeId: h.nodes[0].nodeId } });
    const first = await h.deploy(renter, [net, vm('vm', [AMD])]);
    expect(resultOf(first, 'vm').state).toBe('ok');
    expect((await gpus()).map((g) => Number(g.contract))).toEqual([first.contractId, 0]);
    const second = { ...net, data: { ...net.data, wireguard_listen_port: 3201 } };
    await refused([second, vm('vm2', [AMD])], `VM vm2: GPU ${AMD} on node ${h.nodes[0].nodeId} is used by contract ${first.contractId}`);
    // the other GPU is free for another VM
    const other = await h.deploy(renter, [second, vm('vm2', [NVIDIA])]);
    expect(resultOf(other, 'vm2').state).toBe('ok');
    await h.cancel(renter, first.contractId);
    expect((await gpus()).map((g) => Number(g.contract))).toEqual([0, other.contractId]);
    const third = { ...net, data: { ...net.data, wireguard_listen_port: 3202 } };
    expect(resultOf(await h.deploy(renter, [third, vm('vm3', [AMD])]), 'vm3').state).toBe('ok');
  });

  it('refuses a GPU the node does not have, two VMs sharing one, and ids that are not slot/vendor/device', async () => {
    const n = h.nodes[0].nodeId;
    const netB = { ...net, data: { ...net.data, wireguard_listen_port: 3210 } };
    await refused(
      [netB, vm('vm', ['0000:99:00.0/1002/0000'])],
      `VM vm: unknown GPU id '0000:99:00.0/1002/0000' on node ${n} (it has ${AMD}, ${NVIDIA})`,
    );
    await refused(
      [netB, vm('a', [NVIDIA]), vm('b', [NVIDIA])],
      `VMs a and b both ask for GPU ${NVIDIA}: a GPU is passed through to one VM`,
    );
    await refused([netB, vm('vm', ['amd-card'])], 'gpu must be a list of GPU ids');
  });
});
