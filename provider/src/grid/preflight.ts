// Checks made before any contract is created, so a deployment that cannot work fails with a clear
// message and leaves nothing behind: the node exists, has room for what is asked (memory, SSD,
// HDD, as its statistics report them), and the twin's balance pays for at least an hour of it at
// the chain's prices.
import { isNotFound, unitsToTft, type node } from '../../../proto';
import type { GridContext } from './context';
import { GridError, NodeNotOnChain } from './grid-error';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

interface Ask {
  cru: number;
  mru: number;
  sru: number;
  hru: number;
}

/**
 * What the workloads take, as Zero-OS counts it (a VM's root disk: its size, at least 500 MiB, or
 * 2 GiB for large VMs; a qsfs: 1 CPU, 1 GiB of memory and its cache on SSD).
 */
export function capacityOf(workloads: readonly node.Workload[]): Ask {
  const ask: Ask = { cru: 0, mru: 0, sru: 0, hru: 0 };
  for (const w of workloads) {
    const d = JSON.parse(w.data || '{}') as { size?: number; cache?: number; compute_capacity?: { cpu: number; memory: number } };
    if (w.type === 'zmachine' || w.type === 'container') {
      const cc = d.compute_capacity ?? { cpu: 0, memory: 0 };
      ask.cru += cc.cpu;
      ask.mru += cc.memory;
      ask.sru += Math.max(d.size ?? 0, cc.cpu * (cc.memory / GiB) >= 8 ? 2 * GiB : 500 * MiB);
    } else if (w.type === 'zmount' || w.type === 'volume') ask.sru += d.size ?? 0;
    else if (w.type === 'zdb') ask.hru += d.size ?? 0;
    else if (w.type === 'qsfs') {
      // zos: the zstor container takes 1 CPU and 1 GiB, its cache is SSD
      ask.cru += 1;
      ask.mru += GiB;
      ask.sru += d.cache ?? 0;
    }
  }
  return ask;
}

function human(bytes: number): string {
  return bytes >= GiB ? `${+(bytes / GiB).toFixed(2)} GiB` : `${Math.round(bytes / MiB)} MiB`;
}

/** `replacing`: what the same contract holds now (an update frees it first). */
export async function preflight(
  ctx: GridContext,
  nodeId: number,
  workloads: readonly node.Workload[],
  publicIps: number,
  replacing: readonly node.Workload[] = [],
): Promise<void> {
  await requireUp(ctx, nodeId);
  const ask = capacityOf(workloads);
  const held = capacityOf(replacing);
  const stats = await (await ctx.node(nodeId)).statistics();
  for (const [key, label] of [
    ['mru', 'memory'],
    ['sru', 'SSD storage'],
    ['hru', 'HDD storage'],
  ] as const) {
    const free = Number(stats.total?.[key] ?? 0) - Number(stats.system?.[key] ?? 0) - Number(stats.used?.[key] ?? 0) + held[key];
    if (ask[key] > free)
      throw new GridError(
        `node ${nodeId} has not enough ${label}: the deployment asks for ${human(ask[key])}, ` +
          `${human(Math.max(free, 0))} is free; pick another node or ask for less`,
      );
  }
  await checkBalance(ctx, ask, publicIps);
}

/**
 * The node exists and the chain has it up: a node that stopped reporting fails the change at once,
 * naming it, before any contract is made (other resources of the apply go on).
 */
export async function requireUp(ctx: GridContext, nodeId: number): Promise<void> {
  try {
    await ctx.reads.node(nodeId);
  } catch (err) {
    if (isNotFound(err)) throw new NodeNotOnChain(nodeId);
    throw err;
  }
  const h = await ctx.health.of(nodeId);
  if (h.healthy) return;
  const what = 'pick a node gridform chain nodes shows up, or wait until it is back';
  throw new GridError(`node ${nodeId} is ${h.why}: nothing was changed on it; ${what}`);
}

/** The balance must cover one hour of the deployment at the chain's price (before discounts). */
async function checkBalance(ctx: GridContext, ask: Ask, publicIps: number): Promise<void> {
  const [policy, info, account] = await Promise.all([ctx.reads.pricingPolicy(), ctx.chain.info(), ctx.chain.account(ctx.key.publicKey)]);
  const mru = ask.mru / GiB;
  const cu = Math.min(Math.max(mru / 4, ask.cru / 2), Math.max(mru / 8, ask.cru), Math.max(mru / 2, ask.cru / 4));
  const su = ask.hru / GiB / 1200 + ask.sru / GiB / 200;
  const hourlyUsd =
    (BigInt(Math.round(cu * 1e6)) * BigInt(policy.cu) + BigInt(Math.round(su * 1e6)) * BigInt(policy.su)) / 1_000_000n +
    BigInt(publicIps) * BigInt(policy.ipu);
  const [whole, frac = ''] = info.tftPriceUsd.split('.');
  const hourlyTft = (hourlyUsd * 10n ** BigInt(frac.length)) / BigInt(whole + frac);
  const balance = BigInt(account.balance) - BigInt(account.reserved || '0');
  if (balance < hourlyTft) {
    throw new GridError(
      `your balance of ${unitsToTft(balance)} TFT does not pay for one hour of this deployment (${unitsToTft(hourlyTft)} TFT an hour): ` +
        `fund twin ${ctx.twinId} first (gridform account transfer, or gridform account create --fund on the local grid)`,
    );
  }
}
