// /farms, /twins and /public_ips, in Grid Proxy's shapes.
import type { PublicIpRow } from '../../../src/ledger/rows';
import type { LedgerReader } from '../ledger-reader';
import type { Snapshot } from '../grid-snapshot';
import { PAGING, pageOf, paging, parseQuery, type ParamSpec } from './query';

const FARM_PARAMS: ParamSpec = {
  ...PAGING,
  free_ips: 'uint',
  total_ips: 'uint',
  pricing_policy_id: 'uint',
  farm_id: 'uint',
  twin_id: 'uint',
  name: 'string',
  name_contains: 'string',
  certification_type: 'string',
  dedicated: 'bool',
  stellar_address: 'string',
  node_status: 'string',
  node_available_for: 'uint',
  node_free_mru: 'uint',
  node_free_sru: 'uint',
  node_free_hru: 'uint',
  country: 'string',
};

const ipJson = (ip: PublicIpRow) => ({
  id: ip.ip,
  ip: ip.ip,
  gateway: ip.gateway,
  contract_id: ip.contract_id,
  farm_id: String(ip.farm_id),
});

export function listFarms(ledger: LedgerReader, snap: Snapshot, params: URLSearchParams) {
  const q = parseQuery(params, FARM_PARAMS, '/farms');
  const p = paging(q, ['farm_id', 'name', 'twin_id', 'free_ips', 'total_ips', 'dedicated', 'certification_type']);
  const ipsByFarm = new Map<number, PublicIpRow[]>();
  for (const ip of ledger.publicIps()) ipsByFarm.set(ip.farm_id, [...(ipsByFarm.get(ip.farm_id) ?? []), ip]);
  const has = (k: string) => q[k] !== undefined;
  const nodesOf = (farmId: number) => snap.nodes.filter((n) => n.record.farmId === farmId);
  const farms = snap.farms
    .map((f) => {
      const ips = ipsByFarm.get(f.id) ?? [];
      return {
        json: {
          name: f.name,
          farmId: f.id,
          twinId: f.twin_id,
          pricingPolicyId: f.pricing_policy_id,
          certificationType: f.certification,
          stellarAddress: '',
          dedicated: !!f.dedicated,
          publicIps: ips.map(ipJson),
        },
        freeIps: ips.filter((ip) => !ip.contract_id).length,
      };
    })
    .filter(({ json: f, freeIps }) => {
      if (has('free_ips') && freeIps < (q.free_ips as number)) return false;
      if (has('total_ips') && f.publicIps.length < (q.total_ips as number)) return false;
      if (has('pricing_policy_id') && f.pricingPolicyId !== q.pricing_policy_id) return false;
      if (has('farm_id') && f.farmId !== q.farm_id) return false;
      if (has('twin_id') && f.twinId !== q.twin_id) return false;
      if (has('name') && f.name.toLowerCase() !== String(q.name).toLowerCase()) return false;
      if (has('name_contains') && !f.name.toLowerCase().includes(String(q.name_contains).toLowerCase())) return false;
      if (has('certification_type') && f.certificationType.toLowerCase() !== String(q.certification_type).toLowerCase()) return false;
      if (has('dedicated') && f.dedicated !== q.dedicated) return false;
      if (has('stellar_address') && f.stellarAddress !== q.stellar_address) return false;
      const nodes = nodesOf(f.farmId);
      if (has('node_status') && !nodes.some((n) => n.record.status === q.node_status)) return false;
      if (has('node_free_mru') && !nodes.some((n) => n.free.mru >= (q.node_free_mru as number))) return false;
      if (has('node_free_sru') && !nodes.some((n) => n.free.sru >= (q.node_free_sru as number))) return false;
      if (has('node_free_hru') && !nodes.some((n) => n.free.hru >= (q.node_free_hru as number))) return false;
      if (has('node_available_for') && !nodes.some((n) => !n.record.rented || n.record.rentedByTwinId === q.node_available_for))
        return false;
      if (has('country') && !nodes.some((n) => n.record.country.toLowerCase() === String(q.country).toLowerCase())) return false;
      return true;
    });
  const keys: Record<string, (x: (typeof farms)[number]) => number | string> = {
    farm_id: (x) => x.json.farmId,
    name: (x) => x.json.name,
    twin_id: (x) => x.json.twinId,
    free_ips: (x) => x.freeIps,
    total_ips: (x) => x.json.publicIps.length,
    dedicated: (x) => Number(x.json.dedicated),
    certification_type: (x) => x.json.certificationType,
  };
  const { body, headers } = pageOf(farms, p, keys[p.sortBy ?? 'farm_id']);
  return { body: body.map((x) => x.json), headers };
}

const TWIN_PARAMS: ParamSpec = { ...PAGING, twin_id: 'uint', account_id: 'string', relay: 'string', public_key: 'string' };

export function listTwins(ledger: LedgerReader, params: URLSearchParams) {
  const q = parseQuery(params, TWIN_PARAMS, '/twins');
  const p = paging(q, ['twin_id', 'relay']);
  const twins = ledger
    .twins()
    .map((t) => ({ twinId: t.id, accountId: t.account_id, relay: t.relay, publicKey: t.pk }))
    .filter(
      (t) =>
        (q.twin_id === undefined || t.twinId === q.twin_id) &&
        (q.account_id === undefined || t.accountId === q.account_id) &&
        (q.relay === undefined || t.relay === q.relay) &&
        (q.public_key === undefined || t.publicKey === q.public_key),
    );
  return pageOf(twins, p, p.sortBy === 'relay' ? (t) => t.relay : (t) => t.twinId);
}

const IP_PARAMS: ParamSpec = { ...PAGING, farm_ids: 'uint-list', ip: 'string', gateway: 'string', free: 'bool' };

export function listPublicIps(ledger: LedgerReader, params: URLSearchParams) {
  const q = parseQuery(params, IP_PARAMS, '/public_ips');
  const p = paging(q, ['ip', 'farm_id', 'contract_id']);
  const farmIds = q.farm_ids as number[] | undefined;
  const ips = ledger
    .publicIps()
    .filter(
      (ip) =>
        (!farmIds?.length || farmIds.includes(ip.farm_id)) &&
        (q.ip === undefined || ip.ip === q.ip) &&
        (q.gateway === undefined || ip.gateway === q.gateway) &&
        (q.free === undefined || !ip.contract_id === q.free),
    );
  const keys: Record<string, (ip: PublicIpRow) => number | string> = {
    ip: (ip) => ip.ip,
    farm_id: (ip) => ip.farm_id,
    contract_id: (ip) => ip.contract_id,
  };
  const { body, headers } = pageOf(ips, p, keys[p.sortBy ?? 'farm_id']);
  return { body: body.map(ipJson), headers };
}
