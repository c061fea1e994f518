// Trials that hurt the grid rather than gridform: a node or the chain SIGKILLed mid-apply and
// brought back with `grid up`, and a chain outage before or during an apply.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { runProblem } from './checks';
import { tail, type LocalGrid } from './grid';
import { stackJson } from './stack-cache';
import type { KillAt, RunResult } from './processes';
import { writeStack } from './stacks';
import { apply, backendFor, HarnessError, killPoint, reapplyCheckDestroy, type TrialContext, type Kind } from './trial';

const FOLDER = 'stack';
/** a grid apply's length on a busy 2-core machine, ms: fault moments are chosen within it */
const GRID_APPLY_MS = 1800;

function gridOf(t: TrialContext): LocalGrid {
  if (!t.grid) throw new HarnessError(`${t.kind} ran without a grid`);
  return t.grid;
}

/** Runs the apply and calls `fault` once at the point (after a delay or a number of progress lines). */
async function applyWithFault(t: TrialContext, at: KillAt, fault: () => void): Promise<{ run: RunResult; faulted: boolean }> {
  let faulted = false;
  const once = () => {
    if (faulted) return;
    faulted = true;
    fault();
  };
  const timer = 'afterMs' in at ? setTimeout(once, at.afterMs) : undefined;
  const run = await apply(t, FOLDER, 'faulted-apply', {
    onProgress: (lines) => 'afterProgressLines' in at && lines >= at.afterProgressLines && once(),
  });
  clearTimeout(timer);
  return { run, faulted };
}

/** `grid up` brought every daemon back and recorded it in grid.json. */
async function bringBack(grid: LocalGrid, name: string): Promise<string[]> {
  const up = await grid.bringBack(name);
  if (up.code !== 0) return [runProblem('grid up (to bring the grid back)', up)];
  const status = await grid.cli(['grid', 'status', '--json'], `${name}-status`, 30_000);
  try {
    const s = JSON.parse(status.stdout) as { chain: { running: boolean }; nodes: { id: number; running: boolean }[] };
    const down = [...(s.chain.running ? [] : ['the chain']), ...s.nodes.filter((n) => !n.running).map((n) => `node ${n.id}`)];
    return down.length ? [`after grid up, grid status says ${down.join(', ')} not running`] : [];
  } catch {
    return [`grid status --json after grid up printed no status: ${tail(status.stderr + status.stdout)}`];
  }
}

function faultTrial(name: string, about: string, fault: (t: TrialContext) => { what: string; mustName?: RegExp }): Kind {
  return {
    name,
    about,
    needsGrid: true,
    needsPg: false,
    freshGridAfterFailure: true,
    async run(t) {
      const grid = gridOf(t);
      writeStack(path.join(t.dir, FOLDER), stackJson(t, 'grid', 1), t.tag, backendFor(t, 'local'));
      const at = killPoint(t, 8, GRID_APPLY_MS);
      let hurt: { what: string; mustName?: RegExp } | undefined;
      const { run, faulted } = await applyWithFault(t, at, () => (hurt = fault(t)));
      const point = 'afterMs' in at ? `${at.afterMs} ms into the apply` : `after ${at.afterProgressLines} progress lines`;
      t.inflicted.push(
        faulted
          ? `${hurt!.what} ${point}; the apply exited ${run.code}`
          : `the apply ended (exit ${run.code}) before the fault point (${point})`,
      );
      const problems: string[] = [];
      if (run.timedOut) problems.push('the apply during the fault did not end within its deadline (hangs)');
      if (faulted && run.code !== 0 && hurt!.mustName && !hurt!.mustName.test(run.stderr + run.stdout)) {
        problems.push(`the apply's error does not say what failed (${hurt!.mustName.source}): ${tail(run.stderr, 2)}`);
      }
      problems.push(...(await bringBack(grid, path.join(t.dir, 'logs', 'grid-up-after-fault'))));
      return [...problems, ...(await reapplyCheckDestroy(t, [FOLDER]))];
    },
  };
}

export const nodeKilled = faultTrial('node-kill', 'a node daemon SIGKILLed mid-apply, then grid up brings it back', (t) => {
  const id = t.rng.int(1, Math.min(3, t.opts.nodes));
  gridOf(t).killNode(id);
  return { what: `SIGKILL of node ${id}`, mustName: new RegExp(`node ${id}\\b`) };
});

export const chainKilled = faultTrial('chain-kill', 'the chain SIGKILLed mid-apply, then grid up brings it back on its data', (t) => {
  gridOf(t).killChain();
  return { what: 'SIGKILL of the chain', mustName: /chain/i };
});

