// Free capacity as Grid Proxy computes it: memory keeps a reserve for the system (a tenth, at least
// 2 GiB), SSD keeps 20 GiB for the node's own cache, HDD and CPU keep nothing. Grid Proxy counts
// these reserves as used: a node record's used_resources is what contracts use plus the reserves,
// so total - used is what a client can still reserve (terraform-provider-grid's scheduler reads it so).
export interface Capacity {
  cru: number;
  sru: number;
  hru: number;
  mru: number;
}

const GiB = 2 ** 30;

/** What the system keeps for itself on a node of `total` capacity. */
export function systemReserve(total: Capacity): Capacity {
  return { cru: 0, mru: Math.max(Math.floor(total.mru / 10), 2 * GiB), sru: 20 * GiB, hru: 0 };
}

/** used_resources as Grid Proxy reports them: the contracts' use plus the system's reserves. */
export function reportedUse(total: Capacity, contractsUse: Capacity): Capacity {
  const reserve = systemReserve(total);
  return {
    cru: contractsUse.cru,
    mru: contractsUse.mru + reserve.mru,
    sru: contractsUse.sru + reserve.sru,
    hru: contractsUse.hru,
  };
}

export function freeCapacity(total: Capacity, contractsUse: Capacity): Capacity {
  const floor0 = (n: number) => Math.max(0, n);
  const used = reportedUse(total, contractsUse);
  return {
    cru: floor0(total.cru - used.cru),
    mru: floor0(total.mru - used.mru),
    sru: floor0(total.sru - used.sru),
    hru: floor0(total.hru - used.hru),
  };
}
