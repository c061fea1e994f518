// What a chaos trial is given and what it answers, and the steps trials share: apply, destroy,
// the one re-apply and the checks after it and after destroy.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { agreement, converged, lostEntries, nothingLeft, pullState, runProblem, type StateFile } from './checks';
import type { LocalGrid } from './grid';
import { gridform, type KillAt, type RunOptions, type RunResult } from './processes';
import type { Rng } from './rng';
import type { Backend } from './stacks';

export interface ChaosOptions {
  seed: number;
  /** terraform_data objects in the data stacks */
  dataCount: number;
  /** seconds the chain stays down in chain-outage trials */
  outageSeconds: number;
  /** nodes of each grid */
  nodes: number;
  /** concurrent applies in the concurrent trials */
  concurrency: number;
}

export interface TrialContext {
  kind: string;
  trial: number;
  rng: Rng;
  opts: ChaosOptions;
  /** this trial's folder: stack folders and the output of every command run */
  dir: string;
  /** a short tag unique in the run, for names held on the chain */
  tag: string;
  grid?: LocalGrid;
  /** pg connection string, for kinds on the pg backend */
  pg?: string;
  /** what was inflicted, for the report (set by the trial as it goes) */
  inflicted: string[];
  /** set when the trial's watchdog stopped it: no further command starts */
  aborted?: boolean;
}

/** A kind of trial: set up, inflict, re-apply once, check, destroy, check; answers the problems found. */
export interface Kind {
  name: string;
  /** what it inflicts, for --help */
  about: string;
  needsGrid: boolean;
  needsPg: boolean;
  /** a failed trial leaves the grid itself suspect (a daemon restarted, a storm): the next trial gets a new grid */
  freshGridAfterFailure?: boolean;
  run(t: TrialContext): Promise<string[]>;
}

/** A failure of the harness itself (not of gridform): reported apart from failed trials. */
export class HarnessError extends Error {}

export function backendFor(t: TrialContext, kind: 'local' | 'pg', folder = 'stack'): Backend {
  if (kind === 'local') return { type: 'local' };
  if (!t.pg) throw new HarnessError('a pg trial ran without a PostgreSQL cluster');
  return { type: 'pg', connStr: t.pg, schemaName: `chaos_${t.tag}_${folder}`.replace(/[^a-z0-9_]/g, '_') };
}

export function cli(t: TrialContext, folder: string, args: string[], name: string, extra: Partial<RunOptions> = {}): Promise<RunResult> {
  if (t.aborted) throw new HarnessError(`${t.kind} #${t.trial} was stopped by its watchdog`);
  const cwd = path.join(t.dir, folder);
  if (!fs.existsSync(path.join(cwd, 'cdk.tf.json'))) throw new HarnessError(`no stack in ${cwd}`);
  const home = t.grid?.home ?? path.join(t.dir, 'no-grid');
  return gridform(args, { cwd, home, timeoutMs: 180_000, logPrefix: path.join(t.dir, 'logs', name), ...extra });
}

export const apply = (t: TrialContext, folder: string, name: string, extra: Partial<RunOptions> = {}) =>
  cli(t, folder, ['apply', '-auto-approve', '-no-color', '-input=false'], name, extra);
export const destroy = (t: TrialContext, folder: string, name: string, extra: Partial<RunOptions> = {}) =>
  cli(t, folder, ['destroy', '-auto-approve', '-no-color', '-input=false'], name, extra);

/** A random progress point: after a delay or after a number of progress lines. */
/**
 * Half the time a moment in ms (it may fall before any progress line: while the CLI plans or writes
 * state), chosen within the run's expected length so that it lands; else a progress line.
 */
export function killPoint(t: TrialContext, progressLines: number, expectedMs: number): KillAt {
  if (t.rng.next() < 0.5) return { afterMs: t.rng.int(600, Math.max(700, Math.round(expectedMs * 0.9))) };
  return { afterProgressLines: t.rng.int(1, Math.max(1, progressLines - 1)) };
}

export function describeKill(at: KillAt, r: RunResult): string {
  const point = 'afterMs' in at ? `after ${at.afterMs} ms` : `after ${at.afterProgressLines} progress lines`;
  if (r.killedAtLines === undefined) return `kill ${point} came too late: the run ended first (exit ${r.code})`;
  return `SIGKILL ${point} (${r.killedAtLines} progress lines printed)`;
}

