// A rented node's extra fee, as TFChain has it (set_dedicated_node_extra_fee): the farmer sets it in
// mUSD per month on a node without contracts; the node becomes dedicated (a node contract needs a
// rent contract); its rent contract pays the fee, prorated by the second and undiscounted, on top.
import { tftToUnits } from '../../proto';
import { extraFeeUnitsUsd, SECS_PER_MONTH } from '../src/ledger/billing/pricing';
import { usdUnitsToTftUnits } from '../src/ledger/billing/tft';
import { farmWithNode, startTestChain, userWithTwin, type TestChain } from './helpers';

/** 72 USD a month: 0.1 USD an hour */
const FEE_MUSD = 72_000;

describe('extra fee of a dedicated (GPU) node', () => {
  let t: TestChain;

  beforeEach(async () => {
    t = await startTestChain();
  });
  afterEach(() => t.close());

  it('converts mUSD per month to units USD by the second, as TFChain does', () => {
    expect(extraFeeUnitsUsd(FEE_MUSD, 3600)).toBe(1_000_000n); // 0.1 USD
    expect(extraFeeUnitsUsd(FEE_MUSD, SECS_PER_MONTH)).toBe(720_000_000n);
    expect(extraFeeUnitsUsd(0, 3600)).toBe(0n);
  });

  it('only the farmer sets it, only on a node without contracts; the node then needs a rent contract', async () => {
    const farm = await farmWithNode(t.client);
    const user = await userWithTwin(t.client);
    await expect(t.client.submit(user.key, { setDedicatedNodeExtraFee: { nodeId: farm.nodeId, extraFee: FEE_MUSD } })).rejects.toThrow(
      `only the farmer (twin ${farm.farmer.twinId}) may set the extra fee of node ${farm.nodeId}`,
    );
    await t.client.submit(farm.farmer.key, { setDedicatedNodeExtraFee: { nodeId: farm.nodeId, extraFee: FEE_MUSD } });
    expect(Number((await t.client.node(farm.nodeId)).extraFee)).toBe(FEE_MUSD);
    await expect(
      t.client.submit(user.key, { createNodeContract: { nodeId: farm.nodeId, deploymentHash: 'a'.repeat(32), publicIps: 0 } }),
    ).rejects.toThrow(`node ${farm.nodeId} is dedicated: create a rent contract on it first`);
    await t.client.submit(user.key, { createRentContract: { nodeId: farm.nodeId } });
    await expect(t.client.submit(farm.farmer.key, { setDedicatedNodeExtraFee: { nodeId: farm.nodeId, extraFee: 1 } })).rejects.toThrow(
      `node ${farm.nodeId} has 1 active contract(s): set its extra fee while it has none`,
    );
  });

  it("bills the fee with the rent contract: an hour costs the same node's rent plus 0.1 USD in TFT", async () => {
    const plain = await farmWithNode(t.client, 1, 'plain');
    const gpu = await farmWithNode(t.client, 1, 'gpu');
    await t.client.submit(gpu.farmer.key, { setDedicatedNodeExtraFee: { nodeId: gpu.nodeId, extraFee: FEE_MUSD } });
    const a = await userWithTwin(t.client, '100000');
    const b = await userWithTwin(t.client, '100000');
    const rentPlain = (await t.client.submit(a.key, { createRentContract: { nodeId: plain.nodeId } })).createdIds[0];
    const rentGpu = (await t.client.submit(b.key, { createRentContract: { nodeId: gpu.nodeId } })).createdIds[0];
    await t.client.advanceTime(3600);
    const [billPlain] = await t.client.bills(rentPlain);
    const [billGpu] = await t.client.bills(rentGpu);
    expect(billGpu.discountLevel).toBe(billPlain.discountLevel);
    const price = (await t.client.info()).tftPriceUsd;
    expect(BigInt(billGpu.amount) - BigInt(billPlain.amount)).toBe(usdUnitsToTftUnits(1_000_000n, price));
    expect(usdUnitsToTftUnits(1_000_000n, price)).toBe(tftToUnits('2')); // 0.1 USD at 0.05 USD/TFT
  });
});
