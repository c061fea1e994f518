import { keyPairFromSeed, signExtrinsic, encodeCall } from '../../proto';
import { startTestChain, userWithTwin, farmWithNode, newKey, type TestChain } from './helpers';

const HASH_A = 'a'.repeat(32);
const HASH_B = 'b'.repeat(32);

describe('chain-sim directory and node contracts over gRPC', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain()));
  afterEach(() => t.close());

  it('registers twins with the signer as public key, one per account', async () => {
    const { key, twinId } = await userWithTwin(t.client);
    const twin = await t.client.twin(twinId);
    expect(twin).toMatchObject({ id: twinId, accountId: key.publicKey, pk: key.publicKey });
    await expect(t.client.submit(key, { createTwin: { relay: 'x' } })).rejects.toThrow(`already has twin ${twinId}`);
  });

  it('lists farms with their public IPs and nodes with their daemon address', async () => {
    const { farmId, nodeId } = await farmWithNode(t.client, 3);
    const farm = await t.client.farm(farmId);
    expect(farm.publicIps).toHaveLength(3);
    expect(farm.publicIps.every((ip) => ip.contractId === 0)).toBe(true);
    expect((await t.client.nodes(farmId)).map((n) => n.id)).toEqual([nodeId]);
    expect((await t.client.node(nodeId)).address).toBe('127.0.0.1:1');
  });

  it('creates a node contract with its hash, reserving public IPs from the node farm, and frees them on cancel', async () => {
    const { farmId, nodeId } = await farmWithNode(t.client, 2);
    const user = await userWithTwin(t.client);
    const r = await t.client.submit(user.key, {
      createNodeContract: { nodeId, deploymentHash: HASH_A, deploymentData: '{}', publicIps: 1 },
    });
    const id = r.createdIds[0];
    const c = await t.client.contract(id);
    expect(c).toMatchObject({ id, type: 'node', state: 'Created', nodeId, twinId: user.twinId, deploymentHash: HASH_A, publicIps: 1 });
    expect(c.publicIpsList).toHaveLength(1);
    expect((await t.client.farm(farmId)).publicIps.filter((ip) => ip.contractId === id)).toHaveLength(1);
    expect(r.events.map((e) => e.type)).toEqual(['ContractCreated', 'IPsReserved']);

    const cancel = await t.client.submit(user.key, { cancelContract: { contractId: id } });
    expect(cancel.events.map((e) => e.type)).toEqual(['IPsFreed', 'NodeContractCanceled']);
    expect(await t.client.contract(id)).toMatchObject({ state: 'Deleted', deletedReason: 'CanceledByUser' });
    expect((await t.client.farm(farmId)).publicIps.every((ip) => ip.contractId === 0)).toBe(true);
  });

  it('refuses a second live contract with the same hash on the same node, but allows it after cancel', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const user = await userWithTwin(t.client);
    const first = (await t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await expect(t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).rejects.toThrow(
      `contract ${first} on node ${nodeId} already has deployment hash`,
    );
    await t.client.submit(user.key, { cancelContract: { contractId: first } });
    await expect(t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).resolves.toBeDefined();
  });

  it('refuses more public IPs than the farm has free, leaving the ledger unchanged', async () => {
    const { farmId, nodeId } = await farmWithNode(t.client, 1);
    const user = await userWithTwin(t.client);
    await expect(t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A, publicIps: 2 } })).rejects.toThrow(
      `farm ${farmId} has 1 free public IPv4 address(es); the contract asks for 2`,
    );
    expect(await t.client.contracts({ twinId: user.twinId })).toEqual([]);
  });

  it("refuses updates and cancels of another twin's contract", async () => {
    const { nodeId } = await farmWithNode(t.client);
    const owner = await userWithTwin(t.client);
    const other = await userWithTwin(t.client);
    const id = (await t.client.submit(owner.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await expect(t.client.submit(other.key, { cancelContract: { contractId: id } })).rejects.toThrow(
      `contract ${id} belongs to twin ${owner.twinId}`,
    );
    await expect(t.client.submit(other.key, { updateNodeContract: { contractId: id, deploymentHash: HASH_B } })).rejects.toThrow(
      'belongs to twin',
    );
    expect(await t.client.contract(id)).toMatchObject({ state: 'Created', deploymentHash: HASH_A });
  });

  it('updates the hash of a contract for its owner', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const owner = await userWithTwin(t.client);
    const id = (await t.client.submit(owner.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await t.client.submit(owner.key, { updateNodeContract: { contractId: id, deploymentHash: HASH_B } });
    expect((await t.client.contract(id)).deploymentHash).toBe(HASH_B);
    expect(await t.client.contractIdByNodeHash(nodeId, HASH_B)).toBe(id);
  });

  it("nobody can squat a twin's next deployment hash: hashes are unique per twin, not per node", async () => {
    const { nodeId } = await farmWithNode(t.client);
    const victim = await userWithTwin(t.client);
    const squatter = await userWithTwin(t.client);
    const squatted = (await t.client.submit(squatter.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    const own = (await t.client.submit(victim.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    expect(own).not.toBe(squatted);
    expect(await t.client.contractIdByNodeHash(nodeId, HASH_A, victim.twinId)).toBe(own);
    expect(await t.client.contractIdByNodeHash(nodeId, HASH_A, squatter.twinId)).toBe(squatted);
    // within one twin the rule holds: the same hash twice on a node is refused, naming the contract
    await expect(t.client.submit(victim.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).rejects.toThrow(
      `your contract ${own} on node ${nodeId} already has deployment hash ${HASH_A}`,
    );
  });

  it('refuses a forged signature and a replayed extrinsic', async () => {
    const { key } = await userWithTwin(t.client);
    const forged = signExtrinsic(keyPairFromSeed(Buffer.alloc(32, 200)), { createFarm: { name: 'forged' } });
    forged.signer = key.publicKey;
    const raw = (t.client as unknown as { call: (m: string, r: unknown) => Promise<unknown> }).call.bind(t.client);
    await expect(raw('Submit', forged)).rejects.toThrow('does not verify');
    const x = signExtrinsic(key, { createFarm: { name: 'once' } });
    await raw('Submit', x);
    await expect(raw('Submit', x)).rejects.toThrow('already used');
    await expect(raw('Submit', { signer: key.publicKey, nonce: 1, call: encodeCall({ createFarm: { name: 'x' } }) })).rejects.toThrow(
      'not signed',
    );
    expect((await t.client.farms()).map((f) => f.name)).toEqual(['once']);
  });

  it('applies a batch all or nothing', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const user = await userWithTwin(t.client);
    await expect(
      t.client.submit(user.key, {
        batchAll: {
          calls: [
            { createNodeContract: { nodeId, deploymentHash: HASH_A } },
            { createNodeContract: { nodeId: 999, deploymentHash: HASH_B } },
          ],
        },
      }),
    ).rejects.toThrow('batch call 1 (createNodeContract): node 999 does not exist');
    expect(await t.client.contracts({ twinId: user.twinId })).toEqual([]);
    const ok = await t.client.submit(user.key, {
      batchAll: {
        calls: [{ createNodeContract: { nodeId, deploymentHash: HASH_A } }, { createNodeContract: { nodeId, deploymentHash: HASH_B } }],
      },
    });
    expect(ok.createdIds).toHaveLength(2);
  });

  it('refuses writes by an account without a twin, saying what to do', async () => {
    await expect(t.client.submit(newKey(), { createFarm: { name: 'nope' } })).rejects.toThrow('has no twin: create one first');
  });

  it('streams past events from a block and then live ones, in order', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const user = await userWithTwin(t.client);
    const from = (await t.client.info()).block;
    const seen: string[] = [];
    const done = new Promise<void>((resolve) => {
      const sub = t.client.subscribe(from, (e) => {
        seen.push(`${e.block}:${e.type}`);
        if (e.type === 'NodeContractCanceled') {
          sub.cancel();
          resolve();
        }
      });
    });
    const id = (await t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await t.client.submit(user.key, { cancelContract: { contractId: id } });
    await done;
    expect(seen.map((s) => s.split(':')[1])).toEqual(['TwinStored', 'ContractCreated', 'NodeContractCanceled']);
  });

  it('streams to a node only the events naming it, past and live', async () => {
    const mine = await farmWithNode(t.client, 0, 'mine');
    const other = await farmWithNode(t.client, 0, 'other');
    const user = await userWithTwin(t.client);
    const from = (await t.client.info()).block;
    const past = (await t.client.submit(user.key, { createNodeContract: { nodeId: mine.nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await t.client.submit(user.key, { createNodeContract: { nodeId: other.nodeId, deploymentHash: HASH_A } });
    const seen: string[] = [];
    let live = 0;
    const done = new Promise<void>((resolve) => {
      const sub = t.client.subscribe(
        from,
        (e) => {
          const data = JSON.parse(e.data) as { contract_id: number; node_id: number };
          seen.push(`${e.type} ${data.contract_id} node ${data.node_id}`);
          if (e.type === 'NodeContractCanceled' && data.contract_id === live) {
            sub.cancel();
            resolve();
          }
        },
        undefined,
        mine.nodeId,
      );
    });
    await t.client.submit(user.key, { createNodeContract: { nodeId: other.nodeId, deploymentHash: HASH_B } });
    live = (await t.client.submit(user.key, { createNodeContract: { nodeId: mine.nodeId, deploymentHash: HASH_B } })).createdIds[0];
    await t.client.submit(user.key, { cancelContract: { contractId: live } });
    await done;
    expect(seen).toEqual([
      `ContractCreated ${past} node ${mine.nodeId}`,
      `ContractCreated ${live} node ${mine.nodeId}`,
      `NodeContractCanceled ${live} node ${mine.nodeId}`,
    ]);
  });

  it('keeps twins, farms, nodes and contracts across a restart', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const user = await userWithTwin(t.client);
    const id = (await t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await t.restart();
    expect(await t.client.twin(user.twinId)).toMatchObject({ accountId: user.key.publicKey });
    expect(await t.client.contract(id)).toMatchObject({ state: 'Created', deploymentHash: HASH_A });
    expect((await t.client.node(nodeId)).id).toBe(nodeId);
  });
});

describe('chain-sim refusals leave the ledger unchanged', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain()));
  afterEach(() => t.close());

  it('refuses a name already taken by another twin, the grid over', async () => {
    const a = await userWithTwin(t.client);
    const b = await userWithTwin(t.client);
    const id = (await t.client.submit(a.key, { createNameContract: { name: 'my-site' } })).createdIds[0];
    await expect(t.client.submit(b.key, { createNameContract: { name: 'my-site' } })).rejects.toThrow(
      `the name my-site is taken by contract ${id}`,
    );
    expect(await t.client.contracts({ twinId: b.twinId })).toEqual([]);
  });

  it('refuses to register a public IP that a farm already has', async () => {
    const { farmId } = await farmWithNode(t.client, 1);
    const ip = (await t.client.farm(farmId)).publicIps[0].ip;
    const other = await userWithTwin(t.client);
    await expect(
      t.client.submit(other.key, { createFarm: { name: 'copycat', publicIps: [{ ip, gateway: '203.0.113.1' }] } }),
    ).rejects.toThrow(`public IP ${ip} is already registered on farm ${farmId}`);
    expect((await t.client.farms()).map((f) => f.name)).not.toContain('copycat');
  });

  it('never reserves one public IP for two contracts', async () => {
    const { nodeId } = await farmWithNode(t.client, 1);
    const user = await userWithTwin(t.client);
    const first = (await t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_A, publicIps: 1 } })).createdIds[0];
    await expect(t.client.submit(user.key, { createNodeContract: { nodeId, deploymentHash: HASH_B, publicIps: 1 } })).rejects.toThrow(
      'has 0 free public IPv4',
    );
    expect((await t.client.contract(first)).publicIpsList).toHaveLength(1);
    expect(await t.client.contracts({ twinId: user.twinId })).toHaveLength(1);
  });

  it('refuses to cancel a rent contract while node contracts remain on the node', async () => {
    const { nodeId } = await farmWithNode(t.client);
    const renter = await userWithTwin(t.client);
    const rent = (await t.client.submit(renter.key, { createRentContract: { nodeId } })).createdIds[0];
    const other = await userWithTwin(t.client);
    await expect(t.client.submit(other.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).rejects.toThrow(
      `node ${nodeId} is rented by twin ${renter.twinId}`,
    );
    const vm = (await t.client.submit(renter.key, { createNodeContract: { nodeId, deploymentHash: HASH_A } })).createdIds[0];
    await expect(t.client.submit(renter.key, { cancelContract: { contractId: rent } })).rejects.toThrow(
      `rent contract ${rent} cannot be cancelled while node ${nodeId} still has 1 node contract(s)`,
    );
    expect((await t.client.contract(rent)).state).toBe('Created');
    await t.client.submit(renter.key, { cancelContract: { contractId: vm } });
    await t.client.submit(renter.key, { cancelContract: { contractId: rent } });
    expect((await t.client.contract(rent)).state).toBe('Deleted');
  });

  it('refuses a hash update while the contract is in grace', async () => {
    const { nodeId } = await farmWithNode(t.client, 1);
    const poor = await userWithTwin(t.client, '0.0000001');
    const id = (await t.client.submit(poor.key, { createNodeContract: { nodeId, deploymentHash: HASH_A, publicIps: 1 } })).createdIds[0];
    await t.client.advanceTime(3600);
    expect((await t.client.contract(id)).state).toBe('GracePeriod');
    await expect(t.client.submit(poor.key, { updateNodeContract: { contractId: id, deploymentHash: HASH_B } })).rejects.toThrow(
      `contract ${id} is in its grace period`,
    );
    expect((await t.client.contract(id)).deploymentHash).toBe(HASH_A);
  });
});
