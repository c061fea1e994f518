// Billing as TFChain settles it: the worked example of the pricing, each discount level at its
// boundary, and grace, recovery and deletion for lack of funds.
import { tftToUnits, unitsToTft, type KeyPair } from '../../proto';
import { computeUnits, hourlyResourceCost, storageUnits } from '../src/ledger/billing/pricing';
import { discountLevel } from '../src/ledger/billing/discount';
import { usdUnitsToTftUnits } from '../src/ledger/billing/tft';
import { farmWithNode, newKey, startTestChain, type TestChain } from './helpers';

const GiB = 2 ** 30;
const EXAMPLE = { cru: 2, mru: 4 * GiB, sru: (2 + 48) * GiB, hru: 0 };

describe('pricing', () => {
  it('prices the worked example: CU 1, SU 0.25, 0.01525 USD per hour, 0.305 TFT at 0.05 USD', () => {
    expect(computeUnits(EXAMPLE)).toBe(1);
    expect(storageUnits(EXAMPLE)).toBe(0.25);
    const usd = hourlyResourceCost(EXAMPLE, 1);
    expect(usd).toBe(152_500n); // units of 1e-7 USD
    expect(unitsToTft(usdUnitsToTftUnits(usd, '0.05'))).toBe('0.305');
  });

  it('gives each discount level from its exact boundary on', () => {
    const hourly = tftToUnits('0.305'); // 219.6 TFT a month of 720 hours
    const at = (tft: string) => discountLevel(tftToUnits(tft), hourly).level;
    expect([at('3952.8'), at('3952.7999999')]).toEqual(['Gold', 'Silver']);
    expect([at('1317.6'), at('1317.5999999')]).toEqual(['Silver', 'Bronze']);
    expect([at('658.8'), at('658.7999999')]).toEqual(['Bronze', 'Default']);
    expect([at('329.4'), at('329.3999999')]).toEqual(['Default', 'None']);
  });
});

