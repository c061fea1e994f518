// The qsfs workload on a node: zos's checks of its data (shard counts, 32-byte hex keys, 0-db
// backends, only AES and snappy), its capacity (1 CPU, 1 GiB and its cache), the metrics endpoint
// on its Yggdrasil address, an update in place, and a VM mounting it by name.
import { NodeHarness, resultOf, type User, type WorkloadSpec } from './support/node-harness';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const KEY = '4d778ba3216e4da4231540c92a55f06157cabba802f9b68fb0f78375d2e825af';

function qsfsData(config: Record<string, unknown> = {}, cache = 10 * GiB): Record<string, unknown> {
  const backend = (i: number) => ({ address: `[300:1:2::${i}]:9900`, namespace: `ns${i}`, password: 'password' });
  return {
    cache,
    config: {
      minimal_shards: 2,
      expected_shards: 4,
      redundant_groups: 0,
      redundant_nodes: 0,
      max_zdb_data_dir_size: 512,
      encryption: { algorithm: 'AES', key: KEY },
      meta: { type: 'zdb', config: { prefix: 'hamada', encryption: { algorithm: 'AES', key: KEY }, backends: [backend(1)] } },
      groups: [{ backends: [backend(2), backend(3), backend(4), backend(5)] }],
      compression: { algorithm: 'snappy' },
      ...config,
    },
  };
}

const qsfs = (config: Record<string, unknown> = {}, version = 0, cache?: number): WorkloadSpec => ({
  name: 'qsfs',
  type: 'qsfs',
  version,
  data: qsfsData(config, cache),
});

describe('qsfs workload', () => {
  let h: NodeHarness;
  let user: User;

  beforeAll(async () => {
    h = await NodeHarness.start();
    await h.addNode();
    user = await h.user();
  });
  afterAll(() => h.stop());

  const refused = (spec: WorkloadSpec) => h.clients[0].deploy(h.deployment(user, [spec]));

  it('comes up with its metrics endpoint on port 9100 of a Yggdrasil address, kept by an update in place', async () => {
    const d = await h.deploy(user, [qsfs()]);
    const r = resultOf(d, 'qsfs');
    expect(r.state).toBe('ok');
    expect(String(r.data.metrics_endpoint)).toMatch(/^http:\/\/\[30[0-9a-f]:[0-9a-f:]+\]:9100\/metrics$/);
    const updated = await h.update(user, d.contractId, 1, [qsfs({}, 1, 20 * GiB)]);
    expect(resultOf(updated, 'qsfs')).toMatchObject({ state: 'ok', data: { metrics_endpoint: r.data.metrics_endpoint } });
    const changes = (await h.as(user).changes(user.twinId, d.contractId)).filter((c) => c.workload === 'qsfs').map((c) => c.state);
    expect(changes).not.toContain('deleted');
  });

  it('is charged 1 CPU, 1 GiB of memory and its cache on SSD', async () => {
    const before = await h.clients[0].statistics();
    await h.deploy(user, [qsfs({}, 0, 3 * GiB)]);
    const after = await h.clients[0].statistics();
    expect(Number(after.used!.cru) - Number(before.used!.cru)).toBe(1);
    expect(Number(after.used!.mru) - Number(before.used!.mru)).toBe(GiB);
    expect(Number(after.used!.sru) - Number(before.used!.sru)).toBe(3 * GiB);
  });

  it('refuses more minimal than expected shards, keys that are not 32 bytes of hex, bad backends, other algorithms', async () => {
    await expect(refused(qsfs({ minimal_shards: 5 }))).rejects.toThrow(
      "workload qsfs (qsfs): minimal shards can't be greater than expected shards",
    );
    await expect(refused(qsfs({ encryption: { algorithm: 'AES', key: KEY.slice(2) } }))).rejects.toThrow(
      'config.encryption.key is 31 bytes: AES takes a key of 32 bytes',
    );
    await expect(refused(qsfs({ encryption: { algorithm: 'AES', key: 'zz'.repeat(32) } }))).rejects.toThrow('must be hex encoded');
    await expect(refused(qsfs({ encryption: { algorithm: 'DES', key: KEY } }))).rejects.toThrow('only AES');
    await expect(
      refused(qsfs({ groups: [{ backends: [{ address: 'zdb.example:9900', namespace: 'n', password: '' }] }] })),
    ).rejects.toThrow('config.groups[0].backends[0].address must be a 0-db address');
    await expect(refused(qsfs({ compression: { algorithm: 'zstd' } }))).rejects.toThrow('config.compression.algorithm must be "snappy"');
    await expect(refused(qsfs({}, 0, 0))).rejects.toThrow('cache 0 must be a whole number of bytes above 0');
  });

  it('is mounted into a VM by its name, and a mount of a name that is neither disk nor qsfs fails the VM', async () => {
    const net: WorkloadSpec = {
      name: 'net',
      type: 'network',
      data: {
        ip_range: '10.51.0.0/16',
        subnet: '10.51.2.0/24',
        wireguard_private_key: Buffer.alloc(32, 3).toString('base64'),
        wireguard_listen_port: 3200,
        peers: [],
      },
    };
    const vm = (mount: string): WorkloadSpec => ({
      name: 'vm',
      type: 'zmachine',
      data: {
        flist: 'https://hub/base.flist',
        network: { interfaces: [{ network: 'net', ip: '' }] },
        size: 0,
        compute_capacity: { cpu: 1, memory: 512 * MiB },
        mounts: [{ name: mount, mountpoint: '/qsfs' }],
        env: {},
      },
    });
    const d = await h.deploy(user, [net, qsfs(), vm('qsfs')]);
    expect(resultOf(d, 'vm').state).toBe('ok');
    const bad = await h.deploy(user, [{ ...net, data: { ...net.data, wireguard_listen_port: 3201 } }, qsfs(), vm('nothing')]);
    expect(resultOf(bad, 'vm')).toMatchObject({ state: 'error', message: expect.stringContaining('no disk, volume or qsfs workload') });
  });
});
