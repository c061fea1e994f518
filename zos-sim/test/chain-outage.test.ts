// The chain killed for a few seconds and started again on its data folder and port, with nodes
// hosted together as host.ts does (one chain client shared): each node keeps one subscription at a
// time and retries with backoff (not a storm), logs a few lines (not one per attempt), and follows
// the chain's events again once it is back: a contract cancelled then is deprovisioned.
import { ChainClient } from '../../proto';
import { NodeHarness, type User, type WorkloadSpec } from './support/node-harness';

jest.setTimeout(60_000);

const GiB = 2 ** 30;
const disk = (name: string): WorkloadSpec => ({ name, type: 'zmount', data: { size: GiB } });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** waits between subscriptions: 250 ms, 500 ms, then 1 s each (no jitter, so the bound is exact) */
const RETRY = { backoff: { baseMs: 250, capMs: 1000, random: () => 1 }, healthyMs: 500 };
const OUTAGE_MS = 4000;

describe('a chain outage', () => {
  let h: NodeHarness;
  let shared: ChainClient;
  const logs: string[][] = [[], []];

  beforeAll(async () => {
    h = await NodeHarness.start();
    shared = new ChainClient(h.chain.address);
    for (const lines of logs) await h.addNode({ chain: shared, chainRetry: RETRY, log: (l) => lines.push(l) });
  });
  afterAll(async () => {
    await h.stop();
    shared.close();
  });

  it(
    'nodes resubscribe one at a time with backoff, log a few lines, ' + 'and deprovision what is cancelled once the chain is back',
    async () => {
      const user: User = await h.user();
      const deployed = [await h.deploy(user, [disk('a')], { node: 0 }), await h.deploy(user, [disk('b')], { node: 1 })];
      const before = h.nodes.map((n) => n.subscriptions());
      expect(before).toEqual([1, 1]);
      const linesBefore = logs.map((l) => l.length);

      await h.chain.kill();
      await sleep(OUTAGE_MS);
      const during = h.nodes.map((n, i) => n.subscriptions() - before[i]);
      await h.chain.restart();
      const back = Date.now();
      // this test's own client reconnects too (within 2 s), before it cancels anything
      while (
        !(await h.chain.client.info().then(
          () => true,
          () => false,
        ))
      )
        await sleep(50);

      // without jitter the waits are 0.25 + 0.5 + 1 + 1 + ... s: at most 6 attempts fit in 4 s
      for (const attempts of during) {
        expect(attempts).toBeGreaterThanOrEqual(3);
        expect(attempts).toBeLessThanOrEqual(6);
      }
      await Promise.all(deployed.map((d, n) => h.cancel(user, d.contractId, n)));
      // a subscription at most one capped wait (1 s) after the chain is back, plus the channel's own
      // reconnect (at most 2 s, RECONNECT_QUICKLY), then the events it missed
      expect(Date.now() - back).toBeLessThan(RETRY.backoff.capMs + 2000 + 1500);
      for (const [n, d] of deployed.entries()) {
        const removed = logs[n].find((l) => l.includes(`contract ${d.contractId}: workloads removed`));
        expect(removed).toContain('was cancelled on chain');
      }

      // back to one live subscription per node: no more attempts once it holds
      const settled = h.nodes.map((n) => n.subscriptions());
      await sleep(1500);
      expect(h.nodes.map((n) => n.subscriptions())).toEqual(settled);
      for (const [n, lines] of logs.entries()) {
        const outage = lines.slice(linesBefore[n]).filter((l) => /chain (unreachable|reachable again)/.test(l));
        // a line when the events stop and one when they are back (the same for usage reports): not one per attempt
        expect(outage.filter((l) => l.startsWith('chain events:'))).toEqual([
          expect.stringMatching(/^chain events: chain unreachable \(connection (lost|refused)\); retrying with backoff$/),
          expect.stringMatching(/^chain events: chain reachable again after \d+ s, \d+ failed attempts$/),
        ]);
        expect(outage.length).toBeLessThanOrEqual(6);
      }
    },
  );
});

describe('a chain back while the subscription waits out a long backoff', () => {
  let h: NodeHarness;
  const lines: string[] = [];
  /** the first retry comes 20 s after the stream fails: far past what this test waits */
  const LONG = { backoff: { baseMs: 20_000, capMs: 30_000, random: () => 1 } };

  beforeAll(async () => {
    h = await NodeHarness.start();
    await h.addNode({ chainRetry: LONG, log: (l) => lines.push(l) });
  });
  afterAll(() => h.stop());

  it('the node resubscribes as soon as its usage reporter reaches the chain, so a cancellation is acted on at once', async () => {
    const user: User = await h.user();
    const d = await h.deploy(user, [disk('c')], { node: 0 });
    await h.chain.kill();
    await sleep(1000);
    await h.chain.restart();
    while (
      !(await h.chain.client.info().then(
        () => true,
        () => false,
      ))
    )
      await sleep(50);
    const back = Date.now();
    await h.cancel(user, d.contractId, 0);
    while (!lines.some((l) => l.includes(`contract ${d.contractId}: workloads removed`)) && Date.now() - back < 15_000) await sleep(50);
    // the usage reporter polls every 200 ms here; the channel reconnects within 2 s
    expect(Date.now() - back).toBeLessThan(5000);
    expect(lines.find((l) => l.includes(`contract ${d.contractId}: workloads removed`))).toContain('was cancelled on chain');
    expect(h.nodes[0].subscriptions()).toBe(2);
  });
});
