// Folds a journal into the snapshot it was started on, and names what was in flight when it
// stopped: an intent with no recorded result may have happened in the world without reaching the
// state.
import { parseJournalLines } from './journal-lines';
import { objectKey, StateView, type StateFile } from './state';

export function replayJournal(snapshot: StateFile, lines: string[]): { state: StateFile; interrupted: string[]; applied: boolean } {
  const parsed = parseJournalLines(lines); // a torn last line ends it: the process died while writing it
  if ('problem' in parsed) throw new JournalDamage(parsed.problem);
  const entries = parsed.entries;
  const begin = entries[0];
  if (!begin || begin.t !== 'begin' || begin.lineage !== snapshot.lineage || begin.serial !== snapshot.serial) {
    // the journal belongs to an older snapshot (the crash came after the snapshot was written)
    return { state: snapshot, interrupted: [], applied: false };
  }
  const view = new StateView(snapshot);
  const pending = new Map<string, string>();
  for (const e of entries.slice(1)) {
    if (e.t === 'intent') pending.set(e.address, e.action);
    else if (e.t === 'set') {
      view.setInstance(e.meta, e.address, e.instance);
      pending.delete(e.address);
    } else if (e.t === 'remove') {
      view.removeInstance(e.address, e.deposed);
      pending.delete(objectKey(e.address, e.deposed));
    }
  }
  const interrupted = [...pending].map(([address, action]) => `${address}: ${action} was in progress when gridform stopped; the object may exist without being in the state.`);
  return { state: view.file, interrupted, applied: true };
}

/** A journal record that is not one (the message says which); the backend names the journal. */
export class JournalDamage extends Error {}
