// The node accepts a deployment only when its contract is live on this node, owned by the
// deploying twin, carries the same hash, and the signature verifies against the twin's key.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeClient, deploymentHashHex, keyPairFromSeed, signDeployment, type KeyPair, type node } from '../../proto';
import { createNodeServer, type NodeServer } from '../src/server/create-node-server';
import { startChainProcess, twinFor, type ChainProcess } from './chain-process';

const MiB = 2 ** 20;

function vmDeployment(twinId: number, memoryMb = 512): node.Deployment {
  return {
    version: 0,
    twinId,
    contractId: 0,
    metadata: '',
    description: '',
    signatureRequirement: { requests: [{ twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [] },
    workloads: [
      {
        version: 0,
        name: 'net',
        type: 'network',
        data: JSON.stringify({
          ip_range: '10.9.0.0/16',
          subnet: '10.9.2.0/24',
          wireguard_private_key: Buffer.alloc(32, 1).toString('base64'),
          wireguard_listen_port: 4000,
          peers: [],
        }),
      },
      { version: 0, name: 'vmip', type: 'ip', data: JSON.stringify({ v4: true }) },
      {
        version: 0,
        name: 'vm',
        type: 'zmachine',
        data: JSON.stringify({
          flist: 'https://hub/f.flist',
          network: { public_ip: 'vmip', interfaces: [{ network: 'net', ip: '' }] },
          size: 0,
          compute_capacity: { cpu: 1, memory: memoryMb * MiB },
          env: {},
        }),
      },
    ],
  };
}

describe('node admission of signed deployments', () => {
  let chain: ChainProcess;
  let nodes: NodeServer[];
  let client: NodeClient;
  const dirs: string[] = [];
  const readers = new Map<number, NodeClient>();
  /** A client of node 1 signing as `user`: the node answers reads to the owner only. */
  const reader = (user: { twinId: number; key: KeyPair }) => {
    const signer = { twinId: user.twinId, key: user.key, nodeId: nodes[0].nodeId };
    if (!readers.has(user.twinId)) readers.set(user.twinId, new NodeClient(nodes[0].address, { signer }));
    return readers.get(user.twinId)!;
  };

  beforeAll(async () => {
    chain = await startChainProcess();
    const farmer = await twinFor(chain.client);
    const farmId = (
      await chain.client.submit(farmer.key, {
        createFarm: {
          name: 'checks',
          publicIps: Array.from({ length: 16 }, (_, i) => ({ ip: `203.0.113.${50 + i}/24`, gateway: '203.0.113.1' })),
        },
      })
    ).createdIds[0];
    nodes = [];
    for (let i = 0; i < 2; i++) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-node-'));
      dirs.push(dir);
      nodes.push(
        await createNodeServer({ chainAddress: chain.address, farmId, dataDir: dir, provisionDelayMs: { zmachine: 5, network: 1, ip: 1 } }),
      );
    }
    client = new NodeClient(nodes[0].address);
  });

  afterAll(async () => {
    client.close();
    readers.forEach((r) => r.close());
    for (const n of nodes) await n.stop();
    await chain.stop();
    dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true }));
  });

  async function contractFor(key: KeyPair, d: node.Deployment, nodeId = nodes[0].nodeId, hash = deploymentHashHex(d)): Promise<number> {
    return (await chain.client.submit(key, { createNodeContract: { nodeId, deploymentHash: hash, publicIps: 1 } })).createdIds[0];
  }

  it('provisions a correctly signed deployment: private IP from the subnet, the public IP its contract reserved', async () => {
    const user = await twinFor(chain.client);
    const d = vmDeployment(user.twinId);
    d.contractId = await contractFor(user.key, d);
    await client.deploy(signDeployment(d, user.twinId, user.key));
    let held: node.Deployment__Output;
    do held = await reader(user).get(user.twinId, d.contractId);
    while (held.workloads.some((w) => w.result?.state === 'init'));
    const vm = JSON.parse(held.workloads.find((w) => w.name === 'vm')!.result!.data) as { ip: string; public_ip: string };
    const contract = await chain.client.contract(d.contractId);
    expect(held.workloads.map((w) => w.result?.state)).toEqual(['ok', 'ok', 'ok']);
    expect(vm.ip).toBe('10.9.2.2');
    expect(vm.public_ip).toBe(contract.publicIpsList[0].ip);
    expect((await reader(user).changes(user.twinId, d.contractId)).filter((c) => c.workload === 'vm').map((c) => c.state)).toEqual([
      'init',
      'ok',
    ]);
  });

  it('rejects a bad signature, naming the twin, and stores nothing', async () => {
    const user = await twinFor(chain.client);
    const d = vmDeployment(user.twinId);
    d.contractId = await contractFor(user.key, d);
    await expect(client.deploy(signDeployment(d, user.twinId, keyPairFromSeed(Buffer.alloc(32, 250))))).rejects.toThrow(
      `bad signature on the deployment of contract ${d.contractId}: the signature of twin ${user.twinId} ` +
        `does not verify against its key on chain`,
    );
    await expect(reader(user).get(user.twinId, d.contractId)).rejects.toThrow('has no deployment');
  });

  it('rejects a deployment whose hash differs from its contract', async () => {
    const user = await twinFor(chain.client);
    const d = vmDeployment(user.twinId);
    d.contractId = await contractFor(user.key, d, nodes[0].nodeId, 'f'.repeat(32));
    await expect(client.deploy(signDeployment(d, user.twinId, user.key))).rejects.toThrow(
      `differs from the hash ${'f'.repeat(32)} of contract ${d.contractId}`,
    );
  });

  it("rejects a deployment on another twin's contract", async () => {
    const owner = await twinFor(chain.client);
    const intruder = await twinFor(chain.client);
    const d = vmDeployment(intruder.twinId);
    d.contractId = await contractFor(owner.key, d);
    await expect(client.deploy(signDeployment(d, intruder.twinId, intruder.key))).rejects.toThrow(
      `contract ${d.contractId} belongs to twin ${owner.twinId}, but the deployment is from twin ${intruder.twinId}`,
    );
  });

  it('rejects a contract made for another node, and a contract that does not exist', async () => {
    const user = await twinFor(chain.client);
    const d = vmDeployment(user.twinId, 600);
    d.contractId = await contractFor(user.key, d, nodes[1].nodeId);
    await expect(client.deploy(signDeployment(d, user.twinId, user.key))).rejects.toThrow(
      `is for node ${nodes[1].nodeId}, not for this node (${nodes[0].nodeId})`,
    );
    const ghost = vmDeployment(user.twinId, 700);
    ghost.contractId = 99999;
    await expect(client.deploy(signDeployment(ghost, user.twinId, user.key))).rejects.toThrow('contract 99999 does not exist on chain');
  });

  it('rejects invalid workload data with the workload and the field', async () => {
    const user = await twinFor(chain.client);
    const d = vmDeployment(user.twinId, 100);
    d.contractId = await contractFor(user.key, d);
    await expect(client.deploy(signDeployment(d, user.twinId, user.key))).rejects.toThrow(
      /workload vm \(zmachine\): compute_capacity.memory .* must be at least/,
    );
  });
});
