// A real chain-sim process for zos-sim tests (zos-sim never imports chain-sim: it meets it over gRPC).
// It can be killed and started again on the same data folder and port, as after a crash.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, keyPairFromSeed, killed, readyLine, tftToUnits, type KeyPair } from '../../proto';

/** The repository, whether this runs from sources (jest) or from dist/ (npm run adversarial). */
const REPO = path.resolve(__dirname, '..', '..').replace(new RegExp(`\\${path.sep}dist$`), '');
const CHAIN_MAIN = path.join(REPO, 'dist', 'chain-sim', 'main.js');

export interface ChainProcess {
  address: string;
  client: ChainClient;
  /** SIGKILL: the chain is gone until restart() */
  kill(): Promise<void>;
  /** starts the chain again on its data folder and port */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startChainProcess(host = '127.0.0.1'): Promise<ChainProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-chain-'));
  const launch = async (port: string) => {
    const proc: ChildProcess = spawn(process.execPath, [CHAIN_MAIN, '--data', dir, '--port', port, '--host', host], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const [, address] = await readyLine(proc, CHAIN_READY, 'chain-sim');
    return { proc, address };
  };
  const first = await launch('0');
  const address = first.address;
  let proc = first.proc;
  const adminToken = fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();
  const client = new ChainClient(address, { adminToken });
  return {
    address,
    client,
    kill: () => killed(proc),
    async restart() {
      ({ proc } = await launch(address.split(':').pop()!));
    },
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
