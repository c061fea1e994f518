// The node's deployments: admission (shape, chain checks, capacity), provisioning in install order
// with state changes recorded, updates by the version rules, and deprovisioning when the contract
// ends on chain. Capacity is reserved synchronously at admission, so concurrent deploys never
// over-commit the node.
import type { ChainClient, KeyPair, node } from '../../proto';
import { add, admissionRefusal, ZERO, type Capacity } from './capacity';
import { checkDeploymentOnChain } from './chain-checks';
import { checkShape, parseData } from './deployment-shape';
import { provisionContext } from './provision-context';
import { NodeRefusal } from './refusal';
import type { NodeStore, StoredDeployment } from './store/node-store';
import { installRank, WORKLOAD_TYPES } from './workloads/registry';
import { ProvisionError } from './workloads/types';
import { ProvisionTiming, type TimingOptions } from './provision-timing';
import { Faults, type FaultOptions } from './faults';
import { isNotFound } from '../../proto';
import { UsedResourcesBatcher } from './usage-batcher';
import { TwinKeyCache } from './twin-keys';
import type { ContractIndex } from './contract-index';
import { signatureVerifier } from './signature-verifier';
import { restoreWorkloads, type RestoreReport } from './restore';
import { gpuRefusal, gpusAsked, gpusInUse, type NodeGpu } from './gpus';

export interface DeploymentManagerOptions {
  nodeId: number;
  store: NodeStore;
  chain: ChainClient;
  key: KeyPair;
  total: Capacity;
  /** unix seconds */
  now(): number;
  /** simulated provisioning time per workload, by type (ms); default 20 ms */
  provisionDelayMs?: Partial<Record<string, number>>;
  /** flist download time and a slow-node factor */
  timing?: Omit<TimingOptions, 'perType'>;
  faults?: FaultOptions;
  /** what crashAfterDeploys does; default: the process kills itself with SIGKILL */
  crash?: () => void;
  /** a gateway node's public config */
  publicConfig?: { ipv4: string; ipv6: string; domain: string };
  /** this node's contracts as the chain's events describe them */
  contracts?: ContractIndex;
  log?: (line: string) => void;
  /** the node's software version and the workload types it runs (default: all) */
  version?: string;
  supported?: ReadonlySet<string>;
  /** the node's GPUs (none by default) */
  gpus?: readonly NodeGpu[];
}

const RESERVING = new Set(['init', 'ok', 'paused']);
const NO_PUBLIC_CONFIG = { ipv4: '', ipv6: '', domain: '' };

export class DeploymentManager {
  private readonly reserved = new Map<number, Capacity>();
  private used: Capacity = ZERO;
  private readonly inFlight = new Map<number, Promise<void>>();
  private readonly admitting = new Set<number>();
  private stopped = false;
  private readonly timing: ProvisionTiming;
  private readonly faults: Faults;
  private readonly usage: UsedResourcesBatcher;
  /** twins' keys as the chain has them (deployment signatures, signed calls) */
  readonly twinKeys: TwinKeyCache;

  /** the live deployments, as the node last saved them: the copy provisioning works on */
  private readonly live = new Map<number, StoredDeployment>();

  constructor(private readonly o: DeploymentManagerOptions) {
    this.timing = new ProvisionTiming({ ...o.timing, perType: o.provisionDelayMs });
    this.faults = new Faults(o.faults);
    this.usage = new UsedResourcesBatcher(o.chain, o.key, o.log);
    this.twinKeys = new TwinKeyCache(o.chain);
    for (const d of o.store.live()) {
      this.live.set(d.contractId, d);
      this.track(d);
    }
  }

  /**
   * Checks the deployments kept in the store at start: workloads keep their state and results;
   * those this version cannot run are set to error with the reason (see restore.ts).
   */
  async restore(): Promise<RestoreReport> {
    const supported = this.o.supported ?? new Set(Object.keys(WORKLOAD_TYPES));
    const { report, changed } = restoreWorkloads(this.live.values(), supported, this.o.version ?? '', this.o.now());
    await Promise.all(changed.map((c) => this.save(c.deployment, c.names)));
    return report;
  }

  /** Finishes what a crash interrupted: workloads still in init are provisioned again. */
  resume(): void {
    for (const d of this.live.values()) {
      if (d.workloads.some((w) => w.result?.state === 'init')) this.schedule(d.contractId, d);
    }
  }

  usedCapacity(): Capacity {
    return this.used;
  }

