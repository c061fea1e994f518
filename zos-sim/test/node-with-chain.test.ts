// A node with the chain: capacity admission (refusals that name the resource and the amounts,
// and no over-commit under 50 concurrent deploys), grace periods pausing and resuming workloads,
// and usage reports after two hours of chain time that the bills match.
import { keyPairFromSeed, tftToUnits, type chain } from '../../proto';
import { NodeHarness, resultOf, type User, type WorkloadSpec } from './support/node-harness';

const MiB = 2 ** 20;
const GiB = 2 ** 30;
const planetaryVm = (name: string, memoryMb: number): WorkloadSpec => ({
  name,
  type: 'zmachine',
  data: {
    flist: 'https://hub/base.flist',
    network: { interfaces: [], planetary: true },
    size: 0,
    compute_capacity: { cpu: 1, memory: memoryMb * MiB },
    mounts: [],
    env: {},
  },
});

describe('a node with the chain', () => {
  let h: NodeHarness;
  beforeAll(async () => {
    h = await NodeHarness.start();
    // node 0: 2 GiB system reserve + room for exactly ten 512 MiB VMs
    await h.addNode({ capacity: { cru: 4, mru: 7 * GiB, sru: 100 * GiB, hru: 0, ipv4u: 0 } });
    await h.addNode();
  });
  afterAll(() => h.stop());

  it('refuses a deployment beyond free memory or storage, naming the node, the resource and the amounts', async () => {
    const user = await h.user();
    const nodeId = h.nodes[0].nodeId;
    await expect(h.deploy(user, [planetaryVm('vm', 6 * 1024)])).rejects.toThrow(
      `node ${nodeId} has not enough memory: the deployment asks for 6 GiB, 5 GiB is free`,
    );
    await expect(h.deploy(user, [{ name: 'disk', type: 'zmount', data: { size: 200 * GiB } }])).rejects.toThrow(
      `node ${nodeId} has not enough SSD storage: the deployment asks for 200 GiB, 100 GiB is free`,
    );
  });

  it('50 deploys sent at once to a nearly full node: exactly those that fit are accepted, the node is never over-committed', async () => {
    const users = await Promise.all(Array.from({ length: 5 }, () => h.user()));
    const results = await Promise.allSettled(Array.from({ length: 50 }, (_, i) => h.deploy(users[i % 5], [planetaryVm(`vm${i}`, 512)])));
    const accepted = results.filter((r) => r.status === 'fulfilled');
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(accepted).toHaveLength(10);
    expect(
      refused.every((r) => /has not enough memory: the deployment asks for 512 MiB, \d+ MiB is free/.test(String(r.reason.message))),
    ).toBe(true);
    const stats = await h.clients[0].statistics();
    expect(Number(stats.used!.mru) + Number(stats.system!.mru)).toBeLessThanOrEqual(Number(stats.total!.mru));
    expect(Number(stats.used!.mru)).toBe(10 * 512 * MiB + 0);
  });

  it('pauses the workloads of a contract in grace, and resumes them after a top-up', async () => {
    const user = await poorUser(h, '0.01');
    const d = await h.deploy(user, [planetaryVm('vm', 1024)], { node: 1 });
    expect(resultOf(d, 'vm').state).toBe('ok');
    // billing charges what the node reported using
    await waitFor(async () => Number((await h.chain.client.contract(d.contractId)).used?.mru ?? 0) > 0);
    await h.chain.client.advanceTime(3600);
    expect((await h.chain.client.contract(d.contractId)).state).toBe('GracePeriod');
    const paused = await h.until(user, d.contractId, 1, (x) => resultOf(x, 'vm').state === 'paused');
    expect(resultOf(paused, 'vm').message).toContain('grace period');
    await h.chain.client.fund(user.key.publicKey, tftToUnits('100'));
    await h.chain.client.advanceTime(3600);
    expect((await h.chain.client.contract(d.contractId)).state).toBe('Created');
    await h.until(user, d.contractId, 1, (x) => resultOf(x, 'vm').state === 'ok');
    const states = (await h.as(user, 1).changes(user.twinId, d.contractId)).map((c) => c.state);
    expect(states).toEqual(['init', 'ok', 'paused', 'ok']);
  });

  it('after two hours of chain time the chain holds the used resources and network reports, and the bills match them', async () => {
    const user = await h.user();
    const start = Number((await h.chain.client.info()).block);
    const d = await h.deploy(user, [{ name: 'pub', type: 'ip', data: { v4: true } }, planetaryVm('vm', 2048)], { node: 1, publicIps: 1 });
    await waitFor(async () => Number((await h.chain.client.contract(d.contractId)).used?.mru ?? 0) > 0);
    const used = (await h.chain.client.contract(d.contractId)).used!;
    expect({ cru: Number(used.cru), mru: Number(used.mru), sru: Number(used.sru) }).toEqual({ cru: 1, mru: 2 * GiB, sru: 500 * MiB });
    await h.chain.client.advanceTime(3600);
    await waitFor(async () => (await nruReports(h, start, d.contractId)).length >= 1);
    await h.chain.client.advanceTime(3600);
    await waitFor(async () => (await nruReports(h, start, d.contractId)).length >= 2);
    const reports = await nruReports(h, start, d.contractId);
    // 50 MB an hour per public IP, for the part of the window the contract existed
    for (const r of reports) expect(r.nru).toBe(Math.round((50_000_000 * r.window) / 3600));
    expect(reports[1].window).toBe(3600);

    const bills = await h.chain.client.bills(d.contractId);
    expect(bills.length).toBeGreaterThanOrEqual(2);
    const policy = await h.chain.client.pricingPolicy(1);
    const price = (await h.chain.client.info()).tftPriceUsd;
    // the first report arrives after the first bill, so the second bill carries its traffic
    bills.slice(0, 2).forEach((bill, i) => {
      expect(BigInt(bill.amount)).toBe(
        expectedBill(
          policy,
          price,
          { cru: 1, mru: 2 * GiB, sru: 500 * MiB, ips: 1 },
          Number(bill.seconds),
          i === 0 ? 0 : reports[0].nru,
          bill.discountLevel,
        ),
      );
    });
  });
});

