// Every workload type on a node: deploy and its result, update in place or by recreation as the
// type allows, removal when the contract is cancelled, and invalid data refused naming the field.
import { myceliumZdbIp } from '../../proto';
import { NodeHarness, resultOf, type User, type WorkloadSpec } from './support/node-harness';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const key = (n: number) => Buffer.alloc(32, n).toString('base64');
const net = (port = 3100, peers: unknown[] = []): WorkloadSpec => ({
  name: 'net',
  type: 'network',
  data: { ip_range: '10.50.0.0/16', subnet: '10.50.2.0/24', wireguard_private_key: key(7), wireguard_listen_port: port, peers },
});
const vm = (memoryMb = 512, extra: Record<string, unknown> = {}): WorkloadSpec => ({
  name: 'vm',
  type: 'zmachine',
  data: {
    flist: 'https://hub/base.flist',
    network: { interfaces: [{ network: 'net', ip: '' }], planetary: true },
    size: 0,
    compute_capacity: { cpu: 1, memory: memoryMb * MiB },
    mounts: [],
    env: {},
    ...extra,
  },
});

describe('workload types', () => {
  let h: NodeHarness;
  let user: User;

  beforeAll(async () => {
    h = await NodeHarness.start();
    await h.addNode();
    await h.addNode({
      publicConfig: {
        ipv4: '198.51.100.10/24',
        gw4: '198.51.100.1',
        ipv6: '2001:db8:1::10/64',
        gw6: '2001:db8:1::1',
        domain: 'gw1.grid.local',
      },
    });
    user = await h.user();
  });
  afterAll(() => h.stop());

  const changesOf = async (contractId: number, workload: string, n = 0) =>
    (await h.as(user, n).changes(user.twinId, contractId))
      .filter((c) => c.workload === workload)
      .map((c) => `${c.state}${c.message ? `: ${c.message}` : ''}`);

  it(
    'network and zmachine: the VM gets the first host of the subnet, planetary and console; ' +
      'a changed VM is recreated with its address kept',
    async () => {
      const d = await h.deploy(user, [net(), vm()]);
      const r = resultOf(d, 'vm');
      expect(r.state).toBe('ok');
      expect(r.data).toMatchObject({ ip: '10.50.2.2', console_url: '10.50.2.2:20002' });
      expect(String(r.data.planetary_ip)).toMatch(/^30/);
      const updated = await h.update(user, d.contractId, 1, [
        { ...net(), version: 0 },
        { ...vm(1024), version: 1 },
      ]);
      expect(resultOf(updated, 'vm')).toMatchObject({ state: 'ok', data: expect.objectContaining({ ip: '10.50.2.2' }) });
      expect(await changesOf(d.contractId, 'vm')).toEqual(['init', 'ok', 'deleted: recreated by update', 'init', 'ok']);
      expect(await changesOf(d.contractId, 'net')).toEqual(['init', 'ok']);
    },
  );

  it('network updates in place (a new peer), without removal', async () => {
    const d = await h.deploy(user, [net(3101)]);
    await h.update(user, d.contractId, 1, [
      {
        ...net(3101, [{ subnet: '10.50.3.0/24', wireguard_public_key: key(9), allowed_ips: ['10.50.3.0/24'], endpoint: '1.2.3.4:3000' }]),
        version: 1,
      },
    ]);
    expect(await changesOf(d.contractId, 'net')).toEqual(['init', 'ok', 'init', 'ok']);
  });

  it('a wireguard port already used on the node leaves the second network in error, naming the port', async () => {
    await h.deploy(user, [net(3102)]);
    const other = await h.user();
    const d = await h.deploy(other, [net(3102)]);
    expect(resultOf(d, 'net')).toMatchObject({ state: 'error', message: expect.stringContaining('wireguard port 3102 is already in use') });
  });

  it('networks sent at once with the same wireguard port: exactly one holds it, the others fail naming it', async () => {
    const users = await Promise.all([1, 2, 3, 4].map(() => h.user()));
    const all = await Promise.all(users.map((u) => h.deploy(u, [net(3105)])));
    const states = all.map((d) => resultOf(d, 'net').state).sort();
    expect(states).toEqual(['error', 'error', 'error', 'ok']);
    for (const d of all.filter((x) => resultOf(x, 'net').state === 'error'))
      expect(resultOf(d, 'net').message).toContain('wireguard port 3105 is already in use on node');
  });

  it('VMs of deployments sent at once into one network get different addresses', async () => {
    const lan: WorkloadSpec = { ...net(3107), name: 'lan' };
    await h.deploy(user, [lan]);
    const machine = (name: string): WorkloadSpec => ({
      ...vm(),
      name,
      data: { ...vm().data, network: { interfaces: [{ network: 'lan', ip: '' }] } },
    });
    const all = await Promise.all(['a', 'b', 'c', 'd'].map((n) => h.deploy(user, [machine(n)])));
    const ips = all.map((d, i) => resultOf(d, ['a', 'b', 'c', 'd'][i]).data.ip);
    expect(new Set(ips).size).toBe(4);
  });

  it('container: an IP on the network like a VM, recreated on change; a bad entrypoint is refused', async () => {
    const container = (memory: number, version = 0): WorkloadSpec => ({
      name: 'app',
      type: 'container',
      version,
      data: {
        flist: 'https://hub/app.flist',
        entrypoint: '/app/run',
        env: { A: '1' },
        mounts: [],
        network: { interfaces: [{ network: 'net', ip: '' }] },
        compute_capacity: { cpu: 1, memory: memory * MiB },
      },
    });
    const d = await h.deploy(user, [net(3103), container(256)]);
    expect(resultOf(d, 'app')).toMatchObject({
      state: 'ok',
      data: expect.objectContaining({ ip: expect.stringMatching(/^10\.50\.2\.\d+$/) }),
    });
    await h.update(user, d.contractId, 1, [{ ...net(3103), version: 0 }, container(512, 1)]);
    expect(await changesOf(d.contractId, 'app')).toContain('deleted: recreated by update');
    const bad = h.deployment(user, [
      net(3104),
      {
        name: 'app',
        type: 'container',
        data: {
          flist: 'f',
          entrypoint: 42,
          network: { interfaces: [{ network: 'net' }] },
          compute_capacity: { cpu: 1, memory: 256 * MiB },
        },
      },
    ]);
    await expect(h.clients[0].deploy(bad)).rejects.toThrow('workload app (container): entrypoint must be a command line');
  });

  it('zmount and volume grow in place; shrinking is an error naming the sizes; a size of 0 is refused', async () => {
    const disks = (size: number, version = 0): WorkloadSpec[] => [
      { name: 'disk', type: 'zmount', version, data: { size } },
      { name: 'vol', type: 'volume', version, data: { size } },
    ];
    const d = await h.deploy(user, disks(GiB));
    expect(String(resultOf(d, 'disk').data.volume_id)).toMatch(/^zmount-/);
    const grown = await h.update(user, d.contractId, 1, disks(2 * GiB, 1));
    expect(resultOf(grown, 'vol').state).toBe('ok');
    expect(await changesOf(d.contractId, 'disk')).not.toContain('deleted: recreated by update');
    const shrunk = await h.update(user, d.contractId, 2, disks(GiB, 2));
    expect(resultOf(shrunk, 'disk')).toMatchObject({ state: 'error', message: expect.stringContaining('can only grow') });
    await expect(h.clients[0].deploy(h.deployment(user, [{ name: 'd', type: 'zmount', data: { size: 0 } }]))).rejects.toThrow(
      'workload d (zmount): size 0 must be a whole number of bytes above 0',
    );
  });

  it('zdb: namespace, port, ips (LAN IPv6, Yggdrasil, mycelium) on any node; the mode cannot change; a bad mode is refused', async () => {
    const zdb = (data: Record<string, unknown>, version = 0): WorkloadSpec => ({
      name: 'db',
      type: 'zdb',
      version,
      data: { size: GiB, mode: 'user', password: 'pw', public: false, ...data },
    });
    const d = await h.deploy(user, [zdb({})]);
    const r = resultOf(d, 'db');
    expect(r.state).toBe('ok');
    expect(r.data).toMatchObject({ namespace: `${d.contractId}-db`, port: 9900 });
    const [lan, ygg, mycelium] = r.data.ips as string[];
    expect(lan).toMatch(/^2001:db8:100:[0-9a-f]+::[0-9a-f]+$/);
    expect(ygg).toMatch(/^30[0-9a-f]:/);
    // the node's own mycelium runs with its identity key: the chain has its public key
    const nodeTwin = await h.chain.client.twin(Number((await h.chain.client.node(h.nodes[0].nodeId)).twinId));
    expect(mycelium).toBe(myceliumZdbIp(Buffer.from(nodeTwin.pk, 'hex'), `${d.contractId}-db`));
    const publicMode = await h.deploy(user, [zdb({ public: true })]);
    expect(resultOf(publicMode, 'db').state).toBe('ok');
    const onGateway = await h.deploy(user, [zdb({ public: true })], { node: 1 });
    expect((resultOf(onGateway, 'db').data.ips as string[])[0]).toMatch(/^2001:db8:1::/);
    const modeChange = await h.update(user, d.contractId, 1, [zdb({ mode: 'seq' }, 1)]);
    expect(resultOf(modeChange, 'db')).toMatchObject({ state: 'error', message: expect.stringContaining('mode cannot change') });
    await expect(h.clients[0].deploy(h.deployment(user, [zdb({ mode: 'fast' })]))).rejects.toThrow(
      'workload db (zdb): mode "fast" must be "user" or "seq"',
    );
  });

  it('ip: the public IPv4 the contract reserved, with its gateway; an ip workload without v4 or v6 is refused', async () => {
    const d = await h.deploy(user, [{ name: 'pub', type: 'ip', data: { v4: true } }], { publicIps: 1 });
    const contract = await h.chain.client.contract(d.contractId);
    expect(resultOf(d, 'pub').data).toMatchObject({ ip: contract.publicIpsList[0].ip, gateway: '203.0.113.1' });
    await expect(h.clients[0].deploy(h.deployment(user, [{ name: 'pub', type: 'ip', data: {} }]))).rejects.toThrow(
      'an ip workload needs v4 or v6',
    );
  });

  it(
    'gateway-name-proxy: NAME.DOMAIN with a name contract of the twin; ' +
      "without one, or another twin's, or on a plain node it ends in error",
    async () => {
      const proxy = (name: string): WorkloadSpec => ({
        name: 'gw',
        type: 'gateway-name-proxy',
        data: { name, backends: ['http://10.50.2.2:8080'], tls_passthrough: false },
      });
      await h.chain.client.submit(user.key, { createNameContract: { name: 'myapp' } });
      const ok = await h.deploy(user, [proxy('myapp')], { node: 1 });
      expect(resultOf(ok, 'gw')).toMatchObject({ state: 'ok', data: { fqdn: 'myapp.gw1.grid.local' } });
      expect(resultOf(await h.deploy(user, [proxy('nobody')], { node: 1 }), 'gw').message).toContain(
        'there is no live name contract for "nobody"',
      );
      const other = await h.user();
      expect(resultOf(await h.deploy(other, [proxy('myapp')], { node: 1 }), 'gw').message).toContain(`belongs to twin ${user.twinId}`);
      expect(resultOf(await h.deploy(user, [proxy('myapp')], { node: 0 }), 'gw').message).toContain('is not a gateway');
      await expect(
        h.clients[1].deploy(
          h.deployment(user, [{ name: 'gw', type: 'gateway-name-proxy', data: { name: 'myapp', backends: ['not a url'] } }]),
        ),
      ).rejects.toThrow('backends[0] "not a url" is not http://IP[:PORT]');
    },
  );

  it.each([
    [['https://10.50.2.2:443'], false, 'the scheme must be http'],
    [['10.50.2.2:443'], false, 'IP:PORT is for tls_passthrough only'],
    [['http://10.50.2.2:443'], true, 'is not IP:PORT, which tls_passthrough needs'],
    [['http://127.0.0.1:80'], false, 'is a loopback address'],
  ])('gateway backends as zos rules them: %j with tls_passthrough %s is refused (%s)', async (backends, tls_passthrough, text) => {
    const data = { name: 'myapp', backends, tls_passthrough };
    await expect(h.clients[1].deploy(h.deployment(user, [{ name: 'gw', type: 'gateway-name-proxy', data }]))).rejects.toThrow(text);
  });

  it("a gateway backend at the gateway node's own public IP ends in error (it would loop)", async () => {
    await h.chain.client.submit(user.key, { createNameContract: { name: 'loops' } });
    const loop: WorkloadSpec = { name: 'gw', type: 'gateway-name-proxy', data: { name: 'loops', backends: ['http://198.51.100.10:80'] } };
    expect(resultOf(await h.deploy(user, [loop], { node: 1 }), 'gw').message).toContain("points at the gateway node's own public IP");
  });

  it("gateway-fqdn-proxy: serves a domain pointed at the node, but not one under the gateway's own domain", async () => {
    const proxy = (fqdn: string): WorkloadSpec => ({
      name: 'site',
      type: 'gateway-fqdn-proxy',
      data: { fqdn, backends: ['10.50.2.2:443'], tls_passthrough: true },
    });
    expect(resultOf(await h.deploy(user, [proxy('shop.example.com')], { node: 1 }), 'site')).toMatchObject({
      state: 'ok',
      data: { fqdn: 'shop.example.com' },
    });
    expect(resultOf(await h.deploy(user, [proxy('x.gw1.grid.local')], { node: 1 }), 'site').message).toContain(
      "under the gateway's own domain",
    );
  });

  it('gateways joining a network (private backends) need that network of the twin on the gateway node', async () => {
    const proxy = (network: string): WorkloadSpec => ({
      name: 'site',
      type: 'gateway-fqdn-proxy',
      data: { fqdn: 'private.example.com', backends: ['http://10.50.2.2:8080'], tls_passthrough: false, network },
    });
    expect(resultOf(await h.deploy(user, [proxy('nowhere')], { node: 1 }), 'site')).toMatchObject({
      state: 'error',
      message: expect.stringContaining('network nowhere of twin'),
    });
    expect(resultOf(await h.deploy(user, [net(3300), proxy('net')], { node: 1 }), 'site').state).toBe('ok');
  });

  it('zmachine: corex must be true or false', async () => {
    await expect(h.clients[0].deploy(h.deployment(user, [net(3301), vm(512, { corex: 'yes' })]))).rejects.toThrow(
      'workload vm (zmachine): corex must be true or false',
    );
    expect(resultOf(await h.deploy(user, [net(3302), vm(512, { corex: true })]), 'vm').state).toBe('ok');
  });

  it('zlogs: streams a VM of the deployment; naming no VM ends in error; a bad output URL is refused', async () => {
    const d = await h.deploy(user, [
      net(3105),
      vm(),
      { name: 'logs', type: 'zlogs', data: { zmachine: 'vm', output: 'redis://10.0.0.1:6379' } },
    ]);
    expect(resultOf(d, 'logs').state).toBe('ok');
    expect(
      resultOf(await h.deploy(user, [{ name: 'logs', type: 'zlogs', data: { zmachine: 'ghost', output: 'ws://x:1' } }]), 'logs').message,
    ).toContain('zmachine ghost is not a VM');
    await expect(
      h.clients[0].deploy(h.deployment(user, [{ name: 'logs', type: 'zlogs', data: { zmachine: 'vm', output: 'http://x' } }])),
    ).rejects.toThrow('must be a redis://, ws:// or wss:// URL');
  });

  it('cancelling the contract removes every workload, in reverse install order', async () => {
    const d = await h.deploy(user, [
      net(3106),
      { name: 'disk', type: 'zmount', data: { size: GiB } },
      vm(512, { mounts: [{ name: 'disk', mountpoint: '/data' }] }),
      { name: 'logs', type: 'zlogs', data: { zmachine: 'vm', output: 'wss://logs:443' } },
    ]);
    expect(d.workloads.map((w) => w.result?.state)).toEqual(['ok', 'ok', 'ok', 'ok']);
    const gone = await h.cancel(user, d.contractId);
    expect(gone.workloads.every((w) => w.result?.state === 'deleted')).toBe(true);
    const all = await h.as(user).changes(user.twinId, d.contractId);
    expect(all.filter((c) => c.state === 'deleted').map((c) => c.workload)).toEqual(['logs', 'vm', 'net', 'disk']);
  });
});
