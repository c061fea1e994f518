// Node capacity: totals from a profile, the system reserve, and admission. Memory and storage
// are admitted strictly; CPU may be over-committed, as on Zero-OS.
export interface Capacity {
  cru: number;
  mru: number;
  sru: number;
  hru: number;
  ipv4u: number;
}

const GiB = 2 ** 30;
const TiB = 2 ** 40;

export const PROFILES: Record<string, Capacity> = {
  small: { cru: 8, mru: 32 * GiB, sru: 1 * TiB, hru: 4 * TiB, ipv4u: 0 },
  medium: { cru: 16, mru: 64 * GiB, sru: 2 * TiB, hru: 8 * TiB, ipv4u: 0 },
  large: { cru: 32, mru: 256 * GiB, sru: 4 * TiB, hru: 16 * TiB, ipv4u: 0 },
};

export const ZERO: Capacity = { cru: 0, mru: 0, sru: 0, hru: 0, ipv4u: 0 };

/** What the system keeps for itself: max(10% of RAM, 2 GiB) of memory. */
export function systemReserve(total: Capacity): Capacity {
  return { ...ZERO, mru: Math.max(Math.floor(total.mru / 10), 2 * GiB) };
}

export function add(a: Capacity, b: Capacity): Capacity {
  return { cru: a.cru + b.cru, mru: a.mru + b.mru, sru: a.sru + b.sru, hru: a.hru + b.hru, ipv4u: a.ipv4u + b.ipv4u };
}

function human(bytes: number): string {
  return bytes >= GiB ? `${+(bytes / GiB).toFixed(2)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** Why `ask` does not fit on the node, or undefined when it does. */
export function admissionRefusal(nodeId: number, total: Capacity, used: Capacity, ask: Capacity): string | undefined {
  const reserve = systemReserve(total);
  const checks: [keyof Capacity, string][] = [
    ['mru', 'memory'],
    ['sru', 'SSD storage'],
    ['hru', 'HDD storage'],
  ];
  for (const [key, label] of checks) {
    const free = total[key] - reserve[key] - used[key];
    if (ask[key] > free) {
      return `node ${nodeId} has not enough ${label}: the deployment asks for ${human(ask[key])}, ${human(Math.max(free, 0))} is free`;
    }
  }
  return undefined;
}
