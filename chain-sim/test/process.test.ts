// chain-sim as a real process: SIGKILL and restart lose nothing that was answered.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, killed, readyLine } from '../../proto';
import { farmWithNode, userWithTwin } from './helpers';

const MAIN = path.resolve(__dirname, '../../dist/chain-sim/main.js');

async function startChain(dir: string): Promise<{ proc: ChildProcess; address: string }> {
  const proc = spawn(process.execPath, [MAIN, '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const [, address] = await readyLine(proc, CHAIN_READY, 'chain-sim');
  return { proc, address };
}

describe('chain-sim process', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-proc-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps every twin, node and contract it acknowledged across SIGKILL and restart', async () => {
    expect(fs.existsSync(MAIN)).toBe(true);
    let { proc, address } = await startChain(dir);
    let client = new ChainClient(address);
    const { nodeId } = await farmWithNode(client);
    const user = await userWithTwin(client);
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push((await client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: i.toString(16).padStart(32, '0') } })).createdIds[0]);
    }
    client.close();
    await killed(proc);

    ({ proc, address } = await startChain(dir));
    client = new ChainClient(address);
    try {
      expect((await client.twin(user.twinId)).accountId).toBe(user.key.publicKey);
      const contracts = await client.contracts({ twinId: user.twinId });
      expect(contracts.map((c) => c.id)).toEqual(ids);
      expect(contracts.every((c) => c.state === 'Created')).toBe(true);
      expect((await client.node(nodeId)).id).toBe(nodeId);
    } finally {
      client.close();
      await killed(proc);
    }
  });
});
