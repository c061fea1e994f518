// Grid Proxy's rules the explorer applies: a node's status from its last report, and free capacity.
import { nodeStatus } from '../src/node-status';
import { freeCapacity } from '../src/free-capacity';

const GiB = 2 ** 30;

describe("Grid Proxy's node status rule", () => {
  const now = 1_800_000_000;
  it('without uptime reports on chain: up while the daemon answers, down when it does not', () => {
    expect(nodeStatus({ answering: true }, now)).toBe('up');
    expect(nodeStatus({ answering: false }, now)).toBe('down');
  });
  it('with a last report: up within 80 minutes, down after; standby for a day when powered down', () => {
    expect(nodeStatus({ answering: false, lastSeen: now - 80 * 60 }, now)).toBe('up');
    expect(nodeStatus({ answering: true, lastSeen: now - 80 * 60 - 1 }, now)).toBe('down');
    expect(nodeStatus({ answering: false, lastSeen: now - 23 * 3600, standby: true }, now)).toBe('standby');
    expect(nodeStatus({ answering: false, lastSeen: now - 25 * 3600, standby: true }, now)).toBe('down');
  });
});

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
