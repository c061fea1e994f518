// The chain the grid commands talk to: --chain HOST:PORT, else the local grid's.
import type { CliIO } from '../../engine';
import { DEFAULT_LOCAL_CHAIN, readLocalGrid } from '../src/grid/settings';

export function chainAddress(flag: string | undefined, io: CliIO): string {
  return flag ?? readLocalGrid(io.env)?.chain.address ?? DEFAULT_LOCAL_CHAIN;
}

export function fail(io: CliIO, message: string): number {
  io.stderr.write(`Error: ${message}\n`);
  return 1;
}
