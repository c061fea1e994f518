// The flow of one node deployment, as the real grid clients do it: build the deployment, hash it,
// create the node contract with that hash (reserving public IPs), sign, send it to the node, and
// wait until every workload is ok. Any failure cancels the contract, so nothing is left behind.
// A create carries the engine's idempotency key in the contract's deployment_data, so what a
// killed run made can be found again (see recovery.ts).
import { RpcError, deploymentHashHex, signDeployment, type chain, type node } from '../../../proto';
import type { GridContext } from './context';
import { preflight, requireUp } from './preflight';
import { GridError } from './grid-error';
import { metadataOf } from './recovery';

export interface DeploymentSpec {
  nodeId: number;
  workloads: node.Workload[];
  publicIps: number;
  /** stored on chain as deployment_data (<= 512 bytes); `key` is the create's idempotency key */
  metadata: { type: string; name: string; projectName: string; key?: string };
  /** a name contract to create with the node contract, in one batch (both or neither) */
  nameContract?: string;
}

export { GridError };

export function buildDeployment(ctx: GridContext, spec: DeploymentSpec, version = 0): node.Deployment {
  return {
    version,
    twinId: ctx.twinId,
    contractId: 0,
    metadata: JSON.stringify(spec.metadata),
    description: '',
    expiration: 0,
    signatureRequirement: {
      requests: [{ twinId: ctx.twinId, required: false, weight: 1 }],
      weightRequired: 1,
      signatures: [],
      signatureStyle: '',
    },
    workloads: spec.workloads,
  };
}

export async function createNodeDeployment(ctx: GridContext, spec: DeploymentSpec): Promise<node.Deployment__Output> {
  await preflight(ctx, spec.nodeId, spec.workloads, spec.publicIps);
  const d = buildDeployment(ctx, spec);
  const hash = deploymentHashHex(d);
  const { contractIds, adopted } = await createContracts(ctx, spec, hash, d.metadata ?? '');
  const contractId = contractIds[contractIds.length - 1];
  try {
    d.contractId = contractId;
    signDeployment(d, ctx.twinId, ctx.key);
    const node = await ctx.node(spec.nodeId);
    // an adopted contract (same hash, so the same deployment) may be on the node already
    const there = adopted ? await node.get(ctx.twinId, contractId).catch(() => undefined) : undefined;
    try {
      if (!there) await node.deploy(d);
    } catch (err) {
      if (err instanceof RpcError && err.unavailable) throw err; // not refused: unreachable, and the error says so
      throw new GridError(`node ${spec.nodeId} refused the deployment of contract ${contractId}: ${(err as Error).message}`);
    }
    return await waitReady(ctx, spec.nodeId, contractId, 0);
  } catch (err) {
    for (const id of [...contractIds].reverse()) {
      await cancelContract(ctx, id).catch((cancelErr: Error) => {
        (err as Error).message += ` (and cancelling contract ${id} failed too: ${cancelErr.message}; cancel it by hand)`;
      });
    }
    throw err;
  }
}

/**
 * Creates the node contract (after the name contract, in one batch, when there is one). A live
 * contract of this twin with the same hash on the node is this very deployment, made by a run whose
 * record was lost: it is adopted instead of failing on the chain's unique (node, hash).
 */
