// Farmers' writes as TFChain rules them (names, IPs with gateways, owner only, used IPs stay) and
// nodes' uptime reports with the status Grid Proxy derives from them, over a real gRPC server.
import { startTestChain, userWithTwin, farmWithNode, type TestChain } from './helpers';
import { nodeStatus, NODE_STANDBY_INTERVAL_SECONDS, NODE_UP_INTERVAL_SECONDS } from '../src/ledger/node-status';

const HASH = 'c'.repeat(32);

describe('farms: what a farmer may do, and every refusal changes nothing', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain()));
  afterEach(() => t.close());

  it('refuses farm names TFChain refuses and a name taken already', async () => {
    const farmer = await userWithTwin(t.client);
    for (const name of ['ab', 'Upper', 'has space', 'x'.repeat(41)]) {
      await expect(t.client.submit(farmer.key, { createFarm: { name } })).rejects.toThrow(/must be 3-40 characters of lowercase letters/);
    }
    await t.client.submit(farmer.key, { createFarm: { name: 'alpha' } });
    const other = await userWithTwin(t.client);
    await expect(t.client.submit(other.key, { createFarm: { name: 'alpha' } })).rejects.toThrow(
      'a farm named alpha exists already (farm 1)',
    );
    expect((await t.client.farms()).map((f) => f.name)).toEqual(['alpha']);
  });

  it('adds an IP once, with a gateway in its subnet; a second add of it is refused and the farm is unchanged', async () => {
    const farmer = await userWithTwin(t.client);
    const farmId = (await t.client.submit(farmer.key, { createFarm: { name: 'ipfarm' } })).createdIds[0];
    const ip = { ip: '198.51.100.20/24', gateway: '198.51.100.1' };
    await t.client.submit(farmer.key, { addFarmPublicIps: { farmId, publicIps: [ip] } });
    await expect(t.client.submit(farmer.key, { addFarmPublicIps: { farmId, publicIps: [ip] } })).rejects.toThrow(
      `public IP ${ip.ip} is already registered on farm ${farmId}`,
    );
    const outside = { ip: '198.51.100.21/24', gateway: '198.51.101.1' };
    await expect(t.client.submit(farmer.key, { addFarmPublicIps: { farmId, publicIps: [outside] } })).rejects.toThrow(
      'is not in its subnet /24',
    );
    const itself = { ip: '198.51.100.22/24', gateway: '198.51.100.22' };
    await expect(t.client.submit(farmer.key, { addFarmPublicIps: { farmId, publicIps: [itself] } })).rejects.toThrow('is the IP itself');
    expect((await t.client.farm(farmId)).publicIps).toEqual([{ ...ip, contractId: 0 }]);
  });

  it("refuses another farmer's adds and removals on my farm", async () => {
    const { farmId } = await farmWithNode(t.client, 1);
    const before = await t.client.farm(farmId);
    const intruder = await userWithTwin(t.client);
    const add = { farmId, publicIps: [{ ip: '192.0.2.50/24', gateway: '192.0.2.1' }] };
    await expect(t.client.submit(intruder.key, { addFarmPublicIps: add })).rejects.toThrow(
      `farm ${farmId} belongs to twin ${before.twinId}, not to twin ${intruder.twinId}`,
    );
    const remove = { farmId, ip: before.publicIps[0].ip };
    await expect(t.client.submit(intruder.key, { removeFarmPublicIp: remove })).rejects.toThrow(
      `farm ${farmId} belongs to twin ${before.twinId}`,
    );
    expect(await t.client.farm(farmId)).toEqual(before);
  });

  it('removes a free IP; an IP a contract holds stays until the contract ends', async () => {
    const { farmer, farmId, nodeId } = await farmWithNode(t.client, 2);
    const user = await userWithTwin(t.client);
    const contractId = (
      await t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH, deploymentData: '{}', publicIps: 1 } })
    ).createdIds[0];
    const ips = (await t.client.farm(farmId)).publicIps;
    const used = ips.find((p) => p.contractId)!;
    const free = ips.find((p) => !p.contractId)!;
    await expect(t.client.submit(farmer.key, { removeFarmPublicIp: { farmId, ip: used.ip } })).rejects.toThrow(
      `public IP ${used.ip} of farm ${farmId} is used by contract ${contractId}: it can be removed once that contract ends`,
    );
    await expect(t.client.submit(farmer.key, { removeFarmPublicIp: { farmId, ip: '203.0.113.250/24' } })).rejects.toThrow(
      `farm ${farmId} has no public IP "203.0.113.250/24"`,
    );
    await t.client.submit(farmer.key, { removeFarmPublicIp: { farmId, ip: free.ip } });
    expect((await t.client.farm(farmId)).publicIps.map((p) => p.ip)).toEqual([used.ip]);
    await t.client.submit(user.key, { cancelContract: { contractId } });
    await t.client.submit(farmer.key, { removeFarmPublicIp: { farmId, ip: used.ip } });
    expect((await t.client.farm(farmId)).publicIps).toEqual([]);
  });

  it('refuses a node on a farm that does not exist', async () => {
    const node = await userWithTwin(t.client, '1');
    const createNode = { farmId: 42, resources: { cru: 1, mru: 2 ** 30, sru: 0, hru: 0 }, address: '127.0.0.1:1' };
    await expect(t.client.submit(node.key, { createNode })).rejects.toThrow('farm 42 does not exist');
    expect(await t.client.nodes()).toEqual([]);
  });
});

