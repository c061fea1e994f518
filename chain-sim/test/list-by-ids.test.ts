// ListContracts and ListNodes with ids: a client reads many contracts or nodes in one call, and
// gets for each exactly what GetContract / GetNode answers.
import { isNotFound } from '../../proto';
import { startTestChain, userWithTwin, farmWithNode, type TestChain } from './helpers';

const hash = (i: number) => i.toString(16).padStart(32, '0');

describe('chain-sim lists by ids', () => {
  let t: TestChain;
  beforeAll(async () => (t = await startTestChain()));
  afterAll(() => t.close());

  it('ListContracts with ids answers those contracts of any twin, as GetContract does, and leaves unknown ids out', async () => {
    const { nodeId } = await farmWithNode(t.client, 2);
    const [alice, bob] = [await userWithTwin(t.client), await userWithTwin(t.client)];
    const mine = (await t.client.submit(alice.key, { createNodeContract: { nodeId, deploymentHash: hash(1), publicIps: 1 } }))
      .createdIds[0];
    const other = (await t.client.submit(bob.key, { createNodeContract: { nodeId, deploymentHash: hash(2) } })).createdIds[0];
    const skipped = (await t.client.submit(bob.key, { createNodeContract: { nodeId, deploymentHash: hash(3) } })).createdIds[0];
    await t.client.submit(bob.key, { cancelContract: { contractId: other } });

    const listed = await t.client.contracts({ ids: [other, 99_999, mine] });
    expect(listed.map((c) => c.id)).toEqual([mine, other]);
    expect(listed.some((c) => c.id === skipped)).toBe(false);
    expect(listed[0]).toEqual(await t.client.contract(mine)); // public IPs included
    expect(listed[0].publicIpsList).toHaveLength(1);
    expect(listed[1]).toEqual(await t.client.contract(other)); // a deleted contract too
    expect(listed[1].state).toBe('Deleted');
    // the other filters still apply
    expect((await t.client.contracts({ ids: [mine, other], twinId: bob.twinId })).map((c) => c.id)).toEqual([other]);
    // no ids: every contract, as before
    expect((await t.client.contracts({})).length).toBeGreaterThanOrEqual(3);
  });

  it('ListNodes with ids answers only those nodes, as GetNode does', async () => {
    const a = await farmWithNode(t.client, 0);
    const b = await farmWithNode(t.client, 0);
    const listed = await t.client.nodes(0, [b.nodeId, a.nodeId, 4242]);
    expect(listed.map((n) => n.id)).toEqual([a.nodeId, b.nodeId]);
    expect(listed[1]).toEqual(await t.client.node(b.nodeId));
    expect((await t.client.nodes(a.farmId, [a.nodeId, b.nodeId])).map((n) => n.id)).toEqual([a.nodeId]);
  });

  it('refuses more than 1000 ids in one call, naming the limit', async () => {
    const ids = Array.from({ length: 1001 }, (_, i) => i + 1);
    await expect(t.client.contracts({ ids })).rejects.toThrow('ids names 1001 contracts; ask for at most 1000 in one call');
    await expect(t.client.nodes(0, ids)).rejects.toThrow('ids names 1001 nodes; ask for at most 1000 in one call');
    expect(await t.client.contracts({ ids: ids.slice(0, 1000) })).toBeDefined();
    expect(isNotFound(await t.client.contract(99_999).catch((err: unknown) => err))).toBe(true);
  });
});
