// Reading a state document someone else may have damaged: what is wrong with it, in words, so the
// error can name the file and say what to do instead of failing later on a missing field.
import type { StateFile } from './state';

/** Parses `text` as a v4 state; `problem` says what is wrong (a phrase such as "is not JSON (...)"). */
export function parseState(text: string): { state: StateFile } | { problem: string } {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { problem: `is not JSON (${(err as Error).message})` };
  }
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return { problem: 'holds JSON, but not a state object' };
  const s = doc as Record<string, unknown>;
  if (s.version !== 4) return { problem: `has state format version ${JSON.stringify(s.version)}; gridform reads version 4` };
  if (typeof s.serial !== 'number') return { problem: 'has no serial number' };
  if (typeof s.lineage !== 'string') return { problem: 'has no lineage' };
  if (!Array.isArray(s.resources)) return { problem: 'has no resources list' };
  const isResource = (r: Record<string, unknown> | null) =>
    !!r && typeof r === 'object' && typeof r.type === 'string' && typeof r.name === 'string' && Array.isArray(r.instances);
  const bad = s.resources.findIndex((r) => !isResource(r));
  if (bad >= 0) return { problem: `has a resource (number ${bad + 1}) without type, name or instances` };
  return { state: doc as StateFile };
}

/** What to do about a damaged state, for the end of the message. */
export const DAMAGED_STATE_ADVICE =
  'Restore it from a backup or from version control; or, if it is beyond repair, move it away and run again: ' +
  'gridform then starts from an empty state, and "gridform import" brings back the objects it no longer knows.';
