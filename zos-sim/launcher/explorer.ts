// Starting the grid's explorer (chain-sim/explorer: Grid Proxy's API and the page) as a process of
// its own, once the chain and the nodes are up. The launcher knows its program, not its code.
import * as path from 'node:path';
import { EXPLORER_READY } from '../../proto';
import { EXPLORER_MAIN, startDetached } from './processes';

export const DEFAULT_EXPLORER_PORT = 8080;

/** The explorer asks every node before it serves: allow for a thousand of them on a busy machine. */
const EXPLORER_START_MS = 120_000;

/**
 * Starts the explorer of the grid in `gridDir` on `port`. When the port is only a preference (the
 * default, or the one a restart remembers) and another program holds it, any free port will do:
 * the URL it prints says where.
 */
export async function startExplorer(
  gridDir: string,
  port: number,
  preferred: boolean,
): Promise<{ url: string; pid: number; port: number }> {
  const logFile = path.join(gridDir, 'logs', 'explorer.log');
  const start = (p: number) =>
    startDetached(
      EXPLORER_MAIN,
      ['--chain-data', path.join(gridDir, 'chain'), '--port', String(p)],
      logFile,
      EXPLORER_READY,
      EXPLORER_START_MS,
      `the explorer (port ${p})`,
    );
  let s;
  try {
    s = await start(port);
  } catch (err) {
    if (!preferred || !port || !/EADDRINUSE/.test((err as Error).message)) throw err;
    s = await start(0);
  }
  const url = s.match[1];
  return { url, pid: s.pid, port: Number(new URL(url).port) };
}
