// Work over many nodes at once: never more than the bound in flight, nothing new after a failure,
// and the caller hears back only when everything started has settled (so it can roll back all).
import { eachBounded } from '../../src/grid/bounded';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('eachBounded', () => {
  it('runs every item with at most `limit` in flight', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    const failure = await eachBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++running);
      await tick();
      running--;
      done.push(n);
    });
    expect(failure).toBeUndefined();
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('after a failure starts nothing new, waits for what was under way, and returns the first error', async () => {
    const started: number[] = [];
    const finished: number[] = [];
    const failure = await eachBounded([1, 2, 3, 4, 5, 6], 2, async (n) => {
      started.push(n);
      if (n === 2) throw new Error('node 2 refused');
      await tick();
      await tick();
      finished.push(n);
    });
    expect(failure?.message).toBe('node 2 refused');
    expect(started).toEqual([1, 2]);
    expect(finished).toEqual([1]); // the create under way when node 2 failed was waited for
  });
});
