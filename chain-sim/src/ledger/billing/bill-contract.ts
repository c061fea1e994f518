// Billing one contract for the time since its last bill: its hourly cost (resources, IPv4, names,
// rent), network usage, the discount its balance earns, payment and distribution; or grace when
// the twin cannot pay, recovery once it can, and deletion when grace runs out.
import type { CallContext } from '../calls/context';
import { deleteContract } from '../calls/contracts';
import type { ContractRow } from '../rows';
import { discountLevel } from './discount';
import { DEFAULT_POLICY, hourlyResourceCost } from './pricing';
import { usdUnitsToTftUnits } from './tft';

/** Where billed TFT goes: 35% is burned (it goes nowhere), the rest to these accounts. */
export const FOUNDATION_ACCOUNT = '0'.repeat(63) + '1';
export const STAKING_POOL_ACCOUNT = '0'.repeat(63) + '2';
export const SALES_ACCOUNT = '0'.repeat(63) + '3';

export interface BillingParams {
  tftPriceUsd: string;
  gracePeriodSeconds: number;
}

/** Hourly cost of a contract in units USD, before discount. */
export function hourlyCostUsd(ctx: CallContext, c: ContractRow): bigint {
  const p = DEFAULT_POLICY;
  if (c.type === 'name') return p.uniqueName;
  if (c.type === 'rent') {
    const n = ctx.q.node(c.node_id);
    if (!n) return 0n;
    return (hourlyResourceCost(n, 0) * (100n - p.dedicationDiscountPercent)) / 100n;
  }
  const rent = ctx.q.rentContractOf(c.node_id);
  if (rent && rent.twin_id === c.twin_id) return BigInt(c.public_ips) * p.ipu;
  return hourlyResourceCost(c, c.public_ips);
}

export function billContract(ctx: CallContext, c: ContractRow, now: number, params: BillingParams): void {
  const seconds = now - c.last_billed;
  if (seconds <= 0) return;
  const hourlyUsd = hourlyCostUsd(ctx, c);
  const nuUsd = (BigInt(c.nru) * DEFAULT_POLICY.nu) / 1_000_000_000n;
  const hourlyTft = usdUnitsToTftUnits(hourlyUsd, params.tftPriceUsd);
  const dueTft = usdUnitsToTftUnits((hourlyUsd * BigInt(seconds)) / 3600n + nuUsd, params.tftPriceUsd);
  const twin = ctx.q.twin(c.twin_id)!;
  const balance = ctx.q.balance(twin.account_id);
  const discount = discountLevel(balance, hourlyTft);
  const amount = (dueTft * discount.factorPercent) / 100n;
  const owed = BigInt(c.owed ?? 0);
  const total = amount + owed;
  ctx.db.prepare('UPDATE contracts SET last_billed = ?, nru = 0 WHERE id = ?').run(now, c.id);

  if (balance >= total) {
    pay(ctx, twin.account_id, total);
    ctx.db.prepare('INSERT INTO bills (contract_id, timestamp, block, amount, amount_due, discount_level, seconds) VALUES (?, ?, ?, ?, ?, ?, ?)').run(c.id, now, ctx.block.number, total, total, discount.level, seconds);
    ctx.block.emit('ContractBilled', { contract_id: c.id, timestamp: now, discount_level: discount.level, amount_billed: total.toString() });
    if (c.state === 'GracePeriod') endGrace(ctx, c);
    return;
  }
  ctx.db.prepare('UPDATE contracts SET owed = ? WHERE id = ?').run(total, c.id);
  ctx.db.prepare('INSERT INTO bills (contract_id, timestamp, block, amount, amount_due, discount_level, seconds) VALUES (?, ?, ?, 0, ?, ?, ?)').run(c.id, now, ctx.block.number, total, discount.level, seconds);
  if (c.state === 'Created') startGrace(ctx, c, now);
  else if (now - c.grace_since >= params.gracePeriodSeconds) outOfFunds(ctx, c);
}

function pay(ctx: CallContext, from: string, amount: bigint): void {
  const credit = ctx.db.prepare('INSERT INTO accounts (id, balance) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET balance = balance + excluded.balance');
  ctx.db.prepare('UPDATE accounts SET balance = balance - ? WHERE id = ?').run(amount, from);
  credit.run(FOUNDATION_ACCOUNT, (amount * 10n) / 100n);
  credit.run(STAKING_POOL_ACCOUNT, (amount * 5n) / 100n);
  credit.run(SALES_ACCOUNT, (amount * 50n) / 100n);
}

/** The contract, and for a rent contract the node contracts on its node, enter grace. */
function startGrace(ctx: CallContext, c: ContractRow, now: number): void {
  for (const x of withRented(ctx, c)) {
    if (x.state !== 'Created') continue;
    ctx.db.prepare("UPDATE contracts SET state = 'GracePeriod', grace_since = ?, grace_since_block = ? WHERE id = ?").run(now, ctx.block.number, x.id);
    ctx.block.emit('ContractGracePeriodStarted', { contract_id: x.id, node_id: x.node_id, twin_id: x.twin_id, block_number: ctx.block.number });
  }
}

function endGrace(ctx: CallContext, c: ContractRow): void {
  ctx.db.prepare('UPDATE contracts SET owed = 0 WHERE id = ?').run(c.id);
  for (const x of withRented(ctx, c)) {
    if (x.state !== 'GracePeriod') continue;
    ctx.db.prepare("UPDATE contracts SET state = 'Created', grace_since = 0, grace_since_block = 0 WHERE id = ?").run(x.id);
    ctx.block.emit('ContractGracePeriodEnded', { contract_id: x.id, node_id: x.node_id, twin_id: x.twin_id });
  }
}

function outOfFunds(ctx: CallContext, c: ContractRow): void {
  for (const x of withRented(ctx, c).reverse()) {
    const fresh = ctx.q.contract(x.id)!;
    if (fresh.state !== 'Deleted') deleteContract(ctx, fresh, 'OutOfFunds');
  }
}

/** A rent contract carries its grace and its end to the node contracts on its node. */
function withRented(ctx: CallContext, c: ContractRow): ContractRow[] {
  if (c.type !== 'rent') return [c];
  const onNode = ctx.q.contracts({ nodeId: c.node_id, type: 'node' }).filter((x) => x.state !== 'Deleted' && x.twin_id === c.twin_id);
  return [c, ...onNode];
}