async function createContracts(
  ctx: GridContext,
  spec: DeploymentSpec,
  hash: string,
  deploymentData: string,
): Promise<{ contractIds: number[]; adopted: boolean }> {
  const nodeCall: chain.Call = {
    createNodeContract: { nodeId: spec.nodeId, deploymentHash: hash, deploymentData, publicIps: spec.publicIps },
  };
  try {
    const ownName = spec.nameContract ? await ownUnusedNameContract(ctx, spec.nameContract) : undefined;
    if (spec.nameContract && !ownName) {
      const r = await ctx.chain.submit(ctx.key, { batchAll: { calls: [{ createNameContract: { name: spec.nameContract } }, nodeCall] } });
      return { contractIds: r.createdIds.map(Number), adopted: false };
    }
    const nodeContract = Number((await ctx.chain.submit(ctx.key, nodeCall)).createdIds[0]);
    // a reused name contract goes with the node contract if the create fails, as a batch's would
    return { contractIds: ownName ? [ownName, nodeContract] : [nodeContract], adopted: false };
  } catch (err) {
    const clash = !spec.nameContract && /already has deployment hash/.test((err as Error).message);
    const mine = clash ? await ownLiveContractWithHash(ctx, spec.nodeId, hash) : undefined;
    if (mine) return { contractIds: [mine], adopted: true };
    const nodeContract = `the node contract on node ${spec.nodeId}`;
    const what = spec.nameContract ? `the name contract for ${JSON.stringify(spec.nameContract)} and ${nodeContract}` : nodeContract;
    throw new GridError(`creating ${what} failed: ${(err as Error).message}`);
  }
}

/**
 * This twin's live name contract for `name` when no live gateway of this twin uses it: what a
 * destroy killed between the gateway's two cancellations leaves. The name is the twin's already,
 * so the new gateway takes it (as the ThreeFold tools reuse a twin's own name contract).
 */
async function ownUnusedNameContract(ctx: GridContext, name: string): Promise<number | undefined> {
  const id = Number(await ctx.chain.contractIdByName(name).catch(() => 0));
  if (!id) return undefined;
  const c = await ctx.chain.contract(id);
  if (c.twinId !== ctx.twinId || c.state === 'Deleted') return undefined;
  const gateways = await ctx.chain.contracts({ twinId: ctx.twinId, type: 'node' });
  const usesName = (g: chain.Contract__Output) => {
    const m = metadataOf(g.deploymentData);
    return g.state !== 'Deleted' && m.type === 'gateway' && m.name === name;
  };
  const user = gateways.find(usesName);
  if (!user) return id;
  throw new GridError(`the name ${JSON.stringify(name)} is already used by your gateway in contract ${user.id} on node ${user.nodeId}`);
}

async function ownLiveContractWithHash(ctx: GridContext, nodeId: number, hash: string): Promise<number | undefined> {
  const id = Number(await ctx.chain.contractIdByNodeHash(nodeId, hash).catch(() => 0));
  if (!id) return undefined;
  const c = await ctx.chain.contract(id);
  return c.twinId === ctx.twinId && c.state !== 'Deleted' ? id : undefined;
}

/**
 * Updates a live deployment, as the real clients do: workloads whose content changed (or are new)
 * get the new version, the others keep theirs; the contract takes the new hash first, then the
 * node the signed deployment; then every workload must be ok at the new version. On failure the
 * previous workloads are put back the same way, so the contract and the node end as they were.
 */
export async function updateNodeDeployment(
  ctx: GridContext,
  nodeId: number,
  contractId: number,
  spec: Omit<DeploymentSpec, 'nodeId' | 'publicIps'>,
): Promise<node.Deployment__Output> {
  await requireUp(ctx, nodeId);
  const client = await ctx.node(nodeId);
  const old = await client.get(ctx.twinId, contractId);
  await preflight(ctx, nodeId, spec.workloads, 0, old.workloads);
  const send = async (workloads: node.Workload[], from: node.Deployment__Output): Promise<node.Deployment__Output> => {
    const version = from.version + 1;
    const d = buildDeployment(ctx, { ...spec, nodeId, publicIps: 0, workloads: versioned(workloads, from, version) }, version);
    d.contractId = contractId;
    try {
      await ctx.chain.submit(ctx.key, {
        updateNodeContract: { contractId, deploymentHash: deploymentHashHex(d), deploymentData: d.metadata ?? '' },
      });
    } catch (err) {
      throw new GridError(`updating contract ${contractId} with the new deployment hash failed: ${(err as Error).message}`);
    }
    signDeployment(d, ctx.twinId, ctx.key);
    try {
      await client.update(d);
    } catch (err) {
      if (err instanceof RpcError && err.unavailable) throw err; // not refused: unreachable, and the error says so
      throw new GridError(`node ${nodeId} refused the update of contract ${contractId}: ${(err as Error).message}`);
    }
    return waitReady(ctx, nodeId, contractId, version);
  };
  try {
    return await send(spec.workloads, old);
  } catch (err) {
    try {
      const now = await client.get(ctx.twinId, contractId);
      await send(
        old.workloads.map(({ result: _result, ...w }) => w),
        now,
      );
      (err as Error).message += ` (the deployment was put back as it was)`;
    } catch (rollbackErr) {
      (err as Error).message += ` (and putting the previous deployment back failed: ${(rollbackErr as Error).message})`;
    }
    throw err;
  }
}

