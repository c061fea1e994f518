// npm run bench (chain-sim part): node contract creations per second over gRPC with batched
// writes, and the time of one billing run over 100,000 live contracts.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ChainClient, keyPairFromSeed, tftToUnits } from '../../proto';
import { ManualClock } from '../src/clock';
import { createServer } from '../src/server/create-server';

const CREATIONS = Number(process.env.BENCH_CHAIN_CREATIONS ?? 20_000);
const BATCH = 500;
const BILLED = Number(process.env.BENCH_CHAIN_BILLED ?? 100_000);

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-bench-'));
  const clock = new ManualClock();
  const server = createServer({ dataDir: dir, clock });
  const client = new ChainClient(await server.start(), { timeoutMs: 120_000, adminToken: server.adminToken });
  try {
    const farmer = keyPairFromSeed(Buffer.alloc(32, 1));
    const nodeKey = keyPairFromSeed(Buffer.alloc(32, 2));
    const user = keyPairFromSeed(Buffer.alloc(32, 3));
    for (const k of [farmer, nodeKey, user]) {
      await client.fund(k.publicKey, tftToUnits('1000000'));
      await client.submit(k, { createTwin: { relay: 'r' } });
    }
    const farmId = (await client.submit(farmer, { createFarm: { name: 'bench' } })).createdIds[0];
    const nodeId = (
      await client.submit(nodeKey, {
        createNode: { farmId, resources: { cru: 64, mru: 2 ** 40, sru: 2 ** 44, hru: 2 ** 46 }, address: '127.0.0.1:1' },
      })
    ).createdIds[0];
    let n = 0;
    const hash = () => (n++).toString(16).padStart(32, '0');
    const create = async (count: number) => {
      for (let done = 0; done < count; done += BATCH) {
        const calls = Array.from({ length: Math.min(BATCH, count - done) }, () => ({
          createNodeContract: { nodeId, deploymentHash: hash() },
        }));
        await client.submit(user, { batchAll: { calls } });
      }
    };
    const started = process.hrtime.bigint();
    await create(CREATIONS);
    const creationSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    await create(BILLED - CREATIONS);
    const live = BILLED;
    const billStarted = process.hrtime.bigint();
    server.ledger.advanceTime(3600);
    const billSeconds = Number(process.hrtime.bigint() - billStarted) / 1e9;
    const rows = [
      ['contract creations per second (gRPC, batches of 500)', `${Math.round(CREATIONS / creationSeconds)}/s`, '>= 5,000/s'],
      [`one billing run over ${live.toLocaleString('en')} live contracts`, `${billSeconds.toFixed(2)} s`, '<= 1 s'],
    ];
    const w = [Math.max(...rows.map((r) => r[0].length)), Math.max(...rows.map((r) => r[1].length)), 10];
    process.stdout.write(
      `\n${'chain-sim'.padEnd(w[0])}  ${'measured'.padEnd(w[1])}  goal\n` +
        `${rows.map((r) => `${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2]}`).join('\n')}\n`,
    );
  } finally {
    client.close();
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`chain-sim bench failed: ${(err as Error).stack}\n`);
  process.exit(1);
});
