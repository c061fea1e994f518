// Grid Proxy's free-capacity rule, as the explorer applies it (the status rule is the chain's).
import { freeCapacity, reportedUse } from '../src/free-capacity';

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

describe("Grid Proxy's used resources", () => {
  it('count the reserves as used, so total - used is what a client can still reserve', () => {
    const total = { cru: 8, mru: 32 * GiB, sru: 1024 * GiB, hru: 4096 * GiB };
    const contracts = { cru: 2, mru: 1 * GiB, sru: 10 * GiB, hru: 5 * GiB };
    const used = reportedUse(total, contracts);
    expect(used).toEqual({ cru: 2, mru: 1 * GiB + Math.floor((32 * GiB) / 10), sru: 30 * GiB, hru: 5 * GiB });
    const free = freeCapacity(total, contracts);
    expect(free.mru).toBe(total.mru - used.mru);
    expect(free.sru).toBe(total.sru - used.sru);
  });
});
