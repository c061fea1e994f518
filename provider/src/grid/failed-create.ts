// A create that fails part-way may leave contracts behind: its own rollback cannot cancel them
// while the chain is unreachable, and it never learns of a contract whose creation reply was lost.
// Every contract a create makes carries the engine's idempotency key, so after a failure the
// provider settles the key as it would after a kill (adopt what is whole, cancel the rest). When
// even that cannot reach the chain, the failed object goes into the state (tainted, as terraform
// keeps a partial object) holding only the key: the next plan replaces it, and its delete settles
// the key then. So a failed create never leaves a contract billed that no state knows of.
import { isUnknown, warning, type ApplyResponse, type ObjectValue, type Value } from '../../../engine';
import type { GridResource } from '../resources/resource';
import type { GridContext } from './context';
import { failureDiagnostic } from './failure-diagnostic';
import { contractsWithKey, type Recovered } from './recovery';

/** The private data of a failed create's placeholder object: the key its contracts carry. */
interface FailedCreatePrivate {
  failedCreate: string;
}

export function failedCreateKey(priv: string | undefined): string | undefined {
  if (!priv) return undefined;
  try {
    const p = JSON.parse(priv) as Partial<FailedCreatePrivate> | null;
    return typeof p?.failedCreate === 'string' ? p.failedCreate : undefined;
  } catch {
    return undefined;
  }
}

/** Settles what a failed create made; the failure stays an error whatever is found. */
export async function settleFailedCreate(
  ctx: GridContext,
  recover: (ctx: GridContext, key: string) => Promise<Recovered>,
  planned: ObjectValue,
  key: string,
  failure: Error,
): Promise<ApplyResponse> {
  const failed = failureDiagnostic(failure, planned);
  try {
    const found = await recover(ctx, key);
    const notes = found.notes.map((n) => warning('What the failed create left', n));
    if (!found.state) return { newState: null, diagnostics: [failed, ...notes] };
    // whole despite the error: kept, tainted, so the next apply replaces it
    return { newState: found.state, private: found.private, diagnostics: [failed, ...notes] };
  } catch (settleErr) {
    const kept = warning(
      'The failed create is kept in the state, tainted',
      `What it made could not be looked up (${(settleErr as Error).message}). The next apply replaces it: its destroy cancels every ` +
        `contract made with this create's key (${key}), so nothing stays billed.`,
    );
    const priv: FailedCreatePrivate = { failedCreate: key };
    return { newState: withoutUnknowns(planned) as ObjectValue, private: JSON.stringify(priv), diagnostics: [failed, kept] };
  }
}

/** The destroy of a placeholder: whatever its key finds is cancelled (or, when whole, adopted then deleted). */
export async function deleteFailedCreate(ctx: GridContext, r: GridResource, key: string): Promise<void> {
  if (!r.recover) return;
  const found = await r.recover(ctx, key);
  if (found.state) await r.delete(ctx, found.state);
}

/** A placeholder exists while any contract carries its key; gone (null) once none does. */
export async function readFailedCreate(ctx: GridContext, key: string, state: ObjectValue): Promise<ObjectValue | null> {
  return (await contractsWithKey(ctx, key)).length ? state : null;
}

function withoutUnknowns(v: Value): Value {
  if (isUnknown(v)) return null;
  if (Array.isArray(v)) return v.map(withoutUnknowns);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, withoutUnknowns(x as Value)]));
  return v;
}
