// Runs chaos trials kind by kind: one grid per kind reused across its trials (reset between them:
// leftover contracts cancelled, or the grid started afresh when it cannot be made clean), one
// PostgreSQL cluster for the run, a watchdog per trial, and everything stopped at the end.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startPgCluster, type PgCluster } from '../../../engine/test/support/pg-cluster';
import { describeLeftovers, isEmpty, LocalGrid } from './grid';
import { KINDS } from './kinds';
import { killAllRunning } from './processes';
import { trialRng } from './rng';
import { HarnessError, type ChaosOptions, type Kind, type TrialContext } from './trial';

export interface RunConfig extends ChaosOptions {
  kinds: string[];
  /** trials per kind */
  trials: number;
  /** run only this trial number of each kind (a replay) */
  only?: number;
  workDir: string;
  /** a trial running longer than this is stopped and counted as a harness error */
  trialTimeoutMs: number;
  log: (line: string) => void;
}

export type Status = 'held' | 'failed' | 'harness error';

export interface TrialResult {
  kind: string;
  trial: number;
  status: Status;
  problems: string[];
  inflicted: string[];
  ms: number;
  dir: string;
}

export function kindsNamed(names: string[]): Kind[] {
  const unknown = names.filter((n) => !KINDS.some((k) => k.name === n));
  if (unknown.length)
    throw new HarnessError(`unknown trial kind(s) ${unknown.join(', ')}; the kinds are ${KINDS.map((k) => k.name).join(', ')}`);
  return KINDS.filter((k) => names.includes(k.name));
}

let activePg: PgCluster | undefined;

/** Stops the run's PostgreSQL cluster, if one runs (synchronously: usable in an exit handler). */
export function stopPg(): void {
  const pg = activePg;
  activePg = undefined;
  void pg?.stop().catch(() => undefined);
}

export async function runChaos(cfg: RunConfig): Promise<TrialResult[]> {
  const kinds = kindsNamed(cfg.kinds);
  const results: TrialResult[] = [];
  try {
    if (kinds.some((k) => k.needsPg)) activePg = await startPgCluster();
    for (const kind of kinds) results.push(...(await runKind(kind, cfg, activePg?.connectionString)));
  } finally {
    killAllRunning();
    stopPg();
  }
  return results;
}

async function runKind(kind: Kind, cfg: RunConfig, pg: string | undefined): Promise<TrialResult[]> {
  const kindDir = path.join(cfg.workDir, kind.name);
  const numbers = cfg.only !== undefined ? [cfg.only] : Array.from({ length: cfg.trials }, (_, i) => i + 1);
  const results: TrialResult[] = [];
  let grid: LocalGrid | undefined;
  try {
    for (const trial of numbers) {
      if (kind.needsGrid && !grid) {
        try {
          grid = await LocalGrid.start(cfg.nodes, path.join(kindDir, 'grid-logs'));
        } catch (e) {
          results.push(harnessError(kind, trial, kindDir, `could not start a grid: ${(e as Error).message}`));
          continue;
        }
      }
      const result = await runTrial(kind, trial, cfg, grid, pg);
      results.push(result);
      cfg.log(
        `${kind.name} #${trial}: ${result.status} in ${(result.ms / 1000).toFixed(1)}s` +
          `${result.status === 'held' ? '' : `: ${result.problems[0]}`} [${result.inflicted.join('; ')}]`,
      );
      if (grid) {
        try {
          const fresh = result.status !== 'held' && kind.freshGridAfterFailure === true;
          const { grid: clean, note } = await reset(grid, cfg, path.join(kindDir, 'grid-logs'), fresh);
          grid = clean;
          if (note) cfg.log(`${kind.name} #${trial}: reset: ${note}`);
        } catch (e) {
          grid = undefined; // the next trial starts a grid (or reports why it cannot)
          cfg.log(`${kind.name} #${trial}: reset: no fresh grid could be started: ${(e as Error).message.split('\n')[0]}`);
        }
      }
    }
  } finally {
    await grid?.stop();
  }
  return results;
}

function harnessError(kind: Kind, trial: number, dir: string, why: string): TrialResult {
  return { kind: kind.name, trial, status: 'harness error', problems: [why], inflicted: [], ms: 0, dir };
}

async function runTrial(
  kind: Kind,
  trial: number,
  cfg: RunConfig,
  grid: LocalGrid | undefined,
  pg: string | undefined,
): Promise<TrialResult> {
  const dir = path.join(cfg.workDir, kind.name, `trial-${trial}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const t: TrialContext = {
    kind: kind.name,
    trial,
    rng: trialRng(cfg.seed, kind.name, trial),
    opts: cfg,
    dir,
    grid,
    pg,
    inflicted: [],
    tag: `k${KINDS.indexOf(kind)}t${trial}`,
  };
  const started = Date.now();
  let watchdog: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (watchdog = setTimeout(() => resolve('timeout'), cfg.trialTimeoutMs)));
  try {
    const outcome = await Promise.race([kind.run(t), timedOut]);
    const ms = Date.now() - started;
    if (outcome === 'timeout') {
      t.aborted = true;
      killAllRunning();
      return {
        kind: kind.name,
        trial,
        status: 'harness error',
        problems: [`the trial ran past its ${cfg.trialTimeoutMs / 1000}s watchdog and was stopped`],
        inflicted: t.inflicted,
        ms,
        dir,
      };
    }
    return { kind: kind.name, trial, status: outcome.length ? 'failed' : 'held', problems: outcome, inflicted: t.inflicted, ms, dir };
  } catch (e) {
    const err = e as Error;
    const where = err instanceof HarnessError ? '' : ` (${err.stack?.split('\n')[1]?.trim() ?? 'no stack'})`;
    return {
      kind: kind.name,
      trial,
      status: 'harness error',
      problems: [`${err.message}${where}`],
      inflicted: t.inflicted,
      ms: Date.now() - started,
      dir,
    };
  } finally {
    clearTimeout(watchdog);
  }
}

/**
 * Makes the grid clean for the next trial: every daemon running (grid up), no live contract of the
 * dev twin (cancelled), nothing on the nodes. A grid that cannot be made clean, or that a failed
 * trial hurt (`fresh`), is replaced by a new one.
 */
async function reset(grid: LocalGrid, cfg: RunConfig, logDir: string, fresh: boolean): Promise<{ grid: LocalGrid; note?: string }> {
  const replace = async (why: string) => {
    await grid.stop();
    return { grid: await LocalGrid.start(cfg.nodes, logDir), note: `the grid was replaced by a fresh one (${why})` };
  };
  if (fresh) return replace('the failed trial hurt the grid itself');
  try {
    const up = await grid.bringBack('grid-up-reset');
    if (up.code !== 0) return replace(`grid up exited ${up.code}${up.timedOut ? ' (timed out)' : ''}`);
    const left = await grid.readLeftovers();
    if (isEmpty(left)) return { grid };
    const cancelled = await grid.cancelLeftovers();
    const after = await grid.leftovers(15_000);
    if (isEmpty(after)) return { grid, note: `cancelled ${cancelled} leftover contract(s) (${describeLeftovers(left)})` };
    return replace(`still left after cancelling: ${describeLeftovers(after)}`);
  } catch (e) {
    return replace((e as Error).message.split('\n')[0]);
  }
}