/** The workloads at `version` where they differ from the deployment `from`, else at their old version. */
function versioned(workloads: node.Workload[], from: node.Deployment__Output, version: number): node.Workload[] {
  return workloads.map((w) => {
    const before = from.workloads.find((x) => x.name === w.name);
    const same =
      before &&
      before.type === w.type &&
      before.data === w.data &&
      (before.description ?? '') === (w.description ?? '') &&
      (before.metadata ?? '') === (w.metadata ?? '');
    return { ...w, version: same ? before.version : version };
  });
}

export async function cancelContract(ctx: GridContext, contractId: number): Promise<void> {
  const c = await ctx.reads.contract(contractId);
  if (c.state === 'Deleted') return;
  await ctx.chain.submit(ctx.key, { cancelContract: { contractId } });
}

/**
 * Cancels the contracts that are still live, all in one extrinsic (a batch, as the ThreeFold
 * clients cancel several contracts) instead of one block each. A batch is all or none: when the
 * chain refuses it (a contract ended meanwhile), they are cancelled one by one, as before.
 */
export async function cancelContracts(ctx: GridContext, contractIds: readonly number[]): Promise<void> {
  const found = await Promise.all(contractIds.map((id) => ctx.reads.contract(Number(id))));
  const live = found.filter((c) => c.state !== 'Deleted').map((c) => Number(c.id));
  if (live.length > 1) {
    const calls = live.map((contractId) => ({ cancelContract: { contractId } }));
    const cancelled = await ctx.chain.submit(ctx.key, { batchAll: { calls } }).then(
      () => true,
      () => false,
    );
    if (cancelled) return;
  }
  for (const id of live) await cancelContract(ctx, id);
}

/** Polls the node until every workload of the deployment is ok at `version` or later. */
export async function waitReady(ctx: GridContext, nodeId: number, contractId: number, version: number): Promise<node.Deployment__Output> {
  const node = await ctx.node(nodeId);
  const deadline = Date.now() + ctx.timeoutMs;
  let pending: string[] = [];
  while (Date.now() < deadline) {
    const d = await node.get(ctx.twinId, contractId);
    pending = [];
    for (const w of d.workloads) {
      const state = w.result?.state;
      if (state === 'error') throw new GridError(`workload ${w.name} (${w.type}) failed on node ${nodeId}: ${w.result?.message}`);
      if (state === 'deleted' || state === 'paused')
        throw new GridError(`workload ${w.name} on node ${nodeId} is ${state}: ${w.result?.message || 'contract ended'}`);
      if (state !== 'ok' || d.version < version) pending.push(w.name);
    }
    if (!pending.length) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new GridError(
    `timed out after ${Math.round(ctx.timeoutMs / 1000)}s waiting for workloads ${pending.join(', ')} ` +
      `of contract ${contractId} on node ${nodeId}; ` +
      `raise timeout_seconds in the provider if the node is slow`,
  );
}

export function resultOf(d: node.Deployment__Output, name: string): Record<string, unknown> {
  const w = d.workloads.find((x) => x.name === name);
  try {
    return JSON.parse(w?.result?.data || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}
