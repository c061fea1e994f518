// Billing one contract for the time since its last bill: its hourly cost (resources, IPv4, names,
// rent, a rented node's extra fee), network usage, the discount its balance earns, and payment; or grace when the twin cannot
// pay, recovery once it can, and deletion when grace runs out.
import type { CallContext } from '../calls/context';
import { deleteContract } from '../calls/contracts';
import type { ContractRow } from '../rows';
import type { BillingRun } from './billing-run';
import { discountLevel } from './discount';
import { DEFAULT_POLICY, extraFeeUnitsUsd, hourlyResourceCost } from './pricing';

/** Where billed TFT goes: 35% is burned (it goes nowhere), the rest to these accounts. */
export const FOUNDATION_ACCOUNT = '0'.repeat(63) + '1';
export const STAKING_POOL_ACCOUNT = '0'.repeat(63) + '2';
export const SALES_ACCOUNT = '0'.repeat(63) + '3';

export interface BillingParams {
  tftPriceUsd: string;
  gracePeriodSeconds: number;
}

/** Hourly cost of a contract in units USD, before discount. */
export function hourlyCostUsd(ctx: CallContext, c: ContractRow, rentedBy: ReadonlyMap<number, number>): bigint {
  const p = DEFAULT_POLICY;
  if (c.type === 'name') return p.uniqueName;
  if (c.type === 'rent') {
    const n = ctx.q.node(c.node_id);
    return n ? (hourlyResourceCost(n, 0) * (100n - p.dedicationDiscountPercent)) / 100n : 0n;
  }
  // on a node its twin rents, a node contract pays only for IPv4 (and network)
  if (rentedBy.get(c.node_id) === c.twin_id) return BigInt(c.public_ips) * p.ipu;
  return hourlyResourceCost(c, c.public_ips);
}

export function billContract(run: BillingRun, c: ContractRow): void {
  const { ctx, now, params } = run;
  const seconds = now - c.last_billed;
  if (seconds <= 0) return;
  const hourlyUsd = hourlyCostUsd(ctx, c, run.rentedBy);
  const nuUsd = (BigInt(c.nru) * DEFAULT_POLICY.nu) / 1_000_000_000n;
  const hourlyTft = run.toTft(hourlyUsd);
  const dueTft = run.toTft((hourlyUsd * BigInt(seconds)) / 3600n + nuUsd);
  const account = run.accountOf(c.twin_id);
  const balance = run.balance(account);
  const discount = discountLevel(balance, hourlyTft);
  // a rent contract also pays its node's extra fee (GPU nodes carry one), undiscounted, as TFChain bills it
  const extraTft = c.type === 'rent' ? run.toTft(extraFeeUnitsUsd(ctx.q.node(c.node_id)?.extra_fee ?? 0, seconds)) : 0n;
  const total = (dueTft * discount.factorPercent) / 100n + extraTft + BigInt(c.owed ?? 0);
  const paid = balance >= total;
  ctx.sql('UPDATE contracts SET last_billed = ?, nru = 0, owed = ? WHERE id = ?').run(now, paid ? 0 : total, c.id);
  ctx
    .sql('INSERT INTO bills (contract_id, timestamp, block, amount, amount_due, discount_level, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(c.id, now, ctx.block.number, paid ? total : 0n, total, discount.level, seconds);
  if (paid) {
    run.pay(account, total);
    ctx.block.emit('ContractBilled', {
      contract_id: c.id,
      timestamp: now,
      discount_level: discount.level,
      amount_billed: total.toString(),
    });
    if (c.state === 'GracePeriod') endGrace(run, c);
  } else if (c.state === 'Created') startGrace(run, c);
  else if (now - c.grace_since >= params.gracePeriodSeconds) outOfFunds(run, c);
}

/** The contract, and for a rent contract the node contracts on its node, enter grace. */
function startGrace(run: BillingRun, c: ContractRow): void {
  for (const x of withRented(run, c)) {
    if (x.state !== 'Created') continue;
    run.ctx
      .sql("UPDATE contracts SET state = 'GracePeriod', grace_since = ?, grace_since_block = ? WHERE id = ?")
      .run(run.now, run.ctx.block.number, x.id);
    run.ctx.block.emit('ContractGracePeriodStarted', {
      contract_id: x.id,
      node_id: x.node_id,
      twin_id: x.twin_id,
      block_number: run.ctx.block.number,
    });
  }
}

function endGrace(run: BillingRun, c: ContractRow): void {
  for (const x of withRented(run, c)) {
    if (x.state !== 'GracePeriod') continue;
    run.ctx.sql("UPDATE contracts SET state = 'Created', grace_since = 0, grace_since_block = 0 WHERE id = ?").run(x.id);
    run.ctx.block.emit('ContractGracePeriodEnded', { contract_id: x.id, node_id: x.node_id, twin_id: x.twin_id });
  }
}

function outOfFunds(run: BillingRun, c: ContractRow): void {
  for (const x of withRented(run, c).reverse()) {
    const fresh = run.ctx.q.contract(x.id)!;
    if (fresh.state !== 'Deleted') deleteContract(run.ctx, fresh, 'OutOfFunds');
  }
}

/** A rent contract carries its grace and its end to its twin's node contracts on that node. */
function withRented(run: BillingRun, c: ContractRow): ContractRow[] {
  if (c.type !== 'rent') return [c];
  const onNode = run.ctx.q.contracts({ nodeId: c.node_id, type: 'node' }).filter((x) => x.state !== 'Deleted' && x.twin_id === c.twin_id);
  onNode.forEach((x) => run.touched.add(x.id));
  return [c, ...onNode];
}
