// `moved` blocks at plan time: an object the state records at a block's `from` is moved to its
// `to` in the state the plan starts from, so it is kept rather than destroyed and made again.
// Each block applies at most once, in the order written, until none applies (so A -> B -> C
// chains end at C); the plan remembers each object's previous address to show the move.
import { warning, type Diagnostic } from '../diagnostics';
import { parseInstanceAddress } from '../addresses/address';
import type { MoveConfig } from '../config/types';
import { matchingInstances, moveObjects } from '../state/move';
import type { StateView } from '../state/state';

/** Moves in place in `state`; returns each moved object's address before this plan, by its new address. */
export function applyMoves(moves: readonly MoveConfig[], state: StateView): { previous: Map<string, string>; diagnostics: Diagnostic[] } {
  const previous = new Map<string, string>();
  const diagnostics: Diagnostic[] = [];
  const pending = new Set(moves);
  for (let progress = true; progress; ) {
    progress = false;
    for (const m of pending) {
      if (!matchingInstances(state, m.from).length) continue;
      pending.delete(m);
      const r = moveObjects(state, m.from, m.to);
      if (r.diagnostics.length) {
        const taken = matchingInstances(state, parseInstanceAddress(m.to)?.resource ?? m.to);
        diagnostics.push(warning('Unresolved resource instance address change', `The moved block from ${m.from} to ${m.to} was not applied: ${taken.length ? `${taken.join(', ')} already ${taken.length === 1 ? 'exists' : 'exist'} in the state` : r.diagnostics[0].detail}. Both objects are kept at their addresses.`));
        continue;
      }
      progress = true;
      for (const [from, to] of r.moved) {
        previous.set(to, previous.get(from) ?? from);
        previous.delete(from);
      }
    }
  }
  return { previous, diagnostics };
}
