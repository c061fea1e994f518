// Grid Proxy's free-capacity rule, as the explorer applies it (the status rule is the chain's).
import { freeCapacity } from '../src/free-capacity';

const GiB = 2 ** 30;

describe("Grid Proxy's free capacity", () => {
  it('keeps a tenth of memory (at least 2 GiB) and 20 GiB of SSD for the system', () => {
    const total = { cru: 8, mru: 64 * GiB, sru: 100 * GiB, hru: 1000 * GiB };
    const used = { cru: 2, mru: 8 * GiB, sru: 10 * GiB, hru: 0 };
    expect(freeCapacity(total, used)).toEqual({
      cru: 6,
      mru: 64 * GiB - 8 * GiB - Math.floor((64 * GiB) / 10),
      sru: 70 * GiB,
      hru: 1000 * GiB,
    });
    expect(freeCapacity({ ...total, mru: 8 * GiB }, { ...used, mru: 0 }).mru).toBe(6 * GiB);
    expect(freeCapacity({ ...total, sru: 10 * GiB }, used).sru).toBe(0);
  });
});
