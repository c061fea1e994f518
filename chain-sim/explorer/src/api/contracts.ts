// /contracts, /contracts/{id}, /contracts/{id}/bills and /twins/{id}/consumption.
import { unitsToTft } from '../../../../proto';
import type { ContractRow } from '../../../src/ledger/rows';
import type { LedgerReader } from '../ledger-reader';
import type { Snapshot } from '../grid-snapshot';
import { notFound } from './http-error';
import { PAGING, pageOf, paging, parseQuery, type ParamSpec } from './query';

const CONTRACT_PARAMS: ParamSpec = {
  ...PAGING,
  contract_id: 'uint',
  twin_id: 'uint',
  node_id: 'uint',
  type: ['node', 'name', 'rent'],
  state: 'string-list',
  name: 'string',
  number_of_public_ips: 'uint',
  deployment_data: 'string',
  deployment_hash: 'string',
  farm_name: 'string',
  farm_id: 'uint',
};

export interface ContractJson {
  contract_id: number;
  twin_id: number;
  state: string;
  created_at: number;
  type: string;
  details: Record<string, unknown>;
}

export function contractJson(c: ContractRow, snap: Snapshot): ContractJson {
  const farmId = snap.byId.get(c.node_id)?.record.farmId ?? 0;
  const farmName = snap.byId.get(c.node_id)?.record.farmName ?? '';
  const base = { contract_id: c.id, twin_id: c.twin_id, state: c.state, created_at: c.created, type: c.type };
  if (c.type === 'name') return { ...base, details: { name: c.name } };
  if (c.type === 'rent') return { ...base, details: { nodeId: c.node_id, farm_name: farmName, farm_id: farmId } };
  return {
    ...base,
    details: {
      nodeId: c.node_id,
      deployment_data: c.deployment_data,
      deployment_hash: c.deployment_hash,
      number_of_public_ips: c.public_ips,
      farm_name: farmName,
      farm_id: farmId,
    },
  };
}

export function listContracts(ledger: LedgerReader, snap: Snapshot, params: URLSearchParams) {
  const q = parseQuery(params, CONTRACT_PARAMS, '/contracts');
  const p = paging(q, ['contract_id', 'twin_id', 'created_at', 'state', 'type']);
  const states = (q.state as string[] | undefined)?.map((s) => s.toLowerCase());
  const has = (k: string) => q[k] !== undefined;
  const rows = ledger.contracts().filter((c) => {
    if (has('contract_id') && c.id !== q.contract_id) return false;
    if (has('twin_id') && c.twin_id !== q.twin_id) return false;
    if (has('node_id') && c.node_id !== q.node_id) return false;
    if (has('type') && c.type !== q.type) return false;
    if (states?.length && !states.includes(c.state.toLowerCase())) return false;
    if (has('name') && c.name !== q.name) return false;
    if (has('number_of_public_ips') && c.public_ips !== q.number_of_public_ips) return false;
    if (has('deployment_data') && c.deployment_data !== q.deployment_data) return false;
    if (has('deployment_hash') && c.deployment_hash !== q.deployment_hash) return false;
    if (has('farm_id') && snap.byId.get(c.node_id)?.record.farmId !== q.farm_id) return false;
    if (has('farm_name') && snap.byId.get(c.node_id)?.record.farmName !== q.farm_name) return false;
    return true;
  });
  const keys: Record<string, (c: ContractRow) => number | string> = {
    contract_id: (c) => c.id,
    twin_id: (c) => c.twin_id,
    created_at: (c) => c.created,
    state: (c) => c.state,
    type: (c) => c.type,
  };
  const { body, headers } = pageOf(rows, p, keys[p.sortBy ?? 'contract_id']);
  return { body: body.map((c) => contractJson(c, snap)), headers };
}

export function contractRow(ledger: LedgerReader, id: number): ContractRow {
  const c = ledger.q.contract(id);
  if (!c) throw notFound(`contract ${id} not found`);
  return c;
}

export function contractBills(ledger: LedgerReader, id: number, params: URLSearchParams) {
  contractRow(ledger, id);
  const p = paging(parseQuery(params, PAGING, `/contracts/${id}/bills`), ['timestamp']);
  const bills = ledger.q
    .bills(id)
    .filter((b) => b.amount > 0n)
    .map((b) => ({
      amountBilled: Number(b.amount),
      discountReceived: b.discount_level,
      timestamp: Number(b.timestamp),
      contract_id: id,
    }));
  return pageOf(bills, p, (b) => b.timestamp);
}

/** What the twin paid in the last hour of chain time and since it began, in TFT. */
export function twinConsumption(ledger: LedgerReader, twinId: number, chainNow: number) {
  if (!ledger.q.twin(twinId)) throw notFound(`twin ${twinId} not found`);
  return {
    last_hour_consumption: Number(unitsToTft(ledger.billedSince(twinId, chainNow - 3600))),
    overall_consumption: Number(unitsToTft(ledger.billedSince(twinId, -1))),
  };
}
