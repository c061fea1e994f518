// Finding what a killed create made: every node contract a create makes carries the engine's
// idempotency key in its deployment_data, so this twin's live contracts with that key are it.
// A resource either adopts them (a state built from chain and node, as import does) or, when no
// coherent state can be built, cancels them all, so nothing is left billed and the plan creates
// the resource anew.
import type { ObjectValue } from '../../../engine';
import type { chain } from '../../../proto';
import type { GridContext } from './context';
import { cancelContract } from './node-deployment';

export type Contract = chain.Contract__Output;

/** What a resource made of an interrupted create: a state to record, or null; notes say what was done. */
export interface Recovered {
  state: ObjectValue | null;
  private?: string;
  notes: string[];
}

/** This twin's live node contracts whose deployment_data carries `key`, oldest first. */
export async function contractsWithKey(ctx: GridContext, key: string): Promise<Contract[]> {
  const all = await ctx.chain.contracts({ twinId: ctx.twinId, type: 'node' });
  return all.filter((c) => c.state !== 'Deleted' && keyOf(c.deploymentData) === key).sort((a, b) => Number(a.id) - Number(b.id));
}

/** The metadata a create wrote into deployment_data (type, name, projectName, key), or {}. */
export function metadataOf(deploymentData: string): { type?: string; name?: string; projectName?: string; key?: string } {
  try {
    const m = JSON.parse(deploymentData || '{}') as unknown;
    return m && typeof m === 'object' ? (m as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function keyOf(deploymentData: string): string | undefined {
  return metadataOf(deploymentData).key;
}

/** "12 (node 1), 13 (node 2)": contracts as the notes name them. */
export function listOf(contracts: Contract[]): string {
  return contracts.map((c) => `${c.id} (node ${c.nodeId})`).join(', ');
}

/** Cancels every contract (their public IPs go back to the farm) and says so. */
export async function cancelAll(ctx: GridContext, contracts: Contract[], why: string): Promise<Recovered> {
  for (const c of contracts) await cancelContract(ctx, Number(c.id));
  if (!contracts.length) return { state: null, notes: [] };
  const list = listOf(contracts);
  const plural = contracts.length > 1 ? 's' : '';
  const note = `cancelled contract${plural} ${list}, which an interrupted apply created (${why}); the next apply creates it anew`;
  return { state: null, notes: [note] };
}

/** The deployment the node holds for the contract, when every workload got there (none in error or deleted). */
export async function deployedOn(ctx: GridContext, c: Contract): Promise<boolean> {
  const d = await (await ctx.node(Number(c.nodeId))).get(ctx.twinId, Number(c.id)).catch(() => undefined);
  return !!d && d.workloads.length > 0 && d.workloads.every((w) => w.result?.state !== 'error' && w.result?.state !== 'deleted');
}

export function adoptedNote(contracts: Contract[]): string {
  const list = contracts.map((c) => `${c.id} on node ${c.nodeId}`).join(', ');
  return `adopted contract${contracts.length > 1 ? 's' : ''} ${list}, which an interrupted apply created`;
}