describe('hourly billing on the chain', () => {
  let t: TestChain;
  let nodeKey: KeyPair;
  let nodeId: number;

  beforeEach(async () => {
    t = await startTestChain({ gracePeriodSeconds: 3 * 3600 });
    const farm = await farmWithNode(t.client, 4);
    nodeKey = farm.node.key;
    nodeId = farm.nodeId;
  });
  afterEach(() => t.close());

  async function exampleContract(balanceTft: string) {
    const key = newKey();
    if (balanceTft !== '0') await t.client.fund(key.publicKey, tftToUnits(balanceTft));
    const twinId = (await t.client.submit(key, { createTwin: { relay: 'r' } })).createdIds[0];
    const hash = Math.random().toString(16).slice(2).padEnd(32, '0').slice(0, 32);
    const contractId = (await t.client.submit(key, { createNodeContract: { nodeId, deploymentHash: hash, publicIps: 1 } })).createdIds[0];
    await t.client.submit(nodeKey, { reportContractResources: { reports: [{ contractId, used: EXAMPLE }] } });
    return { key, twinId, contractId };
  }

  it.each([
    ['3952.8', 'Gold', '0.122'],
    ['3952.7999999', 'Silver', '0.183'],
    ['658.8', 'Bronze', '0.2135'],
    ['329.4', 'Default', '0.244'],
    ['329.3999999', 'None', '0.305'],
  ])('bills one hour of the example with a balance of %s TFT at level %s: %s TFT', async (balance, level, amount) => {
    const { key, contractId } = await exampleContract(balance);
    await t.client.advanceTime(3600);
    const bills = await t.client.bills(contractId);
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ discountLevel: level, seconds: 3600 });
    expect(unitsToTft(bills[0].amount)).toBe(amount);
    expect((await t.client.account(key.publicKey)).balance).toBe((tftToUnits(balance) - tftToUnits(amount)).toString());
  });

  it('bills each period exactly once when time jumps several hours, and distributes what it billed', async () => {
    const { contractId } = await exampleContract('100');
    await t.client.advanceTime(5 * 3600);
    const bills = await t.client.bills(contractId);
    expect(bills.map((b) => b.seconds)).toEqual([3600, 3600, 3600, 3600, 3600]);
    const total = bills.reduce((s, b) => s + BigInt(b.amount), 0n);
    const foundation = BigInt((await t.client.account('0'.repeat(63) + '1')).balance);
    expect(foundation).toBe(bills.reduce((s, b) => s + (BigInt(b.amount) * 10n) / 100n, 0n));
    expect(total).toBeGreaterThan(0n);
  });

  it('puts an unpaid contract in grace, and a top-up brings it back at the next bill, debt paid', async () => {
    const { key, contractId } = await exampleContract('0.1');
    const from = (await t.client.info()).block;
    await t.client.advanceTime(3600);
    expect((await t.client.contract(contractId)).state).toBe('GracePeriod');
    await t.client.fund(key.publicKey, tftToUnits('50'));
    await t.client.advanceTime(3600);
    expect((await t.client.contract(contractId)).state).toBe('Created');
    const types = await eventTypes(from, contractId);
    expect(types).toEqual(['ContractGracePeriodStarted', 'ContractBilled', 'ContractGracePeriodEnded']);
    const bills = await t.client.bills(contractId);
    expect(bills[0].amount).toBe('0');
    expect(BigInt(bills[1].amount)).toBe(BigInt(bills[1].amountDue));
    expect(BigInt(bills[1].amount)).toBeGreaterThan(tftToUnits('0.305'));
  });

  it('deletes a contract out of funds when its grace period ends, across a chain restart, and frees its IP', async () => {
    const { contractId } = await exampleContract('0.1');
    const from = (await t.client.info()).block;
    await t.client.advanceTime(2 * 3600);
    expect((await t.client.contract(contractId)).state).toBe('GracePeriod');
    await t.restart();
    expect((await t.client.contract(contractId)).state).toBe('GracePeriod');
    await t.client.advanceTime(3 * 3600);
    const c = await t.client.contract(contractId);
    expect(c).toMatchObject({ state: 'Deleted', deletedReason: 'OutOfFunds' });
    expect(c.publicIpsList).toEqual([]);
    expect(await eventTypes(from, contractId)).toEqual(['ContractGracePeriodStarted', 'IPsFreed', 'NodeContractCanceled']);
  });

  /** The events about a contract since block `from`, read from the stream up to a marker write. */
  async function eventTypes(from: number, contractId: number): Promise<string[]> {
    const marker = newKey().publicKey;
    await t.client.fund(marker, 1n);
    const types: string[] = [];
    await new Promise<void>((resolve) => {
      const sub = t.client.subscribe(from, (e) => {
        const data = JSON.parse(e.data) as { contract_id?: number; account_id?: string };
        if (data.contract_id === contractId && e.type !== 'UpdatedUsedResources') types.push(e.type);
        if (e.type === 'Minted' && data.account_id === marker) {
          sub.cancel();
          resolve();
        }
      });
    });
    return types;
  }
});

describe('billing at cancellation', () => {
  let t: TestChain;
  beforeEach(async () => (t = await startTestChain()));
  afterEach(() => t.close());

  it('bills the seconds since the last bill, prorated, when a contract is cancelled', async () => {
    const { nodeId, node } = await farmWithNode(t.client, 1);
    const key = newKey();
    await t.client.fund(key.publicKey, tftToUnits('10'));
    await t.client.submit(key, { createTwin: { relay: 'r' } });
    const id = (await t.client.submit(key, { createNodeContract: { nodeId, deploymentHash: 'c'.repeat(32), publicIps: 1 } })).createdIds[0];
    await t.client.submit(node.key, { reportContractResources: { reports: [{ contractId: id, used: EXAMPLE }] } });
    t.clock.advance(1800);
    await t.client.submit(key, { cancelContract: { contractId: id } });
    const bills = await t.client.bills(id);
    expect(bills).toHaveLength(1);
    expect(bills[0]).toMatchObject({ seconds: 1800, discountLevel: 'None' });
    expect(unitsToTft(bills[0].amount)).toBe('0.1525'); // half an hour of 0.305 TFT
  });
});