describe('uptime reports and node status (Grid Proxy rule)', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain()));
  afterEach(() => t.close());

  const report = async (key: Parameters<TestChain['client']['submit']>[0], version = 'zos-sim 0.1.0', uptime = 60) => {
    const { timestamp } = await t.client.info();
    return t.client.submit(key, { reportUptime: { uptime, timestampHint: timestamp, version } });
  };

  it('a node is down until it reports, up with its version after, down 80 minutes after its last report', async () => {
    const { node, nodeId } = await farmWithNode(t.client, 0);
    expect(await t.client.node(nodeId)).toMatchObject({ status: 'down', version: '', lastReport: 0 });
    const r = await report(node.key, 'zos-sim 0.2.0', 120);
    expect(r.events.map((e) => e.type)).toEqual(['NodeUptimeReported']);
    const { timestamp } = await t.client.info();
    expect(await t.client.node(nodeId)).toMatchObject({ status: 'up', version: 'zos-sim 0.2.0', uptime: 120, lastReport: timestamp });
    await t.client.advanceTime(NODE_UP_INTERVAL_SECONDS);
    expect((await t.client.node(nodeId)).status).toBe('up');
    await t.client.advanceTime(1);
    expect((await t.client.nodes()).find((n) => n.id === nodeId)).toMatchObject({ status: 'down', version: 'zos-sim 0.2.0' });
    await report(node.key);
    expect((await t.client.node(nodeId)).status).toBe('up');
  });

  it('a node its farmer powers down is standby for 24 hours, then down; only the farmer may power it', async () => {
    const { farmer, node, nodeId } = await farmWithNode(t.client, 0);
    await report(node.key);
    const stranger = await userWithTwin(t.client);
    await expect(t.client.submit(stranger.key, { changePowerTarget: { nodeId, powerTarget: 'Down' } })).rejects.toThrow(
      `only the farmer of farm`,
    );
    await expect(t.client.submit(farmer.key, { changePowerTarget: { nodeId, powerTarget: 'Off' } })).rejects.toThrow(
      'power target must be Up or Down',
    );
    await t.client.submit(farmer.key, { changePowerTarget: { nodeId, powerTarget: 'Down' } });
    expect((await t.client.node(nodeId)).status).toBe('standby');
    await t.client.advanceTime(NODE_STANDBY_INTERVAL_SECONDS + 1);
    expect((await t.client.node(nodeId)).status).toBe('down');
    await t.client.submit(farmer.key, { changePowerTarget: { nodeId, powerTarget: 'Up' } });
    await report(node.key);
    expect((await t.client.node(nodeId)).status).toBe('up');
  });

  it('refuses uptime from a twin without a node and with a timestamp hint far from chain time', async () => {
    const { node, nodeId } = await farmWithNode(t.client, 0);
    const user = await userWithTwin(t.client);
    await expect(report(user.key)).rejects.toThrow(`twin ${user.twinId} has no node: only a node reports uptime`);
    const { timestamp } = await t.client.info();
    await expect(t.client.submit(node.key, { reportUptime: { uptime: 1, timestampHint: timestamp - 3600, version: 'v' } })).rejects.toThrow(
      'more than 60 s from chain time',
    );
    expect(await t.client.node(nodeId)).toMatchObject({ status: 'down', lastReport: 0 });
  });

  it('nodeStatus: the boundaries of the rule', () => {
    const now = 1_000_000;
    expect(nodeStatus({ lastReport: 0, powerTarget: '' }, now)).toBe('down');
    expect(nodeStatus({ lastReport: now - NODE_UP_INTERVAL_SECONDS, powerTarget: '' }, now)).toBe('up');
    expect(nodeStatus({ lastReport: now - NODE_UP_INTERVAL_SECONDS - 1, powerTarget: '' }, now)).toBe('down');
    expect(nodeStatus({ lastReport: now, powerTarget: 'Up' }, now)).toBe('up');
    expect(nodeStatus({ lastReport: now, powerTarget: 'Down' }, now)).toBe('standby');
    expect(nodeStatus({ lastReport: now - NODE_STANDBY_INTERVAL_SECONDS, powerTarget: 'Down' }, now)).toBe('standby');
    expect(nodeStatus({ lastReport: now - NODE_STANDBY_INTERVAL_SECONDS - 1, powerTarget: 'Down' }, now)).toBe('down');
    expect(nodeStatus({ lastReport: now, powerTarget: 'Up', powerState: 'Down' }, now)).toBe('standby');
  });
});
