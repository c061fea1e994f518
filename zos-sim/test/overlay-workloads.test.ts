// A node gives VMs the mycelium and planetary addresses Zero-OS would: mycelium from the key the
// network carries and the seed the VM carries, planetary from the node's own key; and it refuses
// mycelium configurations Zero-OS refuses, naming the field.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyPairFromSeed, myceliumVmIp, planetaryVmIp } from '../../proto';
import { NodeHarness, resultOf, type User, type WorkloadSpec } from './support/node-harness';

const MiB = 2 ** 20;
const MYCELIUM_KEY = '9751c596c7c951aedad1a5f78f18b59515064adf660e0d55abead65e6fbbd627';
const wgKey = (n: number) => Buffer.alloc(32, n).toString('base64');

const net = (port: number, mycelium?: unknown): WorkloadSpec => ({
  name: 'net',
  type: 'network',
  data: {
    ip_range: '10.60.0.0/16',
    subnet: '10.60.2.0/24',
    wireguard_private_key: wgKey(3),
    wireguard_listen_port: port,
    peers: [],
    ...(mycelium === undefined ? {} : { mycelium }),
  },
});

const vm = (name: string, network: Record<string, unknown>): WorkloadSpec => ({
  name,
  type: 'zmachine',
  data: {
    flist: 'https://hub/base.flist',
    network: { interfaces: [{ network: 'net', ip: '' }], ...network },
    size: 0,
    compute_capacity: { cpu: 1, memory: 512 * MiB },
    mounts: [],
    env: {},
  },
});

describe('overlay addresses of VMs on a node', () => {
  let h: NodeHarness;
  let user: User;
  let nodeKey: Buffer;

  beforeAll(async () => {
    h = await NodeHarness.start();
    const { dataDir } = await h.addNode();
    const seed = Buffer.from(fs.readFileSync(path.join(dataDir, 'identity.seed'), 'utf8').trim(), 'hex');
    nodeKey = Buffer.from(keyPairFromSeed(seed).publicKey, 'hex');
    user = await h.user();
  });
  afterAll(() => h.stop());

  it("a VM with a seed in a network with a mycelium key gets the address derived from both; planetary from the node's key", async () => {
    const d = await h.deploy(user, [
      net(4100, { hex_key: MYCELIUM_KEY, peers: [] }),
      vm('vm1', { planetary: true, mycelium: { network: 'net', hex_seed: 'b60f2b7ec39c' } }),
      vm('vm2', {}),
    ]);
    const r = resultOf(d, 'vm1');
    expect(r.state).toBe('ok');
    expect(r.data.mycelium_ip).toBe(myceliumVmIp(Buffer.from(MYCELIUM_KEY, 'hex'), Buffer.from('b60f2b7ec39c', 'hex')));
    expect(r.data.mycelium_ip).toMatch(/^[45][0-9a-f]{2}:.*:ff0f:b60f:2b7e:c39c$/);
    expect(r.data.planetary_ip).toBe(planetaryVmIp(nodeKey, user.twinId, d.contractId, 'vm1'));
    expect(resultOf(d, 'vm2').data).toMatchObject({ mycelium_ip: '', planetary_ip: '' });
  });

  it('the same key and seed give the same address in another deployment (a VM can move and keep it)', async () => {
    const other = await h.user();
    const d = await h.deploy(other, [
      net(4101, { hex_key: MYCELIUM_KEY }),
      vm('moved', { mycelium: { network: 'net', hex_seed: 'b60f2b7ec39c' } }),
    ]);
    expect(resultOf(d, 'moved').data.mycelium_ip).toBe(myceliumVmIp(Buffer.from(MYCELIUM_KEY, 'hex'), Buffer.from('b60f2b7ec39c', 'hex')));
  });

  it('a VM asking for mycelium in a network without a mycelium key fails, saying so', async () => {
    const other = await h.user();
    const d = await h.deploy(other, [net(4102), vm('vm', { mycelium: { network: 'net', hex_seed: 'b60f2b7ec39c' } })]);
    expect(resultOf(d, 'vm')).toMatchObject({ state: 'error', message: expect.stringContaining('does not run mycelium on node') });
  });

  it.each([
    ['a short network key', [net(4103, { hex_key: 'abcd' })], 'mycelium.hex_key must be 32 bytes'],
    ['a peer list of its own', [net(4103, { hex_key: MYCELIUM_KEY, peers: ['tcp://1.2.3.4:9651'] })], 'mycelium.peers'],
    ['an all-zero seed', [vm('vm', { mycelium: { network: 'net', hex_seed: '000000000000' } })], 'all 00 or all ff'],
    ['a 4-byte seed', [vm('vm', { mycelium: { network: 'net', hex_seed: 'b60f2b7e' } })], '6 bytes, not 4'],
  ])('a deployment with %s is refused naming the field', async (_what, workloads, message) => {
    const other = await h.user();
    await expect(h.deploy(other, workloads)).rejects.toThrow(message);
  });
});
