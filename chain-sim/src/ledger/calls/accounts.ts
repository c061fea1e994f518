// Accounts and twins: a twin binds an account to its public key; transfers move TFT.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { CallContext } from './context';
import { accountId, positiveUnits } from './validate';

export function createTwin(ctx: CallContext, call: chain.CreateTwin__Output): void {
  if (ctx.q.twinByAccount(ctx.signer)) throw refuse.exists(`account ${ctx.signer} already has twin ${ctx.q.twinByAccount(ctx.signer)!.id}`);
  const relay = call.relay ?? '';
  if (relay.length > 128) throw refuse.invalid('relay must be at most 128 characters');
  const id = Number(
    ctx
      .sql('INSERT INTO twins (account_id, relay, pk, created) VALUES (?, ?, ?, ?)')
      .run(ctx.signer, relay, ctx.signer, ctx.block.timestamp).lastInsertRowid,
  );
  ctx.sql('INSERT OR IGNORE INTO accounts (id, balance) VALUES (?, 0)').run(ctx.signer);
  ctx.block.created(id);
  ctx.block.emit('TwinStored', { twin_id: id, account_id: ctx.signer, relay });
}

export function transfer(ctx: CallContext, call: chain.Transfer__Output): void {
  accountId(call.to, 'destination account');
  const amount = positiveUnits(call.amount, 'amount');
  const balance = ctx.q.balance(ctx.signer);
  if (balance < amount)
    throw refuse.precondition(`insufficient balance: account ${ctx.signer} has ${balance} units, the transfer needs ${amount}`);
  moveFunds(ctx, ctx.signer, call.to, amount);
  ctx.block.emit('Transfer', { from: ctx.signer, to: call.to, amount: amount.toString() });
}

export function moveFunds(ctx: CallContext, from: string, to: string, amount: bigint): void {
  ctx.sql('UPDATE accounts SET balance = balance - ? WHERE id = ?').run(amount, from);
  ctx
    .sql('INSERT INTO accounts (id, balance) VALUES (?, ?) ON CONFLICT (id) DO UPDATE SET balance = balance + excluded.balance')
    .run(to, amount);
}
