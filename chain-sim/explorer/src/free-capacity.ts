// Free capacity as Grid Proxy computes it: memory keeps a reserve for the system (a tenth, at least
// 2 GiB), SSD keeps 20 GiB for the node's own cache, HDD and CPU keep nothing.
export interface Capacity {
  cru: number;
  sru: number;
  hru: number;
  mru: number;
}

const GiB = 2 ** 30;

export function freeCapacity(total: Capacity, used: Capacity): Capacity {
  const floor0 = (n: number) => Math.max(0, n);
  return {
    cru: floor0(total.cru - used.cru),
    mru: floor0(total.mru - used.mru - Math.max(Math.floor(total.mru / 10), 2 * GiB)),
    sru: floor0(total.sru - used.sru - 20 * GiB),
    hru: floor0(total.hru - used.hru),
  };
}