  async deploy(d: node.Deployment__Output): Promise<void> {
    checkShape(d, this.o.supported);
    if (d.version !== 0) throw new NodeRefusal('INVALID_ARGUMENT', `a new deployment must have version 0, not ${d.version}`);
    if (d.workloads.some((w) => w.version !== 0))
      throw new NodeRefusal('INVALID_ARGUMENT', 'every workload of a new deployment must have version 0');
    this.refuseIfPresent(d.contractId);
    this.admitting.add(d.contractId);
    try {
      const contract = await checkDeploymentOnChain(this.o.chain, d, {
        nodeId: this.o.nodeId,
        twinKeys: this.twinKeys,
        known: this.o.contracts,
        verifier: signatureVerifier(),
      });
      await this.refuseGpusUnlessRented(d);
      this.refuseIfPresent(d.contractId, true);
      const ask = capacityOf(d.workloads);
      const refusal = admissionRefusal(this.o.nodeId, this.o.total, this.used, ask);
      if (refusal) throw new NodeRefusal('RESOURCE_EXHAUSTED', refusal);
      this.refuseGpusTaken(d);
      const now = this.o.now();
      const stored: StoredDeployment = {
        ...d,
        workloads: d.workloads.map((w) => ({ ...w, result: { created: now, state: 'init', message: '', data: '{}' } })),
        reservedIps: contract.publicIpsList.map((p) => ({ ip: p.ip, gateway: p.gateway })),
      };
      const saved = this.save(
        stored,
        d.workloads.map((w) => w.name),
      );
      this.schedule(d.contractId, stored, saved);
      await saved;
      if (this.faults.accepted()) (this.o.crash ?? (() => process.kill(process.pid, 'SIGKILL')))();
    } finally {
      this.admitting.delete(d.contractId);
    }
  }

  async update(d: node.Deployment__Output): Promise<void> {
    checkShape(d, this.o.supported);
    const old = this.current(d.contractId);
    if (!old || old.workloads.every((w) => w.result?.state === 'deleted'))
      throw new NodeRefusal('NOT_FOUND', `node ${this.o.nodeId} has no deployment for contract ${d.contractId}`);
    if (d.twinId !== old.twinId)
      throw new NodeRefusal(
        'PERMISSION_DENIED',
        `the deployment of contract ${d.contractId} belongs to twin ${old.twinId}, not to twin ${d.twinId}`,
      );
    if (d.version !== old.version + 1)
      throw new NodeRefusal(
        'INVALID_ARGUMENT',
        `an update must have version ${old.version + 1} (the deployment is at ${old.version}), not ${d.version}`,
      );
    for (const w of d.workloads) {
      const before = old.workloads.find((x) => x.name === w.name);
      if (before && before.type !== w.type)
        throw new NodeRefusal('INVALID_ARGUMENT', `workload ${w.name} cannot change type from ${before.type} to ${w.type}`);
    }
    await this.inFlight.get(d.contractId);
    const contract = await checkDeploymentOnChain(this.o.chain, d, {
      nodeId: this.o.nodeId,
      twinKeys: this.twinKeys,
      verifier: signatureVerifier(),
    });
    const now = this.o.now();
    const changed = new Set(d.workloads.filter((w) => w.version === d.version).map((w) => w.name));
    const workloads = d.workloads.map((w) => {
      const before = old.workloads.find((x) => x.name === w.name);
      if (before && !changed.has(w.name)) return { ...w, result: before.result };
      // in-place types keep their result (a disk keeps its size, a VM its address) for the new version to build on
      return { ...w, result: { created: now, state: 'init', message: '', data: before?.result?.data ?? '{}' } };
    });
    await this.refuseGpusUnlessRented(d);
    const others = add(this.used, negate(this.reserved.get(d.contractId) ?? ZERO));
    const refusal = admissionRefusal(this.o.nodeId, this.o.total, others, capacityOf(workloads));
    if (refusal) throw new NodeRefusal('RESOURCE_EXHAUSTED', refusal);
    this.refuseGpusTaken(d);
    const removed = old.workloads.filter((w) => !d.workloads.some((x) => x.name === w.name));
    const stored: StoredDeployment = {
      ...d,
      workloads,
      reservedIps: contract.publicIpsList.map((p) => ({ ip: p.ip, gateway: p.gateway })),
    };
    const saved = this.save(stored, [...changed], () => {
      for (const w of removed) this.o.store.recordChange(d.contractId, w.name, d.version, 'deleted', 'removed by update', now);
      // a changed workload whose type cannot update in place is removed and provisioned anew
      for (const w of d.workloads) {
        const before = old.workloads.find((x) => x.name === w.name);
        if (before && changed.has(w.name) && !WORKLOAD_TYPES[w.type].updatesInPlace)
          this.o.store.recordChange(d.contractId, w.name, before.version, 'deleted', 'recreated by update', now);
      }
    });
    this.schedule(d.contractId, stored, saved);
    await saved;
  }

  get(contractId: number): StoredDeployment | undefined {
    return this.current(contractId);
  }

