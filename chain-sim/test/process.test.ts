// chain-sim as a real process: SIGKILL and restart lose nothing that was answered.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, killed, readyLine } from '../../proto';
import { farmWithNode, userWithTwin } from './helpers';

const MAIN = path.resolve(__dirname, '../../dist/chain-sim/main.js');

const adminTokenOf = (dir: string) => fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();

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
    let client = new ChainClient(address, { adminToken: adminTokenOf(dir) });
    const { nodeId } = await farmWithNode(client);
    const user = await userWithTwin(client);
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      ids.push(
        (await client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: i.toString(16).padStart(32, '0') } })).createdIds[0],
      );
    }
    client.close();
    await killed(proc);

    ({ proc, address } = await startChain(dir));
    client = new ChainClient(address, { adminToken: adminTokenOf(dir) });
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

  it('answers the admin calls (faucet, time warp, TFT price) only with the credential it keeps 0600', async () => {
    const own = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-admin-'));
    const { proc, address } = await startChain(own);
    const token = path.join(own, 'admin.token');
    const clients = [new ChainClient(address), new ChainClient(address, { adminToken: 'f'.repeat(64) })];
    const admin = new ChainClient(address, { adminToken: adminTokenOf(own) });
    try {
      expect(fs.statSync(token).mode & 0o777).toBe(0o600);
      const account = 'ab'.repeat(32);
      for (const c of clients) {
        await expect(c.fund(account, 10n ** 12n)).rejects.toThrow("funding an account refused: it needs the chain's admin credential");
        await expect(c.advanceTime(3600)).rejects.toThrow('advancing chain time refused');
        await expect(c.setTftPrice('100')).rejects.toThrow('setting the TFT price refused');
      }
      expect((await clients[0].account(account)).balance).toBe('0');
      expect((await admin.fund(account, 10n ** 12n)).balance).toBe(String(10n ** 12n));
    } finally {
      [...clients, admin].forEach((c) => c.close());
      await killed(proc);
      fs.rmSync(own, { recursive: true, force: true });
    }
  });
});
