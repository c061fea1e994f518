// A billing run: every live contract whose period has ended by `now` is billed, in contract order.
import type { CallContext } from '../calls/context';
import type { ContractRow } from '../rows';
import { billContract, type BillingParams } from './bill-contract';

export function contractsDue(ctx: CallContext, now: number, periodSeconds: number): ContractRow[] {
  return ctx.db.prepare("SELECT * FROM contracts WHERE state != 'Deleted' AND last_billed + ? <= ? ORDER BY id").all(periodSeconds, now) as ContractRow[];
}

export function runBilling(ctx: CallContext, now: number, periodSeconds: number, params: BillingParams): number {
  const due = contractsDue(ctx, now, periodSeconds);
  for (const c of due) {
    const fresh = ctx.q.contract(c.id)!;
    if (fresh.state !== 'Deleted') billContract(ctx, fresh, now, params);
  }
  return due.length;
}
