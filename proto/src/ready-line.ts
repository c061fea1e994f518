// The line each gridform daemon prints once it serves, and waiting for it: how the launcher, the
// tests and the benchmarks know that a process they started is ready.
//   chain-sim:          `chain-sim ready on HOST:PORT`
//   zos-sim:            `zos-sim node ID ready on HOST:PORT`
//   zos-sim host (many nodes): that line per node, with ` key=KEY`, then `zos-sim host ready`
//   explorer:           `explorer ready on http://HOST:PORT`
import type { ChildProcess } from 'node:child_process';

export const CHAIN_READY = /chain-sim ready on (\S+)/;
export const NODE_READY = /zos-sim node (\d+) ready on (\S+)/;
export const EXPLORER_READY = /explorer ready on (http:\/\/\S+)/;

/**
 * Resolves with the match once `proc` (its stdout piped) prints a line matching `ready`; rejects
 * if the process exits first, saying how and what it printed.
 */
export function readyLine(proc: ChildProcess, ready: RegExp, name = 'the process'): Promise<RegExpExecArray> {
  return new Promise((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      const m = ready.exec((out += d.toString()));
      if (m) resolve(m);
    });
    proc.once('exit', (code, signal) =>
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready${out ? `; it printed: ${out.trim()}` : ''}`)),
    );
  });
}

/** Sends `signal` (SIGKILL unless told) and resolves once the process has exited. */
export function killed(proc: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    proc.once('exit', () => resolve());
    proc.kill(signal);
  });
}
