// Saved plans (-out): the plan, the configuration it was made from and the variable values, in
// one file. Apply takes exactly these actions, and refuses the file when it was changed after it
// was written, when it was made for another stack or workspace, or when the state has moved
// since the plan was made. The file holds the provider configuration (a mnemonic, say), so it is
// written for its owner only.
import * as fs from 'node:fs';
import { createHash } from 'node:crypto';
import { error, warning, type Diagnostic } from '../diagnostics';
import type { Plan } from '../plan/types';
import type { StateFile } from '../state/state';
import { isUnknown, Unknown, type Value } from '../values';
import { looseModeWarning, SECRET_FILE_MODE } from '../state/file-modes';
import { planBodyProblem } from './plan-file-shape';
import { parseJsonKeepingDigits, stringifyJson } from '../json-syntax';

const FORMAT = 'gridform-plan';
const VERSION = 2;
const UNKNOWN_MARK = '$gridform.unknown';

/** Where a plan was made: apply refuses it anywhere else. */
export interface PlanOrigin {
  /** the stack folder the plan was made in */
  readonly stackDir: string;
  /** the stack's name (its folder's name), compared on apply so another checkout still works */
  readonly stackName: string;
  readonly workspace: string;
  /** the state the plan was made against; null when there was none yet */
  readonly priorState: { readonly lineage: string; readonly serial: number; readonly sha256: string } | null;
}

export interface SavedPlan {
  readonly plan: Plan;
  readonly doc: unknown;
  readonly variables: ReadonlyMap<string, Value>;
  readonly origin: PlanOrigin;
}

/** The digest of a state as stored: two states with the same digest are the same state. */
export function stateDigest(state: StateFile): string {
  return sha256(stringifyJson(state));
}

/**
 * Line 1 is a header with the format, its version and the SHA-256 of the rest of the file; the
 * rest is the plan as JSON. A file edited after it was written no longer matches its header.
 */
export function writePlanFile(file: string, saved: SavedPlan): void {
  const body = {
    origin: saved.origin,
    variables: Object.fromEntries(saved.variables),
    configuration: saved.doc,
    plan: saved.plan,
  };
  const payload = stringifyJson(body, undefined, (_k, v: unknown) => (isUnknown(v) ? { [UNKNOWN_MARK]: true } : v));
  const header = JSON.stringify({ format: FORMAT, version: VERSION, sha256: sha256(payload) });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${header}\n${payload}`, { mode: SECRET_FILE_MODE });
  fs.renameSync(tmp, file);
}

export function readPlanFile(file: string): { saved?: SavedPlan; diagnostics: Diagnostic[] } {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    return { diagnostics: [error(`Cannot read the saved plan ${file}`, (err as Error).message)] };
  }
  const diagnostics: Diagnostic[] = [];
  const loose = looseModeWarning(file, 'a saved plan (it holds the provider configuration)');
  if (loose) diagnostics.push(warning(loose.summary, loose.detail));
  const newline = text.indexOf('\n');
  const header = parseObject(newline < 0 ? text : text.slice(0, newline));
  const remake = 'Make the plan again with "gridform plan -out=FILE".';
  if (!header || header.format !== FORMAT) {
    return { diagnostics: [error(`${file} is not a gridform saved plan`, 'Make one with "gridform plan -out=FILE".')] };
  }
  if (header.version !== VERSION) {
    const detail = `This gridform reads version ${VERSION}. ${remake}`;
    return { diagnostics: [error(`${file} is a saved plan of format version ${JSON.stringify(header.version)}`, detail)] };
  }
  const payload = newline < 0 ? '' : text.slice(newline + 1);
  if (header.sha256 !== sha256(payload)) {
    const detail = `Its content no longer matches the checksum written with it, so it is not the plan that was reviewed. ${remake}`;
    return { diagnostics: [error(`The saved plan ${file} was changed after it was written`, detail)] };
  }
  const body = parseObject(payload, (_k, v: unknown) => (isUnknownMark(v) ? Unknown : v));
  const shapeError = body && planBodyProblem(body);
  if (!body || shapeError) {
    return { diagnostics: [error(`The saved plan ${file} is malformed`, `${shapeError ?? 'It is not JSON.'} ${remake}`)] };
  }
  const saved: SavedPlan = {
    plan: body.plan as Plan,
    doc: body.configuration,
    variables: new Map(Object.entries(body.variables as Record<string, Value>)),
    origin: body.origin as PlanOrigin,
  };
  return { saved, diagnostics };
}

/** Whether a file looks like a saved plan (so `apply FILE` and `show FILE` can tell it from a folder). */
export function isPlanFile(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64);
    fs.readSync(fd, buf, 0, 64, 0);
    fs.closeSync(fd);
    return buf.toString('utf8').startsWith(`{"format":"${FORMAT}"`);
  } catch {
    return false;
  }
}

function parseObject(text: string, reviver?: (k: string, v: unknown) => unknown): Record<string, unknown> | undefined {
  try {
    const v = parseJsonKeepingDigits(text, reviver);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function isUnknownMark(v: unknown): boolean {
  return !!v && typeof v === 'object' && (v as Record<string, unknown>)[UNKNOWN_MARK] === true;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
