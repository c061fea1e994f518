// Block production: automine seals each write in its own block; with a block interval, writes
// wait for the next block and share it, and a refused one does not spoil the others.
import { tftToUnits } from '../../proto';
import { newKey, startTestChain, type TestChain } from './helpers';

describe('block interval mode', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain({ blockTimeMs: 200 })));
  afterEach(() => t.close());

  it('seals the writes of an interval in one block, refusing only the bad one', async () => {
    const keys = [newKey(), newKey(), newKey()];
    for (const k of keys) await t.client.fund(k.publicKey, tftToUnits('1'));
    const before = (await t.client.info()).block;
    const results = await Promise.allSettled([
      ...keys.map((k) => t.client.submit(k, { createTwin: { relay: 'r' } })),
      t.client.submit(newKey(), { createFarm: { name: 'by-an-account-without-twin' } }),
    ]);
    const ok = results.filter((r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof t.client.submit>>> => r.status === 'fulfilled');
    expect(ok).toHaveLength(3);
    expect(new Set(ok.map((r) => r.value.block)).size).toBe(1);
    expect(ok[0].value.block).toBe(before + 1);
    expect(ok.map((r) => r.value.events.map((e) => e.type))).toEqual([['TwinStored'], ['TwinStored'], ['TwinStored']]);
    expect(results[3]).toMatchObject({
      status: 'rejected',
      reason: expect.objectContaining({ message: expect.stringContaining('has no twin') }),
    });
    expect(new Set(ok.map((r) => r.value.createdIds[0])).size).toBe(3);
  });
});
