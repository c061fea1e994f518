// SIGKILL of the chain in the middle of a billing run, then restart: every contract is billed
// exactly once per period, none twice and none skipped.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, killed, readyLine, tftToUnits } from '../../proto';
import { newKey } from './helpers';

const MAIN = path.resolve(__dirname, '../../dist/chain-sim/main.js');
const HOUR = 3600;
const CONTRACTS = 6000;
const HOURS = 10;

async function start(dir: string): Promise<{ proc: ChildProcess; client: ChainClient }> {
  const proc = spawn(process.execPath, [MAIN, '--data', dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [, address] = await readyLine(proc, CHAIN_READY, 'chain-sim');
  const adminToken = fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim();
  return { proc, client: new ChainClient(address, { timeoutMs: 60_000, adminToken }) };
}

describe('billing across a crash', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-crash-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bills every contract exactly once per period after a SIGKILL during a billing run', async () => {
    let { proc, client } = await start(dir);
    const user = newKey();
    await client.fund(user.publicKey, tftToUnits('100000'));
    await client.submit(user, { createTwin: { relay: 'r' } });
    const ids: number[] = [];
    for (let i = 0; i < CONTRACTS; i += 500) {
      const calls = Array.from({ length: 500 }, (_, j) => ({ createNameContract: { name: `name-${i + j}` } }));
      ids.push(...(await client.submit(user, { batchAll: { calls } })).createdIds);
    }
    const startTime = (await client.contract(ids[0])).created;

    const advancing = client.advanceTime(HOURS * HOUR).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 250));
    await killed(proc);
    await advancing;
    client.close();

    ({ proc, client } = await start(dir));
    try {
      const reached = (await client.info()).timestamp - startTime;
      const left = HOURS * HOUR - Math.floor(reached / HOUR) * HOUR;
      if (left > 0) await client.advanceTime(left);
      for (const id of [ids[0], ids[Math.floor(CONTRACTS / 2)], ids[CONTRACTS - 1]]) {
        const bills = await client.bills(id);
        expect(bills).toHaveLength(HOURS);
        const created = (await client.contract(id)).created;
        let previous = created;
        for (const b of bills) {
          expect(b.seconds).toBe(b.timestamp - previous);
          expect(b.seconds).toBeGreaterThanOrEqual(HOUR);
          previous = b.timestamp;
        }
      }
      const all = await client.contracts({ twinId: (await client.twinByAccount(user.publicKey)).id });
      expect(all.every((c) => c.state === 'Created' && c.lastBilled >= startTime + HOURS * HOUR)).toBe(true);
    } finally {
      client.close();
      await killed(proc);
    }
  });
});
