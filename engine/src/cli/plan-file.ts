// Saved plans (-out): the plan, the configuration it was made from and the variable values, in
// one JSON file. Apply takes exactly these actions, and refuses the file when the state has
// moved since the plan was made.
import * as fs from 'node:fs';
import { error, type Diagnostic } from '../diagnostics';
import type { Plan } from '../plan/types';
import { isUnknown, Unknown, type Value } from '../values';

const FORMAT = 'gridform-plan';
const VERSION = 1;

export interface SavedPlan {
  readonly plan: Plan;
  readonly doc: unknown;
  readonly variables: ReadonlyMap<string, Value>;
  /** the stack folder the plan was made in */
  readonly stackDir: string;
}

const UNKNOWN_MARK = '$gridform.unknown';

export function writePlanFile(file: string, saved: SavedPlan): void {
  const body = { format: FORMAT, version: VERSION, stack_dir: saved.stackDir, variables: Object.fromEntries(saved.variables), configuration: saved.doc, plan: saved.plan };
  const text = JSON.stringify(body, (_k, v: unknown) => (isUnknown(v) ? { [UNKNOWN_MARK]: true } : v));
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, text);
  fs.renameSync(tmp, file);
}

export function readPlanFile(file: string): { saved?: SavedPlan; diagnostics: Diagnostic[] } {
  let body: { format?: string; version?: number; stack_dir: string; variables: Record<string, Value>; configuration: unknown; plan: Plan };
  try {
    body = JSON.parse(fs.readFileSync(file, 'utf8'), (_k, v: unknown) => (v && typeof v === 'object' && (v as Record<string, unknown>)[UNKNOWN_MARK] === true ? Unknown : v));
  } catch (err) {
    return { diagnostics: [error(`Cannot read the saved plan ${file}`, (err as Error).message)] };
  }
  if (body.format !== FORMAT) return { diagnostics: [error(`${file} is not a gridform saved plan`, 'Make one with "gridform plan -out=FILE".')] };
  if (body.version !== VERSION) return { diagnostics: [error(`${file} is a saved plan of format version ${body.version}`, `This gridform reads version ${VERSION}; make the plan again.`)] };
  return { saved: { plan: body.plan, doc: body.configuration, variables: new Map(Object.entries(body.variables)), stackDir: body.stack_dir }, diagnostics: [] };
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
