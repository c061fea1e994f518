// Handlers of the ChainAdmin service: a development chain's faucet, time warp and TFT price. They
// mint money and move time for everyone, so each call must carry the chain's admin credential
// (kept by whoever started the chain: `gridform grid up` keeps it in the grid folder, 0600).
import { timingSafeEqual } from 'node:crypto';
import type * as grpc from '@grpc/grpc-js';
import { ADMIN_TOKEN_HEADER, type chain } from '../../../proto';
import type { Ledger } from '../ledger/ledger';
import { refuse } from '../ledger/errors';
import { respond } from './respond';

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

export function adminHandlers(ledger: Ledger, adminToken: string) {
  const info = (): chain.ChainInfo => ledger.info();
  const expected = Buffer.from(adminToken);
  const authorize = (call: { metadata: grpc.Metadata }, what: string) => {
    const given = Buffer.from(String(call.metadata.get(ADMIN_TOKEN_HEADER)[0] ?? ''));
    if (given.length === expected.length && timingSafeEqual(given, expected)) return;
    const how = "it needs the chain's admin credential (a local grid keeps it in its folder, chain/admin.token)";
    throw refuse.unauthenticated(`${what} refused: ${how}`);
  };
  return {
    Fund: ((call, cb) =>
      respond(cb, () => {
        authorize(call, 'funding an account');
        const { accountId, amount } = call.request;
        if (!/^\d+$/.test(amount))
          throw refuse.invalid(`amount ${JSON.stringify(amount)} must be a whole number of units (1 TFT = 10,000,000 units)`);
        ledger.fund(accountId, BigInt(amount));
        return {
          accountId,
          balance: ledger.q.balance(accountId).toString(),
          reserved: '0',
          twinId: ledger.q.twinByAccount(accountId)?.id ?? 0,
        };
      })) as Unary<chain.FundRequest__Output, chain.Account>,
    AdvanceTime: ((call, cb) =>
      respond(cb, () => {
        authorize(call, 'advancing chain time');
        ledger.advanceTime(Number(call.request.seconds));
        return info();
      })) as Unary<chain.AdvanceTimeRequest__Output, chain.ChainInfo>,
    SetTftPrice: ((call, cb) =>
      respond(cb, () => {
        authorize(call, 'setting the TFT price');
        ledger.setTftPrice(call.request.tftPriceUsd);
        return info();
      })) as Unary<chain.SetTftPriceRequest__Output, chain.ChainInfo>,
  };
}
