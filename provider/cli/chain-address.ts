// The chain the grid commands talk to: --chain HOST:PORT, else the local grid's; and the chain's
// admin credential the faucet and time warp need: GRIDFORM_ADMIN_TOKEN, else the local grid's.
import * as fs from 'node:fs';
import type { CliIO } from '../../engine';
import { DEFAULT_LOCAL_CHAIN, readLocalGrid } from '../src/grid/settings';

export function chainAddress(flag: string | undefined, io: CliIO): string {
  return flag ?? readLocalGrid(io.env)?.chain.address ?? DEFAULT_LOCAL_CHAIN;
}

export function adminToken(io: CliIO): string | undefined {
  if (io.env.GRIDFORM_ADMIN_TOKEN) return io.env.GRIDFORM_ADMIN_TOKEN;
  const file = readLocalGrid(io.env)?.chain.adminTokenFile;
  return file && fs.existsSync(file) ? fs.readFileSync(file, 'utf8').trim() : undefined;
}

export function fail(io: CliIO, message: string): number {
  io.stderr.write(`Error: ${message}\n`);
  return 1;
}