/** After an inflicted run: every object it printed as created is in the state. */
export async function checkNothingLost(t: TrialContext, folder: string, run: RunResult, when: string): Promise<string[]> {
  const { state, problem } = await pullState(
    path.join(t.dir, folder),
    homeOf(t),
    path.join(t.dir, 'logs', `state-${when.replace(/\W+/g, '-')}`),
  );
  if (!state) return [`after ${when}: ${problem}`];
  return lostEntries(run.stdout, state, when);
}

const homeOf = (t: TrialContext) => t.grid?.home ?? path.join(t.dir, 'no-grid');

/**
 * The end every trial shares: the one re-apply of each folder, then converged, nothing lost,
 * state/chain/nodes agree; destroy; nothing left.
 */
export async function reapplyCheckDestroy(t: TrialContext, folders: string[], o: { maxReapplyMs?: number } = {}): Promise<string[]> {
  const problems: string[] = [];
  // one after the other: what is inflicted is the fault or the concurrency before, not this
  const reapplies: RunResult[] = [];
  for (const f of folders) reapplies.push(await apply(t, f, `reapply-${f}`));
  reapplies.forEach((r, i) => r.code !== 0 && problems.push(runProblem(`the re-apply${folders.length > 1 ? ` of ${folders[i]}` : ''}`, r)));
  const slowest = Math.max(...reapplies.map((r) => r.ms));
  t.inflicted.push(`re-apply took ${(slowest / 1000).toFixed(1)}s`);
  if (o.maxReapplyMs && slowest > o.maxReapplyMs)
    problems.push(`the re-apply took ${(slowest / 1000).toFixed(1)}s (at most ${o.maxReapplyMs / 1000}s)`);
  const states: StateFile[] = [];
  for (const [i, f] of folders.entries()) {
    const which = folders.length > 1 ? `${f}: ` : '';
    problems.push(...(await converged(path.join(t.dir, f), homeOf(t), path.join(t.dir, 'logs', `plan-${f}`))).map((p) => which + p));
    const { state, problem } = await pullState(path.join(t.dir, f), homeOf(t), path.join(t.dir, 'logs', `state-reapplied-${f}`));
    if (!state) {
      problems.push(`${which}after the re-apply: ${problem}`);
      continue;
    }
    states.push(state);
    problems.push(...lostEntries(reapplies[i].stdout, state, 'by the re-apply').map((p) => which + p));
  }
  if (t.grid) problems.push(...(await readingGrid('state, chain and nodes', () => agreement(t.grid!, states))));
  const destroys = await Promise.all(folders.map((f) => destroy(t, f, `destroy-${f}`)));
  destroys.forEach((r, i) => r.code !== 0 && problems.push(runProblem(`the destroy${folders.length > 1 ? ` of ${folders[i]}` : ''}`, r)));
  const after: StateFile[] = [];
  for (const f of folders) {
    const { state, problem } = await pullState(path.join(t.dir, f), homeOf(t), path.join(t.dir, 'logs', `state-destroyed-${f}`));
    if (state) after.push(state);
    else problems.push(`after destroy: ${problem}`);
  }
  if (t.grid) problems.push(...(await readingGrid('what destroy left', () => nothingLeft(t.grid!, after))));
  else problems.push(...(await nothingLeftInState(after)));
  return problems;
}

async function nothingLeftInState(states: StateFile[]): Promise<string[]> {
  const n = states.reduce(
    (sum, s) => sum + (s.resources ?? []).filter((r) => r.mode === 'managed').reduce((k, r) => k + r.instances.length, 0),
    0,
  );
  return n ? [`${n} object(s) still in the state after destroy`] : [];
}

/** A check that reads the grid: a chain or node that does not answer is a failure of the grid, not of the harness. */
export async function readingGrid(what: string, check: () => Promise<string[]>): Promise<string[]> {
  try {
    return await check();
  } catch (e) {
    return [`could not check ${what}: the grid did not answer: ${(e as Error).message.split('\n')[0]}`];
  }
}
