// Every process the chaos harness starts goes through here: `gridform` run as a user runs it (its
// own process group, stdout and stderr to files so the check does not depend on how the CLI
// writes to pipes), with a deadline, and optionally SIGKILLed at a chosen progress point. What is
// still running when the harness exits is killed, so a trial never leaves a process behind.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..', '..');
/** The built CLI: this file runs from provider/test/chaos (ts-jest) or dist/provider/test/chaos. */
export const GRIDFORM = path.join(REPO.endsWith(`${path.sep}dist`) ? path.dirname(REPO) : REPO, 'dist', 'provider', 'cli', 'main.js');

/** Lines that say an apply or destroy made progress. */
export const PROGRESS = /: (Creating\.\.\.|Creation complete|Modifying\.\.\.|Modifications complete|Destroying\.\.\.|Destruction complete)/;

export type KillAt = { afterMs: number } | { afterProgressLines: number };

export interface RunOptions {
  cwd?: string;
  home: string;
  env?: Record<string, string>;
  timeoutMs: number;
  /** where stdout and stderr go (NAME.out, NAME.err) */
  logPrefix: string;
  killAt?: KillAt;
  /** called with each progress line count, e.g. to inflict something at a point */
  onProgress?: (lines: number, child: ChildProcess) => void;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** we SIGKILLed it as asked, at this many progress lines */
  killedAtLines?: number;
  timedOut: boolean;
  ms: number;
}

const running = new Set<ChildProcess>();

/** SIGKILLs the process group of everything still running (on exit, and on demand). */
export function killAllRunning(): void {
  for (const child of running) killGroup(child);
}

function killGroup(child: ChildProcess): void {
  try {
    process.kill(-child.pid!, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // gone already
    }
  }
}

export function countProgress(stdout: string): number {
  let n = 0;
  for (const line of stdout.split('\n')) if (PROGRESS.test(line)) n++;
  return n;
}

export function gridform(args: string[], o: RunOptions): Promise<RunResult> {
  return runProcess(process.execPath, [GRIDFORM, ...args], o);
}

export function runProcess(cmd: string, args: string[], o: RunOptions): Promise<RunResult> {
  const outFile = `${o.logPrefix}.out`;
  const errFile = `${o.logPrefix}.err`;
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const out = fs.openSync(outFile, 'w');
  const err = fs.openSync(errFile, 'w');
  const started = Date.now();
  const child = spawn(cmd, args, {
    cwd: o.cwd ?? REPO,
    env: { ...process.env, GRIDFORM_HOME: o.home, MNEMONIC: '', CHECKPOINT_DISABLE: '1', ...o.env },
    stdio: ['ignore', out, err],
    detached: true, // its own process group, so a kill takes whatever it started with it
  });
  fs.closeSync(out);
  fs.closeSync(err);
  running.add(child);
  return new Promise((resolve) => {
    let killedAtLines: number | undefined;
    let timedOut = false;
    let lastLines = -1;
    const kill = (why: 'asked' | 'timeout') => {
      if (why === 'asked') killedAtLines = countProgress(read(outFile));
      else timedOut = true;
      killGroup(child);
    };
    const timeout = setTimeout(() => kill('timeout'), o.timeoutMs);
    const byTime = o.killAt && 'afterMs' in o.killAt ? setTimeout(() => kill('asked'), o.killAt.afterMs) : undefined;
    const watchLines = o.onProgress || (o.killAt && 'afterProgressLines' in o.killAt);
    const poll = watchLines
      ? setInterval(() => {
          const lines = countProgress(read(outFile));
          if (lines === lastLines) return;
          lastLines = lines;
          o.onProgress?.(lines, child);
          if (o.killAt && 'afterProgressLines' in o.killAt && lines >= o.killAt.afterProgressLines && killedAtLines === undefined)
            kill('asked');
        }, 10)
      : undefined;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(timeout);
      clearTimeout(byTime);
      clearInterval(poll);
      running.delete(child);
      resolve({ code, signal, stdout: read(outFile), stderr: read(errFile), killedAtLines, timedOut, ms: Date.now() - started });
    };
    child.on('exit', finish);
    child.on('error', (e) => {
      fs.appendFileSync(errFile, `harness: cannot start ${cmd}: ${e.message}\n`);
      finish(null, null);
    });
  });
}

function read(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