async function poorUser(h: NodeHarness, tft: string): Promise<User> {
  const key = keyPairFromSeed(Buffer.alloc(32, 200 + Math.floor(Math.random() * 50)));
  await h.chain.client.fund(key.publicKey, tftToUnits(tft));
  return { key, twinId: (await h.chain.client.submit(key, { createTwin: { relay: 'r' } })).createdIds[0] };
}

async function nruReports(h: NodeHarness, fromBlock: number, contractId: number): Promise<{ nru: number; window: number }[]> {
  const events: chain.Event__Output[] = [];
  await new Promise<void>((resolve) => {
    const sub = h.chain.client.subscribe(
      fromBlock,
      (e) => events.push(e),
      () => resolve(),
    );
    setTimeout(() => (sub.cancel(), resolve()), 300);
  });
  return events
    .filter((e) => e.type === 'NruConsumptionReportReceived')
    .map((e) => JSON.parse(e.data) as { contract_id: number; nru: number; window: number })
    .filter((e) => e.contract_id === contractId);
}

/** TFChain's formula, from the published pricing policy: units USD to TFT at the chain's price, then the discount. */
function expectedBill(
  p: chain.PricingPolicy__Output,
  tftPriceUsd: string,
  r: { cru: number; mru: number; sru: number; ips: number },
  seconds: number,
  nruBytes: number,
  level: string,
): bigint {
  const mru = r.mru / 2 ** 30;
  const cu = Math.min(Math.max(mru / 4, r.cru / 2), Math.max(mru / 8, r.cru), Math.max(mru / 2, r.cru / 4));
  const su = r.sru / 2 ** 30 / 200;
  const hourly =
    (BigInt(Math.round(cu * 1e6)) * BigInt(p.cu) + BigInt(Math.round(su * 1e6)) * BigInt(p.su)) / 1_000_000n +
    BigInt(r.ips) * BigInt(p.ipu);
  const usd = (hourly * BigInt(seconds)) / 3600n + (BigInt(nruBytes) * BigInt(p.nu)) / 1_000_000_000n;
  const [whole, frac = ''] = tftPriceUsd.split('.');
  const tft = (usd * 10n ** BigInt(frac.length)) / BigInt(whole + frac);
  const factor = { Gold: 40n, Silver: 60n, Bronze: 70n, Default: 80n, None: 100n }[level as 'Gold'] ?? 100n;
  return (tft * factor) / 100n;
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
