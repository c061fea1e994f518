// The flow of one node deployment, as the real grid clients do it: build the deployment, hash it,
// create the node contract with that hash (reserving public IPs), sign, send it to the node, and
// wait until every workload is ok. Any failure cancels the contract, so nothing is left behind.
import { deploymentHashHex, signDeployment, type node } from '../../../proto';
import type { GridContext } from './context';

export interface DeploymentSpec {
  nodeId: number;
  workloads: node.Workload[];
  publicIps: number;
  /** stored on chain as deployment_data (<= 512 bytes) */
  metadata: { type: string; name: string; projectName: string };
}

export class GridError extends Error {}

export function buildDeployment(ctx: GridContext, spec: DeploymentSpec, version = 0): node.Deployment {
  return {
    version,
    twinId: ctx.twinId,
    contractId: 0,
    metadata: JSON.stringify(spec.metadata),
    description: '',
    expiration: 0,
    signatureRequirement: { requests: [{ twinId: ctx.twinId, required: false, weight: 1 }], weightRequired: 1, signatures: [], signatureStyle: '' },
    workloads: spec.workloads,
  };
}

export async function createNodeDeployment(ctx: GridContext, spec: DeploymentSpec): Promise<node.Deployment__Output> {
  const d = buildDeployment(ctx, spec);
  const hash = deploymentHashHex(d);
  let contractId: number;
  try {
    const r = await ctx.chain.submit(ctx.key, { createNodeContract: { nodeId: spec.nodeId, deploymentHash: hash, deploymentData: d.metadata ?? '', publicIps: spec.publicIps } });
    contractId = r.createdIds[0];
  } catch (err) {
    throw new GridError(`creating the node contract on node ${spec.nodeId} failed: ${(err as Error).message}`);
  }
  try {
    d.contractId = contractId;
    signDeployment(d, ctx.twinId, ctx.key);
    const node = await ctx.node(spec.nodeId);
    try {
      await node.deploy(d);
    } catch (err) {
      throw new GridError(`node ${spec.nodeId} refused the deployment of contract ${contractId}: ${(err as Error).message}`);
    }
    return await waitReady(ctx, spec.nodeId, contractId, 0);
  } catch (err) {
    await cancelContract(ctx, contractId).catch((cancelErr: Error) => {
      (err as Error).message += ` (and cancelling contract ${contractId} failed too: ${cancelErr.message}; cancel it by hand)`;
    });
    throw err;
  }
}

export async function cancelContract(ctx: GridContext, contractId: number): Promise<void> {
  const c = await ctx.chain.contract(contractId);
  if (c.state === 'Deleted') return;
  await ctx.chain.submit(ctx.key, { cancelContract: { contractId } });
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
      if (state === 'deleted' || state === 'paused') throw new GridError(`workload ${w.name} on node ${nodeId} is ${state}: ${w.result?.message || 'contract ended'}`);
      if (state !== 'ok' || d.version < version) pending.push(w.name);
    }
    if (!pending.length) return d;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new GridError(`timed out after ${Math.round(ctx.timeoutMs / 1000)}s waiting for workloads ${pending.join(', ')} of contract ${contractId} on node ${nodeId}; raise timeout_seconds in the provider if the node is slow`);
}

export function resultOf(d: node.Deployment__Output, name: string): Record<string, unknown> {
  const w = d.workloads.find((x) => x.name === name);
  try {
    return JSON.parse(w?.result?.data || '{}') as Record<string, unknown>;
  } catch {
    return {};
  }
}
