// Reads of many contracts and nodes at once go to a real chain-sim process as one call each, and
// answer (and fail) exactly as reads one by one do.
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CHAIN_READY, ChainClient, keyPairFromSeed, killed, readyLine, tftToUnits, type KeyPair } from '../../../proto';
import { ChainReads } from '../../src/grid/chain-reads';

const MAIN = path.resolve(__dirname, '../../../dist/chain-sim/main.js');
const GiB = 2 ** 30;

describe('chain reads, many in one call', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chain-reads-'));
  let proc: ChildProcess;
  let chain: ChainClient;
  const nodeIds: number[] = [];
  const contractIds: number[] = [];

  const twin = async (seed: number): Promise<KeyPair> => {
    const key = keyPairFromSeed(Buffer.alloc(32, seed));
    await chain.fund(key.publicKey, tftToUnits('100'));
    await chain.submit(key, { createTwin: { relay: 'relay.local' } });
    return key;
  };

  beforeAll(async () => {
    proc = spawn(process.execPath, [MAIN, '--data', dir, '--port', '0', '--block-time-ms', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    const [, address] = await readyLine(proc, CHAIN_READY, 'chain-sim');
    chain = new ChainClient(address, { adminToken: fs.readFileSync(path.join(dir, 'admin.token'), 'utf8').trim() });
    const farmer = await twin(1);
    const farmId = (await chain.submit(farmer, { createFarm: { name: 'reads', publicIps: [] } })).createdIds[0];
    for (let i = 0; i < 3; i++) {
      const resources = { cru: 8, mru: 32 * GiB, sru: 512 * GiB, hru: 0 };
      nodeIds.push(
        (await chain.submit(await twin(10 + i), { createNode: { farmId, resources, address: `127.0.0.1:${i + 1}` } })).createdIds[0],
      );
    }
    const user = await twin(20);
    const calls = Array.from({ length: 60 }, (_, i) => ({
      createNodeContract: { nodeId: nodeIds[i % 3], deploymentHash: i.toString(16).padStart(32, '0') },
    }));
    contractIds.push(...(await chain.submit(user, { batchAll: { calls } })).createdIds.map(Number));
    await chain.submit(user, { cancelContract: { contractId: contractIds[7] } });
  }, 60_000);

  afterAll(async () => {
    chain?.close();
    if (proc) await killed(proc);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  afterEach(() => jest.restoreAllMocks());

  it('60 contracts read at once take one chain call and equal what GetContract answers', async () => {
    const reads = new ChainReads(chain);
    const list = jest.spyOn(chain, 'contracts');
    const one = jest.spyOn(chain, 'contract');
    const got = await Promise.all(contractIds.map((id) => reads.contract(id)));
    expect(list).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    one.mockRestore();
    expect(got).toEqual(await Promise.all(contractIds.map((id) => chain.contract(id))));
    expect(got[7].state).toBe('Deleted');
  });

  it('a contract the chain does not have fails as GetContract fails, and the others are still answered', async () => {
    const reads = new ChainReads(chain);
    const alone = await chain.contract(99_999).catch((err: Error) => err);
    const [first, missing, last] = await Promise.allSettled([
      reads.contract(contractIds[0]),
      reads.contract(99_999),
      reads.contract(contractIds[59]),
    ]);
    expect(first).toMatchObject({ status: 'fulfilled', value: { id: contractIds[0] } });
    expect(last).toMatchObject({ status: 'fulfilled', value: { id: contractIds[59] } });
    expect(missing.status).toBe('rejected');
    const reason = (missing as PromiseRejectedResult).reason as Error & { code: number };
    expect(reason.message).toBe((alone as Error).message);
    expect(reason.code).toBe((alone as Error & { code: number }).code);
  });

  it('a lone read is a plain GetContract, and reads later in time ask the chain again', async () => {
    const reads = new ChainReads(chain);
    const list = jest.spyOn(chain, 'contracts');
    const one = jest.spyOn(chain, 'contract');
    expect((await reads.contract(contractIds[3])).id).toBe(contractIds[3]);
    expect((await reads.contract(contractIds[3])).id).toBe(contractIds[3]);
    expect(one).toHaveBeenCalledTimes(2); // a contract is never served from memory
    expect(list).not.toHaveBeenCalled();
  });

  it('the pricing policy is read once per run, as the chain has it', async () => {
    const reads = new ChainReads(chain);
    const policy = jest.spyOn(chain, 'pricingPolicy');
    const first = await reads.pricingPolicy();
    expect(await reads.pricingPolicy()).toBe(first);
    expect(policy).toHaveBeenCalledTimes(1);
    policy.mockRestore();
    expect(first).toEqual(await chain.pricingPolicy(1));
  });

  it('nodes are looked up once per run, together; an unknown node fails as GetNode fails, and is asked again', async () => {
    const reads = new ChainReads(chain);
    const list = jest.spyOn(chain, 'nodes');
    const one = jest.spyOn(chain, 'node');
    const got = await Promise.all([...nodeIds, ...nodeIds].map((id) => reads.node(id)));
    expect(got.map((n) => n.address)).toEqual(['127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3', '127.0.0.1:1', '127.0.0.1:2', '127.0.0.1:3']);
    await reads.node(nodeIds[1]);
    expect(list).toHaveBeenCalledTimes(1);
    expect(one).not.toHaveBeenCalled();
    const alone = await chain.node(4242).catch((err: Error) => err.message);
    await expect(reads.node(4242)).rejects.toThrow(alone as string);
    await expect(reads.node(4242)).rejects.toThrow(alone as string);
    expect(one).toHaveBeenCalledTimes(3); // once here, twice through reads: a failure is not remembered
  });
});
