// Folds a journal into the snapshot it was started on, and names what was in flight when it
// stopped: an intent with no recorded result may have happened in the world without reaching the
// state. A create whose intent carries an idempotency key can be asked about: its provider may
// find what it made (recoverCreates), so nothing is made twice or left behind.
import type { InterruptedCreate, JournalEntry, ReadOptions } from './backend';
import { parseJournalLines } from './journal-lines';
import { objectKey, StateView, type StateFile } from './state';

export interface Replayed {
  state: StateFile;
  /** sentences for what was in flight, except the creates below */
  interrupted: string[];
  /** creates in flight whose intent carries an idempotency key */
  creates: InterruptedCreate[];
  applied: boolean;
}

export function replayJournal(snapshot: StateFile, lines: string[]): Replayed {
  const parsed = parseJournalLines(lines); // a torn last line ends it: the process died while writing it
  if ('problem' in parsed) throw new JournalDamage(parsed.problem);
  const entries: JournalEntry[] = parsed.entries;
  const begin = entries[0];
  if (!begin || begin.t !== 'begin' || begin.lineage !== snapshot.lineage || begin.serial !== snapshot.serial) {
    // the journal belongs to an older snapshot (the crash came after the snapshot was written)
    return { state: snapshot, interrupted: [], creates: [], applied: false };
  }
  const view = new StateView(snapshot);
  const pending = new Map<string, Extract<JournalEntry, { t: 'intent' }>>();
  for (const e of entries.slice(1)) {
    if (e.t === 'intent') pending.set(e.address, e);
    else if (e.t === 'set') {
      view.setInstance(e.meta, e.address, e.instance);
      pending.delete(e.address);
    } else if (e.t === 'remove') {
      view.removeInstance(e.address, e.deposed);
      pending.delete(objectKey(e.address, e.deposed));
    }
  }
  const creates: InterruptedCreate[] = [];
  const interrupted: string[] = [];
  for (const [address, e] of pending) {
    if (e.action === 'create' && e.create?.idempotencyKey) creates.push({ address, ...e.create });
    else interrupted.push(interruptedSentence(address, e.action));
  }
  return { state: view.file, interrupted, creates, applied: true };
}

function interruptedSentence(address: string, action: string): string {
  return `${address}: ${action} was in progress when gridform stopped; the object may exist without being in the state.`;
}

/**
 * With `recover` and a recoverer, asks about the interrupted creates (recording what is found in
 * `replayed.state`); otherwise, or for those no provider can answer, names them as interrupted.
 */
export async function settleInterruptedCreates(
  replayed: Replayed,
  opts: ReadOptions,
): Promise<{ interrupted: string[]; recovered: string[] }> {
  const asSentences = (creates: InterruptedCreate[]) => creates.map((c) => interruptedSentence(c.address, 'create'));
  if (!replayed.creates.length) return { interrupted: replayed.interrupted, recovered: [] };
  if (!opts.recover || !opts.recoverCreates) {
    return { interrupted: [...replayed.interrupted, ...asSentences(replayed.creates)], recovered: [] };
  }
  const { recovered, unresolved } = await opts.recoverCreates(replayed.state, replayed.creates);
  return { interrupted: [...replayed.interrupted, ...asSentences(unresolved)], recovered };
}

/** A journal record that is not one (the message says which); the backend names the journal. */
export class JournalDamage extends Error {}
