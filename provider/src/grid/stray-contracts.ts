// What a killed update left: an update that adds nodes to a network or a cluster creates contracts
// before the state can list them. Every contract an update writes carries the resource's own key
// (derived from its id) in its deployment_data, so a live contract with that key that the state
// does not list is one a killed update made. It is cancelled (its workloads leave the node and it
// is billed no more); the next apply adds the node again, as the configuration still asks.
import type { GridContext } from './context';
import type { GraceNotes } from './grace-notes';
import { cancelContract } from './node-deployment';
import { contractsWithKey, listOf, type Contract } from './recovery';

/** The key every update of a resource writes into its contracts. */
export function ownerKey(kind: 'network' | 'kubernetes', resourceId: string): string {
  return `${kind}:${resourceId}`;
}

/** Live contracts with the resource's key that `listed` does not name: made by a killed update. */
export async function strayContracts(ctx: GridContext, key: string, listed: number[]): Promise<Contract[]> {
  const known = new Set(listed.map(Number));
  return (await contractsWithKey(ctx, key)).filter((c) => !known.has(Number(c.id)));
}

/** Cancels the strays of a resource; returns what it did, for a warning (empty when none). */
export async function cancelStrays(ctx: GridContext, key: string, listed: number[]): Promise<string> {
  const strays = await strayContracts(ctx, key, listed);
  for (const c of strays) await cancelContract(ctx, Number(c.id));
  if (!strays.length) return '';
  const list = listOf(strays);
  const plural = strays.length > 1 ? 's' : '';
  return `Cancelled contract${plural} ${list}, which an interrupted update created; the next apply adds what the configuration asks again.`;
}

/** In a read: strays are cancelled and the user hears of it as a warning. */
export async function cancelStraysSeen(ctx: GridContext, key: string, listed: number[], notes: GraceNotes): Promise<void> {
  const done = await cancelStrays(ctx, key, listed);
  if (done) notes.note('Contracts of an interrupted update cancelled', done);
}
