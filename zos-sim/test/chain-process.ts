// A real chain-sim process for zos-sim tests (zos-sim never imports chain-sim: it meets it over gRPC).
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromSeed, tftToUnits, type KeyPair } from '../../proto';

const CHAIN_MAIN = path.resolve(__dirname, '../../dist/chain-sim/main.js');

export interface ChainProcess {
  address: string;
  client: ChainClient;
  stop(): Promise<void>;
}

export async function startChainProcess(host = '127.0.0.1'): Promise<ChainProcess> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zos-chain-'));
  const proc: ChildProcess = spawn(process.execPath, [CHAIN_MAIN, '--data', dir, '--port', '0', '--host', host], { stdio: ['ignore', 'pipe', 'inherit'] });
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /chain-sim ready on (\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (code) => reject(new Error(`chain-sim exited with ${code}`)));
  });
  const client = new ChainClient(address);
  return {
    address,
    client,
    async stop() {
      client.close();
      await new Promise<void>((resolve) => {
        proc.removeAllListeners('exit');
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      });
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
