// A real chain-sim process for zos-sim tests (zos-sim never imports chain-sim: it meets it over gRPC).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, keyPairFromSeed, killed, readyLine, tftToUnits, type KeyPair } from '../../proto';

const CHAIN_MAIN = path.resolve(__dirname, '../../dist/chain-sim/main.js');

export interface ChainProcess {
  address: string;
  client: ChainClient;
  stop(): Promise<void>;
}

export async function startChainProcess(host = '127.0.0.1'): Promise<ChainProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-chain-'));
  const proc: ChildProcess = spawn(process.execPath, [CHAIN_MAIN, '--data', dir, '--port', '0', '--host', host], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [, address] = await readyLine(proc, CHAIN_READY, 'chain-sim');
  const adminToken = fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();
  const client = new ChainClient(address, { adminToken });
  return {
    address,
    client,
    async stop() {
      client.close();
      await killed(proc, 'SIGTERM');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

let seed = 100;
export async function twinFor(client: ChainClient): Promise<{ key: KeyPair; twinId: number }> {
  const key = keyPairFromSeed(Buffer.alloc(32, seed++));
  await client.fund(key.publicKey, tftToUnits('100'));
  return { key, twinId: (await client.submit(key, { createTwin: { relay: 'r' } })).createdIds[0] };
}
