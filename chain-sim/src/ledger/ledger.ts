// The ledger: applies signed calls atomically, one block per write (automine), keeps chain time
// (the injected clock plus the offset that AdvanceTime adds), and tells listeners about events.
import { decodeCall, verifyExtrinsic, type chain } from '../../../proto';

type Call__Output = chain.Call__Output;
import type { Clock } from '../clock';
import type { Db } from '../store/open';
import { BlockBuilder, ChainEvent } from './block';
import { Refusal, refuse } from './errors';
import { Queries } from './queries';
import { CallContext } from './calls/context';
import { dispatch } from './calls/dispatch';
import { moveFunds } from './calls/accounts';
import { runBilling } from './billing/billing-run';

export interface ChainParams {
  billingPeriodSeconds: number;
  gracePeriodSeconds: number;
  blockTimeMs: number;
}

export interface SignedExtrinsic {
  signer: string;
  nonce: number;
  call: Uint8Array;
  signature: Uint8Array;
}

export interface SubmitOutcome {
  block: number;
  events: ChainEvent[];
  createdIds: number[];
}

/** The longest time warp of one AdvanceTime call: a year of hourly billing takes seconds; more would hold the chain for minutes. */
export const MAX_ADVANCE_SECONDS = 366 * 24 * 3600;

/** The account minting faucet funds on a development chain. */
export const FAUCET_ACCOUNT = '0'.repeat(64);