  /** Removes every workload of a contract that ended on chain, in reverse install order. */
  async deprovision(contractId: number, reason: string): Promise<boolean> {
    // no waiting for provisioning in flight: it notices the removal and stops (a slow flist
    // download must not keep a cancelled contract's workloads around)
    const d = this.current(contractId);
    if (!d || d.workloads.every((w) => w.result?.state === 'deleted')) return false;
    const now = this.o.now();
    const order = [...d.workloads].sort((a, b) => installRank(b.type) - installRank(a.type));
    for (const w of order)
      w.result = { created: w.result?.created ?? now, state: 'deleted', message: reason, data: w.result?.data ?? '{}' };
    await this.save(
      d,
      order.map((w) => w.name),
    );
    this.o.log?.(`contract ${contractId}: workloads removed (${reason})`);
    return true;
  }

  async drain(): Promise<void> {
    this.stopped = true;
    await Promise.allSettled([...this.inFlight.values()]);
    await this.usage.flush();
  }

  /** GPUs and which contract holds each (0 = free), as zos.gpu.list answers. */
  gpuList(): { id: string; vendor: string; device: string; vram: number; contract: number }[] {
    const inUse = gpusInUse(this.live.values());
    return (this.o.gpus ?? []).map((g) => ({ ...g, contract: inUse.get(g.id) ?? 0 }));
  }

  /** As Zero-OS: "usage of GPU is not allowed unless node is rented" (by the deploying twin). */
  private async refuseGpusUnlessRented(d: node.Deployment__Output): Promise<void> {
    if (!gpusAsked(d.workloads).length) return;
    const rentedBy = Number((await this.o.chain.node(this.o.nodeId)).rentedByTwin);
    if (rentedBy === d.twinId) return;
    const now = rentedBy ? `is rented by twin ${rentedBy}` : 'is not rented';
    throw new NodeRefusal(
      'FAILED_PRECONDITION',
      `usage of GPU is not allowed unless node is rented: node ${this.o.nodeId} ${now}; ` +
        `twin ${d.twinId} needs a rent contract on it first (create_rent_contract on chain)`,
    );
  }

  /** Synchronous with admission, so two deployments never get the same GPU. */
  private refuseGpusTaken(d: node.Deployment__Output): void {
    const asked = gpusAsked(d.workloads);
    if (!asked.length) return;
    const refusal = gpuRefusal(this.o.nodeId, this.o.gpus ?? [], asked, gpusInUse(this.live.values()), d.contractId);
    if (refusal) throw new NodeRefusal('RESOURCE_EXHAUSTED', refusal);
  }

  private refuseIfPresent(contractId: number, ignoreAdmitting = false): void {
    if (this.live.has(contractId)) {
      throw new NodeRefusal('ALREADY_EXISTS', `node ${this.o.nodeId} already has a deployment for contract ${contractId}: use update`);
    }
    if (!ignoreAdmitting && this.admitting.has(contractId))
      throw new NodeRefusal('ALREADY_EXISTS', `a deployment for contract ${contractId} is being admitted already`);
  }

  private current(contractId: number): StoredDeployment | undefined {
    return this.live.get(contractId) ?? this.o.store.get(contractId);
  }

  /**
   * Persists the deployment and its changed workloads' state changes (as they are now, though the
   * commit comes at the end of this turn of the event loop); capacity is tracked at once.
   */
  private save(d: StoredDeployment, changedNames: string[], extra?: () => void): Promise<void> {
    this.track(d);
    if (d.workloads.every((w) => w.result?.state === 'deleted')) this.live.delete(d.contractId);
    else this.live.set(d.contractId, d);
    const now = this.o.now();
    const body = JSON.stringify(d);
    const deleted = !this.live.has(d.contractId);
    const changes = changedNames.flatMap((name) => {
      const w = d.workloads.find((x) => x.name === name);
      return w?.result ? [{ name: w.name, version: w.version, state: w.result.state, message: w.result.message }] : [];
    });
    return this.o.store.transactionSoon(() => {
      extra?.();
      this.o.store.putSerialized(d.contractId, d.twinId, d.version, body, deleted);
      for (const c of changes) this.o.store.recordChange(d.contractId, c.name, c.version, c.state, c.message, now);
    });
  }

  private track(d: StoredDeployment): void {
    const now = capacityOf(d.workloads.filter((w) => RESERVING.has(w.result?.state ?? '')));
    this.used = add(add(this.used, negate(this.reserved.get(d.contractId) ?? ZERO)), now);
    this.reserved.set(d.contractId, now);
  }

  private schedule(contractId: number, d: StoredDeployment, saved: Promise<void> = Promise.resolve()): void {
    const previous = this.inFlight.get(contractId) ?? Promise.resolve();
    const run = Promise.all([previous, saved])
      .then(() => this.provisionAll(d))
      .finally(() => {
        if (this.inFlight.get(contractId) === run) this.inFlight.delete(contractId);
      });
    this.inFlight.set(contractId, run);
  }

