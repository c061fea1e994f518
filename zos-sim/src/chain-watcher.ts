// Follows the chain's events from the last block the node handled (kept in its store, so a restart
// misses nothing) and acts on those about its contracts: a cancelled contract is deprovisioned, a
// contract in grace has its workloads paused, and they resume when grace ends. At start and then
// periodically it also reconciles with the chain: what has no live contract goes, and paused
// follows the contract's grace state.
// One subscription at a time: a new one starts only once the old one has ended, after a capped,
// jittered backoff that starts over once a subscription has stayed up for a while, or at once when
// another of the node's calls (the usage reporter's, every second) finds the chain back. Events wait in a
// bounded queue: past its limit the stream is paused, so the chain holds them back.
import { RpcError, isNotFound, type ChainClient, type Subscription } from '../../proto';
import type { DeploymentManager } from './deployments';
import type { NodeStore } from './store/node-store';
import type { ContractIndex } from './contract-index';
import { Backoff, type BackoffOptions } from './backoff';
import { OutageLog } from './outage-log';

export interface WatcherRetry {
  backoff?: BackoffOptions;
  /** a subscription up this long counts as healthy: the next failure retries from the shortest wait (default 10 s) */
  healthyMs?: number;
  /** how often a long outage is summed up in the log (default 30 s) */
  summaryEveryMs?: number;
}

/** events waiting to be handled past which the stream is paused, and below which it resumes */
const QUEUE_HIGH = 1000;
const QUEUE_LOW = 100;

export class ChainWatcher {
  private sub?: Subscription;
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private queue: Promise<unknown> = Promise.resolve();
  private queued = 0;
  private paused = false;
  private reconciling = false;
  private periodic?: NodeJS.Timeout;
  private lastBlock?: number;
  private readonly backoff: Backoff;
  private readonly healthyMs: number;
  private readonly streamLog: OutageLog;
  private readonly reconcileLog: OutageLog;
  /** subscriptions started since the node started */
  subscriptions = 0;

  constructor(
    private readonly chain: ChainClient,
    private readonly store: NodeStore,
    private readonly deployments: DeploymentManager,
    private readonly nodeId: number,
    private readonly log: (line: string) => void,
    private readonly reconcileEveryMs = 60_000,
    private readonly contracts?: ContractIndex,
    retry: WatcherRetry = {},
  ) {
    this.backoff = new Backoff(retry.backoff);
    this.healthyMs = retry.healthyMs ?? 10_000;
    this.streamLog = new OutageLog('chain events', log, retry.summaryEveryMs);
    this.reconcileLog = new OutageLog('reconcile', log, retry.summaryEveryMs);
  }

  async start(): Promise<void> {
    if (!this.store.meta('last_block')) this.store.setMeta('last_block', String((await this.chain.info()).block));
    await this.reconcile();
    this.follow();
    this.periodic = setInterval(() => {
      // a reconcile still running (a slow chain) is not queued again behind itself
      if (this.reconciling) return;
      this.reconciling = true;
      this.queue = this.queue
        .then(() => this.reconcile())
        .catch((err) => this.log(`reconcile failed: ${(err as Error).message}`))
        .finally(() => (this.reconciling = false));
    }, this.reconcileEveryMs);
    this.periodic.unref();
  }

  /**
   * Another call reached the chain: a subscription waiting out its backoff starts now, so events
   * (cancellations above all) are handled within a second of the chain's return, not up to 30 s later.
   */
  chainIsBack(): void {
    if (this.stopped || this.sub || !this.retry) return;
    clearTimeout(this.retry);
    this.retry = undefined;
    this.follow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.periodic);
    this.sub?.cancel();
    this.sub = undefined;
  }

  /** Removes deployments whose contract is deleted or gone on chain; pauses or resumes by grace state. */
  async reconcile(): Promise<void> {
    for (const d of this.store.live()) {
      try {
        const c = await this.chain.contract(d.contractId);
        this.reconcileLog.recovered();
        if (c.state === 'Deleted')
          await this.deployments.deprovision(d.contractId, `contract ${d.contractId} is deleted on chain (${c.deletedReason})`);
        else if (c.state === 'GracePeriod')
          await this.deployments.pause(d.contractId, `contract ${d.contractId} is in its grace period: fund the twin to resume`);
        else await this.deployments.resumePaused(d.contractId, `contract ${d.contractId} is paid for again`);
      } catch (err) {
        if (isNotFound(err)) await this.deployments.deprovision(d.contractId, `contract ${d.contractId} does not exist on chain`);
        else if (err instanceof RpcError && err.unavailable)
          return this.reconcileLog.failed(err); // the chain is away: next round
        else this.log(`reconcile: cannot read contract ${d.contractId}: ${(err as Error).message}`);
      }
    }
  }

  private follow(): void {
    if (this.stopped || this.sub) return;
    // the last block is replayed: its events may not all have been handled, and handling is idempotent
    const from = Number(this.store.meta('last_block') ?? 0);
    let openedAt: number | undefined;
    this.subscriptions++;
    const sub: Subscription = this.chain.subscribe(
      from,
      (e) => this.enqueue(() => this.handle(e.block, e.type, e.data)),
      (err) => {
        if (this.sub !== sub) return;
        this.sub = undefined;
        this.paused = false;
        if (this.stopped) return;
        if (openedAt !== undefined && Date.now() - openedAt >= this.healthyMs) this.backoff.reset();
        this.streamLog.failed(err ?? new Error('the chain ended the event stream'));
        this.retry = setTimeout(() => {
          this.retry = undefined;
          this.follow();
        }, this.backoff.next());
      },
      this.nodeId, // only the events naming this node: a thousand nodes need not each read every event
      () => {
        openedAt = Date.now();
        this.streamLog.recovered();
      },
    );
    this.sub = sub;
  }

  private enqueue(work: () => Promise<void>): void {
    this.queued++;
    if (this.queued >= QUEUE_HIGH && !this.paused && this.sub) {
      this.paused = true;
      this.sub.pause();
    }
    this.queue = this.queue
      .then(work)
      .catch((err) => this.log(`event handling failed: ${(err as Error).message}`))
      .finally(() => {
        this.queued--;
        if (this.paused && this.queued <= QUEUE_LOW) {
          this.paused = false;
          this.sub?.resume();
        }
      });
  }

  private async handle(block: number, type: string, json: string): Promise<void> {
    const data = JSON.parse(json) as { contract_id?: number; node_id?: number; reason?: string };
    this.contracts?.apply(type, data);
    if (type === 'NodeContractCanceled' && data.node_id === this.nodeId && data.contract_id) {
      await this.deployments.deprovision(
        data.contract_id,
        `contract ${data.contract_id} was cancelled on chain (${data.reason ?? 'CanceledByUser'})`,
      );
    }
    if (type === 'ContractGracePeriodStarted' && data.contract_id && this.store.get(data.contract_id)) {
      await this.deployments.pause(data.contract_id, `contract ${data.contract_id} is in its grace period: fund the twin to resume`);
    }
    if (type === 'ContractGracePeriodEnded' && data.contract_id && this.store.get(data.contract_id)) {
      await this.deployments.resumePaused(data.contract_id, `contract ${data.contract_id} is paid for again`);
    }
    this.lastBlock ??= Number(this.store.meta('last_block') ?? 0);
    if (block > this.lastBlock) {
      this.lastBlock = block;
      this.store.setMeta('last_block', String(block));
    }
  }
}