interface NodeBaseline {
  id: number;
  pid: number;
  rssKb: number;
  logFile: string;
  logBytes: number;
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

function baseline(grid: LocalGrid): NodeBaseline[] {
  return grid.read().nodes.map((n) => {
    const logFile = path.join(grid.home, 'logs', `node-${n.id}.log`);
    return { id: n.id, pid: n.pid, rssKb: rssKb(n.pid), logFile, logBytes: fs.existsSync(logFile) ? fs.statSync(logFile).size : 0 };
  });
}

/** Log lines a node wrote since the baseline. */
function linesSince(b: NodeBaseline): number {
  if (!fs.existsSync(b.logFile)) return 0;
  const fd = fs.openSync(b.logFile, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    const length = Math.min(size - b.logBytes, 64 * 1024 * 1024);
    if (length <= 0) return 0;
    const buf = Buffer.alloc(length);
    fs.readSync(fd, buf, 0, length, b.logBytes);
    let n = 0;
    for (const byte of buf) if (byte === 10) n++;
    return n;
  } finally {
    fs.closeSync(fd);
  }
}

/** Most log lines a node may write per minute around an outage before it counts as a storm. */
const LOG_LINES_PER_MINUTE = 600;
/** A daemon past this size is stopped, with the grid, so a storm cannot take the shared machine down. */
const GUARD_RSS_KB = 1536 * 1024;

/** Watches the grid's daemons' memory; past the guard it kills the whole grid and says why. */
function memoryGuard(grid: LocalGrid): { stop(): string[] } {
  const found: string[] = [];
  const timer = setInterval(() => {
    if (found.length) return;
    const g = grid.read();
    const daemons = [{ what: 'the chain', pid: g.chain.pid }, ...g.nodes.map((n) => ({ what: `node ${n.id}`, pid: n.pid }))];
    for (const d of daemons) {
      const rss = rssKb(d.pid);
      if (rss <= GUARD_RSS_KB) continue;
      found.push(
        `${d.what} grew past ${Math.round(rss / 1024)} MB: ` +
          `the harness stopped the grid to protect the machine (the rest of the trial runs against a stopped grid)`,
      );
      grid.killAllSync();
      return;
    }
  }, 500);
  return {
    stop: () => {
      clearInterval(timer);
      return found;
    },
  };
}

export const chainOutage: Kind = {
  name: 'chain-outage',
  about: 'the chain down for --outage seconds, from before or during an apply; no storm, memory bounded, applies served again',
  needsGrid: true,
  needsPg: false,
  freshGridAfterFailure: true,
  async run(t) {
    const grid = gridOf(t);
    writeStack(path.join(t.dir, FOLDER), stackJson(t, 'grid', 1), t.tag, backendFor(t, 'local'));
    const when = t.rng.pick(['before', 'during'] as const);
    const before = baseline(grid);
    const guard = memoryGuard(grid);
    const started = Date.now();
    let back: Promise<string[]> | undefined;
    const outage = () => {
      grid.killChain();
      back = new Promise((r) => setTimeout(r, t.opts.outageSeconds * 1000)).then(() =>
        bringBack(grid, path.join(t.dir, 'logs', 'grid-up-after-outage')),
      );
    };
    let run: RunResult;
    if (when === 'before') {
      outage();
      run = await apply(t, FOLDER, 'apply-in-outage');
      t.inflicted.push(`chain down ${t.opts.outageSeconds}s from before the apply (it exited ${run.code})`);
    } else {
      const at = killPoint(t, 8, GRID_APPLY_MS);
      ({ run } = await applyWithFault(t, at, outage));
      if (!back) outage(); // the apply was faster than the fault point: the outage still happens, after it
      t.inflicted.push(
        `chain down ${t.opts.outageSeconds}s from ${'afterMs' in at ? `${at.afterMs} ms` : `${at.afterProgressLines} progress lines`}` +
          ` into the apply (it exited ${run.code})`,
      );
    }
    const problems = await back!;
    // the re-apply right after the chain's return is the grid serving applies again (at most 10 s)
    const rest = await reapplyCheckDestroy(t, [FOLDER], { maxReapplyMs: 10_000 });
    problems.push(...guard.stop());
    const minutes = Math.max(1, (Date.now() - started) / 60_000);
    for (const b of before) {
      const lines = linesSince(b);
      if (lines > LOG_LINES_PER_MINUTE * minutes)
        problems.push(
          `node ${b.id} wrote ${lines} log lines in ${minutes.toFixed(1)} min around the outage ` +
            `(a storm; at most ${LOG_LINES_PER_MINUTE}/min)`,
        );
      const now = grid.read().nodes.find((n) => n.id === b.id);
      const rss = now && now.pid === b.pid ? rssKb(b.pid) : 0;
      if (b.rssKb && rss > 2 * b.rssKb)
        problems.push(
          `node ${b.id} grew from ${Math.round(b.rssKb / 1024)} MB to ${Math.round(rss / 1024)} MB around the outage (more than 2x)`,
        );
    }
    return [...problems, ...rest];
  },
};