  private async provisionAll(d: StoredDeployment): Promise<void> {
    const pending = d.workloads.filter((w) => w.result?.state === 'init').sort((a, b) => installRank(a.type) - installRank(b.type));
    const reservedIps = d.reservedIps ?? [];
    for (const w of pending) {
      if (this.stopped) return;
      await new Promise((r) => setTimeout(r, this.timing.delayMs(w.type, parseData(w))));
      if (this.stopped) return;
      const current = this.current(d.contractId);
      if (!current || current.version !== d.version || current.workloads.find((x) => x.name === w.name)?.result?.state !== 'init') return;
      const type = WORKLOAD_TYPES[w.type];
      const previous = JSON.parse(w.result?.data || '{}') as Record<string, unknown>;
      let result: StoredDeployment['workloads'][number]['result'];
      try {
        const found = provisionContext(() => this.live.values(), this.o.nodeId, current, w.name, reservedIps, this.o.key.publicKey);
        const ctx = {
          ...found,
          previous,
          publicConfig: this.o.publicConfig ?? NO_PUBLIC_CONFIG,
          nameContract: (n: string) => this.nameContract(n),
        };
        const injected = this.faults.failure(w.name, w.type);
        if (injected) throw new ProvisionError(injected);
        const data = await type.provision(parseData(w), ctx, w.name);
        result = { created: this.o.now(), state: 'ok', message: '', data: JSON.stringify(data) };
      } catch (err) {
        if (!(err instanceof ProvisionError)) throw err;
        result = { created: this.o.now(), state: 'error', message: err.message, data: '{}' };
      }
      // the deployment may have been cancelled or updated while this workload provisioned
      const fresh = this.current(d.contractId);
      const target = fresh?.version === d.version ? fresh.workloads.find((x) => x.name === w.name) : undefined;
      if (!fresh || target?.result?.state !== 'init') return;
      target.result = result;
      await this.save(fresh, [w.name]);
    }
    await this.report(d.contractId);
  }

  /** Grace period on chain: running workloads are paused (kept, not running) until it ends. */
  async pause(contractId: number, reason: string): Promise<boolean> {
    return this.setRunning(contractId, 'ok', 'paused', reason);
  }

  /** The contract is paid for again: paused workloads run again. */
  async resumePaused(contractId: number, reason: string): Promise<boolean> {
    return this.setRunning(contractId, 'paused', 'ok', reason);
  }

  private async setRunning(contractId: number, from: string, to: string, reason: string): Promise<boolean> {
    await this.inFlight.get(contractId);
    const d = this.current(contractId);
    const hit = d?.workloads.filter((w) => w.result?.state === from) ?? [];
    if (!d || !hit.length) return false;
    for (const w of hit) w.result = { ...w.result!, state: to, message: reason };
    await this.save(
      d,
      hit.map((w) => w.name),
    );
    this.o.log?.(`contract ${contractId}: ${hit.length} workload(s) ${to} (${reason})`);
    return true;
  }

  private async nameContract(name: string): Promise<{ twinId: number; state: string } | undefined> {
    try {
      const id = await this.o.chain.contractIdByName(name);
      const c = await this.o.chain.contract(id);
      return { twinId: c.twinId, state: c.state };
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw new ProvisionError(`cannot check the name contract of ${name} on chain: ${(err as Error).message}`);
    }
  }

  /** Tells the chain what the contract uses now (ok and paused workloads). */
  private async report(contractId: number): Promise<void> {
    const d = this.current(contractId);
    if (!d) return;
    this.usage.report(contractId, capacityOf(d.workloads.filter((w) => w.result?.state === 'ok' || w.result?.state === 'paused')));
  }
}

/**
 * What each workload takes, by workload object: its type and data never change (an update brings
 * new objects), and capacity is counted at every save, which would parse every workload's data
 * again each time one of them changes state.
 */
const capacities = new WeakMap<node.Workload__Output, Capacity>();

function capacityOf(workloads: node.Workload__Output[]): Capacity {
  return workloads.reduce((sum, w) => add(sum, workloadCapacity(w)), ZERO);
}

function workloadCapacity(w: node.Workload__Output): Capacity {
  let c = capacities.get(w);
  if (!c) {
    c = WORKLOAD_TYPES[w.type]?.capacity(parseData(w)) ?? ZERO;
    capacities.set(w, c);
  }
  return c;
}

function negate(c: Capacity): Capacity {
  return { cru: -c.cru, mru: -c.mru, sru: -c.sru, hru: -c.hru, ipv4u: -c.ipv4u };
}
