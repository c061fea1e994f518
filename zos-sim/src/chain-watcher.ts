// Follows the chain's events from the last block the node handled (kept in its store, so a restart
// misses nothing) and acts on those about its contracts: a cancelled contract is deprovisioned, a
// contract in grace has its workloads paused, and they resume when grace ends. At start and then
// periodically it also reconciles with the chain: what has no live contract goes, and paused
// follows the contract's grace state.
import { isNotFound, type ChainClient } from '../../proto';
import type { DeploymentManager } from './deployments';
import type { NodeStore } from './store/node-store';
import type { ContractIndex } from './contract-index';

export class ChainWatcher {
  private sub?: { cancel(): void };
  private retry?: NodeJS.Timeout;
  private stopped = false;
  private queue: Promise<unknown> = Promise.resolve();
  private periodic?: NodeJS.Timeout;
  private lastBlock?: number;

  constructor(
    private readonly chain: ChainClient,
    private readonly store: NodeStore,
    private readonly deployments: DeploymentManager,
    private readonly nodeId: number,
    private readonly log: (line: string) => void,
    private readonly reconcileEveryMs = 60_000,
    private readonly contracts?: ContractIndex,
  ) {}

  async start(): Promise<void> {
    if (!this.store.meta('last_block')) this.store.setMeta('last_block', String((await this.chain.info()).block));
    await this.reconcile();
    this.follow();
    this.periodic = setInterval(() => {
      this.queue = this.queue.then(() => this.reconcile()).catch((err) => this.log(`reconcile failed: ${(err as Error).message}`));
    }, this.reconcileEveryMs);
    this.periodic.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
    clearInterval(this.periodic);
    this.sub?.cancel();
  }

  /** Removes deployments whose contract is deleted or gone on chain; pauses or resumes by grace state. */
  async reconcile(): Promise<void> {
    for (const d of this.store.live()) {
      try {
        const c = await this.chain.contract(d.contractId);
        if (c.state === 'Deleted') await this.deployments.deprovision(d.contractId, `contract ${d.contractId} is deleted on chain (${c.deletedReason})`);
        else if (c.state === 'GracePeriod') await this.deployments.pause(d.contractId, `contract ${d.contractId} is in its grace period: fund the twin to resume`);
        else await this.deployments.resumePaused(d.contractId, `contract ${d.contractId} is paid for again`);
      } catch (err) {
        if (isNotFound(err)) await this.deployments.deprovision(d.contractId, `contract ${d.contractId} does not exist on chain`);
        else this.log(`reconcile: cannot read contract ${d.contractId}: ${(err as Error).message}`);
      }
    }
  }

  private follow(): void {
    if (this.stopped) return;
    // the last block is replayed: its events may not all have been handled, and handling is idempotent
    const from = Number(this.store.meta('last_block') ?? 0);
    this.sub = this.chain.subscribe(
      from,
      (e) => {
        this.queue = this.queue.then(() => this.handle(e.block, e.type, e.data)).catch((err) => this.log(`event handling failed: ${(err as Error).message}`));
      },
      (err) => {
        if (this.stopped) return;
        this.log(`event stream ended${err ? `: ${err.message}` : ''}; reconnecting`);
        this.retry = setTimeout(() => this.follow(), 1000);
      },
      this.nodeId, // only the events naming this node: a thousand nodes need not each read every event
    );
  }

  private async handle(block: number, type: string, json: string): Promise<void> {
    const data = JSON.parse(json) as { contract_id?: number; node_id?: number; reason?: string };
    this.contracts?.apply(type, data);
    if (type === 'NodeContractCanceled' && data.node_id === this.nodeId && data.contract_id) {
      await this.deployments.deprovision(data.contract_id, `contract ${data.contract_id} was cancelled on chain (${data.reason ?? 'CanceledByUser'})`);
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
