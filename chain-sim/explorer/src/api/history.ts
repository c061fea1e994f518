// What the page charts and Grid Proxy does not serve (under /explorer/): a node's used capacity
// over chain time, a twin's balance over chain time. Rebuilt from the ledger's events and bills.
import { unitsToTft } from '../../../../proto';
import type { LedgerReader } from '../ledger-reader';
import { notFound } from './http-error';

export interface UsagePoint {
  timestamp: number;
  cru: number;
  mru: number;
  sru: number;
  hru: number;
}

/** The sum of the node's live contracts' used resources after each change. */
export function nodeUsageHistory(ledger: LedgerReader, nodeId: number): UsagePoint[] {
  if (!ledger.q.node(nodeId)) throw notFound(`node ${nodeId} not found`);
  const byContract = new Map<number, Omit<UsagePoint, 'timestamp'>>();
  const points: UsagePoint[] = [];
  for (const e of ledger.usageEvents(nodeId)) {
    const d = JSON.parse(e.data) as { contract_id: number; cru?: number; mru?: number; sru?: number; hru?: number };
    if (e.type === 'UpdatedUsedResources')
      byContract.set(d.contract_id, { cru: d.cru ?? 0, mru: d.mru ?? 0, sru: d.sru ?? 0, hru: d.hru ?? 0 });
    else if (e.type === 'NodeContractCanceled') byContract.delete(d.contract_id);
    else continue;
    const sum = { timestamp: e.timestamp, cru: 0, mru: 0, sru: 0, hru: 0 };
    for (const u of byContract.values()) {
      sum.cru += u.cru;
      sum.mru += u.mru;
      sum.sru += u.sru;
      sum.hru += u.hru;
    }
    points.push(sum);
  }
  return points;
}

/** The twin's balance (TFT) before its first movement and after each: mints, transfers, bills paid. */
export function twinBalanceHistory(ledger: LedgerReader, twinId: number): { timestamp: number; balance: number }[] {
  const twin = ledger.q.twin(twinId);
  if (!twin) throw notFound(`twin ${twinId} not found`);
  const account = twin.account_id;
  const moves: { timestamp: number; delta: bigint }[] = [];
  for (const e of ledger.accountEvents(account)) {
    const d = JSON.parse(e.data) as { amount: string; account_id?: string; from?: string; to?: string };
    const amount = BigInt(d.amount);
    if (e.type === 'Minted' || d.to === account) moves.push({ timestamp: e.timestamp, delta: amount });
    if (e.type === 'Transfer' && d.from === account) moves.push({ timestamp: e.timestamp, delta: -amount });
  }
  for (const b of ledger.twinBills(twinId)) moves.push({ timestamp: Number(b.timestamp), delta: -b.amount });
  moves.sort((a, b) => a.timestamp - b.timestamp);
  // walk back from today's balance, so the series ends where the chain is
  let balance = ledger.q.balance(account);
  const points = [{ timestamp: ledger.q.lastBlock().timestamp, balance }];
  for (let i = moves.length - 1; i >= 0; i--) {
    points.push({ timestamp: moves[i].timestamp, balance });
    balance -= moves[i].delta;
  }
  points.push({ timestamp: moves[0]?.timestamp ?? points[0].timestamp, balance });
  return points.reverse().map((p) => ({ timestamp: p.timestamp, balance: Number(unitsToTft(p.balance)) }));
}
