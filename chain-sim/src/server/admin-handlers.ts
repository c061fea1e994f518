// Handlers of the ChainAdmin service: a development chain's faucet, time warp and TFT price.
import type * as grpc from '@grpc/grpc-js';
import type { chain } from '../../../proto';
import type { Ledger } from '../ledger/ledger';
import { refuse } from '../ledger/errors';
import { respond } from './respond';

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

export function adminHandlers(ledger: Ledger) {
  const info = (): chain.ChainInfo => ledger.info();
  return {
    Fund: ((call, cb) =>
      respond(cb, () => {
        const { accountId, amount } = call.request;
        if (!/^\d+$/.test(amount)) throw refuse.invalid(`amount ${JSON.stringify(amount)} must be a whole number of units (1 TFT = 10,000,000 units)`);
        ledger.fund(accountId, BigInt(amount));
        return { accountId, balance: ledger.q.balance(accountId).toString(), reserved: '0', twinId: ledger.q.twinByAccount(accountId)?.id ?? 0 };
      })) as Unary<chain.FundRequest__Output, chain.Account>,
    AdvanceTime: ((call, cb) =>
      respond(cb, () => {
        ledger.advanceTime(Number(call.request.seconds));
        return info();
      })) as Unary<chain.AdvanceTimeRequest__Output, chain.ChainInfo>,
    SetTftPrice: ((call, cb) =>
      respond(cb, () => {
        ledger.setTftPrice(call.request.tftPriceUsd);
        return info();
      })) as Unary<chain.SetTftPriceRequest__Output, chain.ChainInfo>,
  };
}