export class Ledger {
  readonly q: Queries;
  private readonly listeners = new Set<(events: ChainEvent[]) => void>();
  private readonly queue: { x: SignedExtrinsic; call: Call__Output; resolve(o: SubmitOutcome): void; reject(e: Error): void }[] = [];

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    readonly params: ChainParams,
  ) {
    this.q = new Queries(db);
  }

  /** Chain time in unix seconds; never earlier than the last block. */
  now(): number {
    const offset = Number(this.meta('time_offset') ?? '0');
    return Math.max(this.clock.now() + offset, this.q.lastBlock().timestamp);
  }

  tftPriceUsd(): string {
    return this.meta('tft_price_usd') ?? '0.05';
  }

  /** The chain's clock, block height, TFT price and periods, as GetChainInfo answers them. */
  info() {
    return {
      block: this.q.lastBlock().number,
      timestamp: this.now(),
      tftPriceUsd: this.tftPriceUsd(),
      billingPeriodSeconds: this.params.billingPeriodSeconds,
      gracePeriodSeconds: this.params.gracePeriodSeconds,
      blockTimeMs: this.params.blockTimeMs,
    };
  }

  /** Automine: the extrinsic is sealed in a block of its own, now. */
  submit(x: SignedExtrinsic): SubmitOutcome {
    const call = this.admit(x);
    return this.write((block) => this.apply(block, x, call));
  }

  /**
   * Block-interval mode: the extrinsic waits for the next block, which `sealQueued` builds from
   * everything queued. Each extrinsic applies all or nothing; a refused one does not spoil the block.
   */
  enqueue(x: SignedExtrinsic): Promise<SubmitOutcome> {
    const call = this.admit(x);
    return new Promise((resolve, reject) => this.queue.push({ x, call, resolve, reject }));
  }

  sealQueued(): void {
    if (!this.queue.length) return;
    const batch = this.queue.splice(0);
    const results: (SubmitOutcome | Error)[] = [];
    this.write((block) => {
      for (const item of batch) {
        const events = block.events.length;
        const ids = block.createdIds.length;
        try {
          this.db.transaction(() => this.apply(block, item.x, item.call))();
          results.push({ block: block.number, events: block.events.slice(events), createdIds: block.createdIds.slice(ids) });
        } catch (err) {
          block.events.length = events;
          block.createdIds.length = ids;
          results.push(err as Error);
        }
      }
    });
    batch.forEach((item, i) => {
      const r = results[i];
      if (r instanceof Error) item.reject(r);
      else item.resolve(r);
    });
  }

  /** Checks the signature and decodes the call; a Refusal when the extrinsic cannot be included. */
  private admit(x: SignedExtrinsic): Call__Output {
    if (!x.signer || !x.signature?.length) throw refuse.unauthenticated('the extrinsic is not signed');
    if (!verifyExtrinsic(x)) throw refuse.unauthenticated(`the signature does not verify against account ${x.signer}`);
    try {
      return decodeCall(x.call);
    } catch (err) {
      throw refuse.invalid(`the call cannot be decoded: ${(err as Error).message}`);
    }
  }

  private apply(block: BlockBuilder, x: SignedExtrinsic, call: Call__Output): void {
    const used = this.db.prepare('INSERT OR IGNORE INTO nonces (signer, nonce) VALUES (?, ?)').run(x.signer, x.nonce);
    if (used.changes === 0) throw refuse.invalid(`nonce ${x.nonce} was already used by account ${x.signer} (replayed extrinsic?)`);
    dispatch(
      new CallContext(this.db, this.q, block, x.signer, {
        tftPriceUsd: this.tftPriceUsd(),
        gracePeriodSeconds: this.params.gracePeriodSeconds,
      }),
      call,
    );
  }

  /** Development faucet: mints `units` into `account`. */
  fund(account: string, units: bigint): SubmitOutcome {
    if (!/^[0-9a-f]{64}$/.test(account)) throw refuse.invalid(`${JSON.stringify(account)} is not an account id (64 hex chars)`);
    if (units <= 0n) throw refuse.invalid('the amount to fund must be more than 0');
    return this.write((block) => {
      this.db.prepare('INSERT OR IGNORE INTO accounts (id, balance) VALUES (?, 0)').run(FAUCET_ACCOUNT);
      moveFunds(new CallContext(this.db, this.q, block, FAUCET_ACCOUNT), FAUCET_ACCOUNT, account, units);
      block.emit('Minted', { account_id: account, amount: units.toString() });
    });
  }

  /**
   * Moves chain time forward by `seconds` (a development chain's time warp), one billing period at
   * a time, running every billing due on the way. Each step is one block and one transaction, so a
   * crash midway leaves the chain at a step boundary with every period billed exactly once.
   */
  advanceTime(seconds: number): SubmitOutcome {
    if (!Number.isInteger(seconds) || seconds <= 0) throw refuse.invalid('seconds must be a whole number above 0');
    if (seconds > MAX_ADVANCE_SECONDS) {
      const why = 'per call, which bills every hour on the way: advance in steps';
      throw refuse.invalid(`seconds ${seconds} is over the limit of ${MAX_ADVANCE_SECONDS} (366 days) ${why}`);
    }
    let last!: SubmitOutcome;
    for (let left = seconds; left > 0;) {
      const step = Math.min(left, this.params.billingPeriodSeconds);
      left -= step;
      last = this.write(
        (block) => {
          block.emit('TimeAdvanced', { seconds: step, timestamp: block.timestamp });
          this.bill(block);
        },
        () => this.setMeta('time_offset', String(Number(this.meta('time_offset') ?? '0') + step)),
      );
    }
    return last;
  }

  /** Bills what is due now, if anything is (called by the chain's own timer). */
  billDue(): SubmitOutcome | undefined {
    const now = this.now();
    const due = this.db
      .prepare("SELECT 1 FROM contracts WHERE state != 'Deleted' AND last_billed + ? <= ? LIMIT 1")
      .get(this.params.billingPeriodSeconds, now);
    return due ? this.write((block) => this.bill(block)) : undefined;
  }

  private bill(block: BlockBuilder): void {
    runBilling(new CallContext(this.db, this.q, block, FAUCET_ACCOUNT), block.timestamp, this.params.billingPeriodSeconds, {
      tftPriceUsd: this.tftPriceUsd(),
      gracePeriodSeconds: this.params.gracePeriodSeconds,
    });
  }

  setTftPrice(priceUsd: string): SubmitOutcome {
    if (!/^\d+(\.\d+)?$/.test(priceUsd) || Number(priceUsd) <= 0)
      throw refuse.invalid(`TFT price ${JSON.stringify(priceUsd)} must be a positive decimal number of USD`);
    return this.write((block) => {
      this.setMeta('tft_price_usd', priceUsd);
      block.emit('TftPriceSet', { tft_price_usd: priceUsd });
    });
  }

  onEvents(listener: (events: ChainEvent[]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Seals `apply` in a new block: all of it or none of it. */
  private write(apply: (block: BlockBuilder) => void, beforeBlock?: () => void): SubmitOutcome {
    let block!: BlockBuilder;
    this.db.transaction(() => {
      beforeBlock?.();
      const last = this.q.lastBlock();
      block = new BlockBuilder(last.number + 1, Math.max(this.now(), last.timestamp));
      apply(block);
      this.db.prepare('INSERT INTO blocks (number, timestamp) VALUES (?, ?)').run(block.number, block.timestamp);
      const insert = this.db.prepare('INSERT INTO events (block, idx, timestamp, type, data, node_id) VALUES (?, ?, ?, ?, ?, ?)');
      for (const e of block.events)
        insert.run(
          e.block,
          e.index,
          e.timestamp,
          e.type,
          JSON.stringify(e.data),
          typeof e.data.node_id === 'number' ? e.data.node_id : null,
        );
    })();
    for (const l of this.listeners) l(block.events);
    return { block: block.number, events: block.events, createdIds: block.createdIds };
  }

  private meta(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined)?.value;
  }

  private setMeta(key: string, value: string): void {
    this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, value);
  }
}

export function isRefusal(err: unknown): err is Refusal {
  return err instanceof Refusal;
}
