// What the grid provider's adversarial cases plan against: a real chain-sim process on loopback
// (started from dist/, as the provider reaches the chain over gRPC only) and a funded account
// with a twin, whose mnemonic the provider signs with.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, generateMnemonic, keyPairFromMnemonic, killed, readyLine, tftToUnits } from '../../../proto';

/** The repository, whether this runs from sources (jest) or from dist/ (npm run adversarial). */
const REPO = path.resolve(__dirname, '..', '..', '..').replace(new RegExp(`\\${path.sep}dist$`), '');
const CHAIN_MAIN = path.join(REPO, 'dist', 'chain-sim', 'main.js');

export interface GridScene {
  readonly chainAddress: string;
  readonly mnemonic: string;
  stop(): Promise<void>;
}

export async function startGridScene(): Promise<GridScene> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'adversarial-chain-'));
  const proc: ChildProcess = spawn(process.execPath, [CHAIN_MAIN, '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let client: ChainClient | undefined;
  try {
    const [, chainAddress] = await readyLine(proc, CHAIN_READY, 'chain-sim');
    client = new ChainClient(chainAddress, { adminToken: fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim() });
    const mnemonic = generateMnemonic();
    const key = keyPairFromMnemonic(mnemonic);
    await client.fund(key.publicKey, tftToUnits('100'));
    await client.submit(key, { createTwin: { relay: 'relay.local' } });
    const chain = client;
    return {
      chainAddress,
      mnemonic,
      async stop() {
        chain.close();
        await killed(proc, 'SIGTERM');
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (err) {
    client?.close();
    await killed(proc);
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
}
