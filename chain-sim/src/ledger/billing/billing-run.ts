// A billing run: every live contract whose period has ended by `now` is billed, in contract order.
// Balances and the distribution are kept in memory for the run and written once at its end, so a
// run over many contracts costs a few statements per contract; it all happens in the caller's
// transaction, so a crash leaves either the whole run or none of it.
import type { CallContext } from '../calls/context';
import type { ContractRow } from '../rows';
import { tftConverter } from './tft';
import { billContract, type BillingParams, FOUNDATION_ACCOUNT, SALES_ACCOUNT, STAKING_POOL_ACCOUNT } from './bill-contract';

const BILLED_COLUMNS = 'id, twin_id, type, state, node_id, public_ips, cru, mru, sru, hru, nru, last_billed, owed, grace_since, name';

export class BillingRun {
  private readonly balances = new Map<string, bigint>();
  private readonly accounts = new Map<number, string>();
  readonly rentedBy: Map<number, number>;
  private distributed = 0n;
  /** contracts whose row changed in this run through another contract (the rent cascade) */
  readonly touched = new Set<number>();

  readonly toTft: (usdUnits: bigint) => bigint;

  constructor(
    readonly ctx: CallContext,
    readonly now: number,
    readonly params: BillingParams,
  ) {
    this.rentedBy = ctx.q.rentedNodes();
    this.toTft = tftConverter(params.tftPriceUsd);
  }

  accountOf(twinId: number): string {
    let a = this.accounts.get(twinId);
    if (a === undefined) this.accounts.set(twinId, (a = this.ctx.q.twin(twinId)!.account_id));
    return a;
  }

  balance(account: string): bigint {
    let b = this.balances.get(account);
    if (b === undefined) this.balances.set(account, (b = this.ctx.q.balance(account)));
    return b;
  }

  pay(account: string, amount: bigint): void {
    this.balances.set(account, this.balance(account) - amount);
    this.distributed += amount;
  }

  /** Writes the balances and the distribution: 35% burned, 10% foundation, 5% staking, 50% sales. */
  flush(): void {
    const set = this.ctx.sql('UPDATE accounts SET balance = ? WHERE id = ?');
    for (const [account, balance] of this.balances) set.run(balance, account);
    const credit = this.ctx.sql(
      'INSERT INTO accounts (id, balance) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET balance = balance + excluded.balance',
    );
    if (this.distributed > 0n) {
      credit.run(FOUNDATION_ACCOUNT, (this.distributed * 10n) / 100n);
      credit.run(STAKING_POOL_ACCOUNT, (this.distributed * 5n) / 100n);
      credit.run(SALES_ACCOUNT, (this.distributed * 50n) / 100n);
    }
  }
}

export function runBilling(ctx: CallContext, now: number, periodSeconds: number, params: BillingParams): number {
  // only the columns billing reads: a run over 100,000 contracts is dominated by building rows
  const due = ctx
    .sql(`SELECT ${BILLED_COLUMNS} FROM contracts WHERE state != 'Deleted' AND last_billed + ? <= ? ORDER BY id`)
    .all(periodSeconds, now) as ContractRow[];
  const run = new BillingRun(ctx, now, params);
  for (const c of due) {
    const row = run.touched.has(c.id) ? ctx.q.contract(c.id)! : c;
    if (row.state !== 'Deleted') billContract(run, row);
  }
  run.flush();
  return due.length;
}

/** A contract being cancelled pays for the seconds since its last bill, prorated. */
export function settleBeforeCancel(ctx: CallContext, c: ContractRow): void {
  if (ctx.block.timestamp <= c.last_billed) return;
  const run = new BillingRun(ctx, ctx.block.timestamp, ctx.billing);
  billContract(run, c);
  run.flush();
}
