// The records of a journal, checked: a torn last line (the process died while writing it) ends the
// journal, but a damaged record before it, or a line that is JSON yet no record, is reported with
// its number, since what came after it cannot be trusted.
import type { JournalEntry } from './backend';
import { parseInstanceAddress } from '../addresses/address';
import { parseJsonKeepingDigits } from '../json-syntax';

const isString = (v: unknown) => typeof v === 'string';
const isObject = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const isAddress = (v: unknown) => typeof v === 'string' && parseInstanceAddress(v) !== undefined;
const isMeta = (m: unknown) =>
  isObject(m) && (m.mode === 'managed' || m.mode === 'data') && isString(m.type) && isString(m.name) && isString(m.provider);
const isInstance = (i: unknown) => isObject(i) && isObject(i.attributes);
const VALID: Record<string, (e: Record<string, unknown>) => boolean> = {
  begin: (e) => isString(e.lineage) && typeof e.serial === 'number',
  intent: (e) => isAddress(e.address) && isString(e.action),
  set: (e) => isMeta(e.meta) && isAddress(e.address) && isInstance(e.instance),
  remove: (e) => isAddress(e.address) && (e.deposed === undefined || isString(e.deposed)),
};

export function parseJournalLines(lines: string[]): { entries: JournalEntry[] } | { problem: string } {
  const numbered = lines.map((line, i) => ({ line, n: i + 1 })).filter((l) => l.line.trim());
  const entries: JournalEntry[] = [];
  for (const [i, { line, n }] of numbered.entries()) {
    let e: unknown;
    try {
      e = parseJsonKeepingDigits(line);
    } catch {
      if (i === numbered.length - 1) break; // torn last line
      return { problem: `record ${n} is not JSON` };
    }
    const r = e as Record<string, unknown>;
    const valid = isObject(e) && isString(r.t) && Object.hasOwn(VALID, r.t as string) && VALID[r.t as string](r);
    if (!valid) return { problem: `record ${n} is not a journal record` };
    entries.push(e as JournalEntry);
  }
  return { entries };
}

/** The error for a damaged journal at `where`, saying what to do. */
export function damagedJournal(where: string, problem: string): Error {
  return new Error(
    `The journal ${where} (the changes of an apply that stopped) is damaged: ${problem}. gridform cannot tell what that ` +
      'apply did from there on. Move it away and run again; objects it recorded are then missing from the state, and ' +
      '"gridform import" brings them back.',
  );
}
