// Starting the grid's daemons as detached processes that outlive the launcher, each logging to a
// file, and waiting for the line that says it is ready.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { alive } from './grid-file';

const DIST = path.resolve(__dirname, '..', '..');
export const CHAIN_MAIN = path.join(DIST, 'chain-sim', 'main.js');
export const NODE_MAIN = path.join(DIST, 'zos-sim', 'main.js');
export const HOST_MAIN = path.join(DIST, 'zos-sim', 'host.js');
/** the explorer lives with the chain; the launcher only starts its program */
export const EXPLORER_MAIN = path.join(DIST, 'chain-sim', 'explorer', 'main.js');
/** what the command line of our daemons holds, to tell them from a process that reuses a pid */
export const CHAIN_SCRIPT = `chain-sim${path.sep}main.js`;
export const NODE_SCRIPT = `zos-sim${path.sep}`;
export const EXPLORER_SCRIPT = `explorer${path.sep}main.js`;

export interface Started {
  pid: number;
  match: RegExpExecArray;
}

/**
 * Spawns `node script args` detached, logging to `logFile`, and resolves once `ready` matches its
 * output. If it exits or is not ready within `timeoutMs`, fails naming it (`name`, e.g. "node 2")
 * with the tail of its log.
 */
export async function startDetached(
  script: string,
  args: string[],
  logFile: string,
  ready: RegExp,
  timeoutMs = 20_000,
  name = path.basename(path.dirname(script)),
): Promise<Started & { output: string }> {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const start = fs.existsSync(logFile) ? fs.statSync(logFile).size : 0;
  // a daemon's log may quote workload data: owner only
  const fd = fs.openSync(logFile, 'a', 0o600);
  const child = spawn(process.execPath, [script, ...args], { detached: true, stdio: ['ignore', fd, fd] });
  fs.closeSync(fd);
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  child.unref();
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const out = readFrom(logFile, start);
    const match = ready.exec(out);
    if (match) return { pid: child.pid!, match, output: out };
    if (exited !== undefined || Date.now() > deadline) {
      if (exited === undefined) process.kill(child.pid!, 'SIGKILL');
      const tail = out.trim().split('\n').slice(-5).join('\n  ') || '(nothing)';
      const why = exited !== undefined ? `it exited with code ${exited}` : `not ready within ${timeoutMs / 1000} s, stopped`;
      throw new Error(`${name} did not come up (${why}); the end of its log ${logFile}:\n  ${tail}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

function readFrom(file: string, offset: number): string {
  const buf = fs.readFileSync(file);
  return buf.subarray(offset).toString('utf8');
}

/** SIGTERM, then SIGKILL after `graceMs` for what is still running. */
export async function stopAll(pids: number[], graceMs = 5000): Promise<void> {
  const running = pids.filter((p) => p > 0 && signal(p, 'SIGTERM'));
  const deadline = Date.now() + graceMs;
  // alive() and not signal(pid, 0): a stopped daemon stays a zombie when nothing reaps it
  while (running.some((p) => alive(p)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  for (const p of running.filter((pid) => alive(pid))) signal(p, 'SIGKILL');
}

function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch {
    return false;
  }
}
