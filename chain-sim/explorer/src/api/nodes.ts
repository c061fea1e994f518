// /nodes, /gateways and one node: Grid Proxy's filters over the snapshot's node records.
import type { NodeEntry, NodeRecord, Snapshot } from '../grid-snapshot';
import { badRequest, notFound } from './http-error';
import { PAGING, pageOf, paging, parseQuery, type ParamSpec, type Parsed } from './query';

export const NODE_PARAMS: ParamSpec = {
  ...PAGING,
  status: 'string-list',
  healthy: 'bool',
  free_mru: 'uint',
  free_sru: 'uint',
  free_hru: 'uint',
  free_ips: 'uint',
  total_cru: 'uint',
  total_mru: 'uint',
  total_sru: 'uint',
  total_hru: 'uint',
  farm_ids: 'uint-list',
  node_id: 'uint',
  node_ids: 'uint-list',
  twin_id: 'uint',
  farm_name: 'string',
  domain: 'bool',
  ipv4: 'bool',
  ipv6: 'bool',
  dedicated: 'bool',
  in_dedicated_farm: 'bool',
  rentable: 'bool',
  rented: 'bool',
  rented_by: 'uint',
  available_for: 'uint',
  rentable_or_rented_by: 'uint',
  owned_by: 'uint',
  country: 'string',
  city: 'string',
  certification_type: 'string',
  features: 'string-list',
  excluded: 'uint-list',
  has_gpu: 'bool',
  num_gpu: 'uint',
  gpu_device_id: 'string',
  gpu_device_name: 'string',
  gpu_vendor_id: 'string',
  gpu_vendor_name: 'string',
  gpu_available: 'bool',
};

const GPU_FILTERS = ['gpu_device_id', 'gpu_device_name', 'gpu_vendor_id', 'gpu_vendor_name', 'gpu_available'];

/** Grid Proxy's GPU filters: some GPU of the node meets every GPU condition given (names and ids by part). */
function gpuMatches(rec: NodeRecord, q: Parsed): boolean {
  if (q.has_gpu !== undefined && rec.num_gpu > 0 !== q.has_gpu) return false;
  if (q.num_gpu !== undefined && rec.num_gpu < (q.num_gpu as number)) return false;
  if (!GPU_FILTERS.some((k) => q[k] !== undefined)) return true;
  const part = (text: string, k: string) => q[k] === undefined || text.toLowerCase().includes(String(q[k]).toLowerCase());
  return rec.gpus.some(
    (g) =>
      part(g.id, 'gpu_device_id') &&
      part(g.id, 'gpu_vendor_id') &&
      part(g.device, 'gpu_device_name') &&
      part(g.vendor, 'gpu_vendor_name') &&
      (q.gpu_available === undefined || (g.contract === 0) === q.gpu_available),
  );
}

const STATUSES = ['up', 'down', 'standby'];

type SortKey = (n: NodeEntry) => number | string;
const r =
  (f: (n: NodeRecord) => number | boolean): SortKey =>
  (n) =>
    Number(f(n.record));
const SORT_KEYS: Record<string, SortKey> = {
  node_id: r((n) => n.nodeId),
  farm_id: r((n) => n.farmId),
  twin_id: r((n) => n.twinId),
  uptime: r((n) => n.uptime),
  created: r((n) => n.created),
  updated_at: r((n) => n.updatedAt),
  country: (n) => n.record.country,
  city: (n) => n.record.city,
  farm_name: (n) => n.record.farmName,
  status: (n) => n.record.status,
  rent_contract_id: r((n) => n.rentContractId),
  dedicated_farm: r((n) => n.inDedicatedFarm),
  rented: r((n) => n.rented),
  rentable: r((n) => n.rentable),
  total_cru: r((n) => n.total_resources.cru),
  total_mru: r((n) => n.total_resources.mru),
  total_sru: r((n) => n.total_resources.sru),
  total_hru: r((n) => n.total_resources.hru),
  used_cru: r((n) => n.used_resources.cru),
  used_mru: r((n) => n.used_resources.mru),
  used_sru: r((n) => n.used_resources.sru),
  used_hru: r((n) => n.used_resources.hru),
  free_cru: (n) => n.free.cru,
  num_gpu: r((n) => n.num_gpu),
  extra_fee: r((n) => n.extraFee),
  price_usd: r((n) => n.price_usd),
};

/** Farm names and owners, looked up by farm_name and owned_by. */
interface FarmFacts {
  names: Map<number, string>;
  twins: Map<number, number>;
}

/** Every filter given must hold; each is Grid Proxy's meaning of its parameter. */
function matches(n: NodeEntry, q: Parsed, farms: FarmFacts): boolean {
  const rec = n.record;
  const has = (k: string) => q[k] !== undefined;
  const list = (k: string) => q[k] as (number | string)[];
  if (has('status') && !list('status').includes(rec.status)) return false;
  if (has('healthy') && rec.healthy !== q.healthy) return false;
  if (has('free_mru') && n.free.mru < (q.free_mru as number)) return false;
  if (has('free_sru') && n.free.sru < (q.free_sru as number)) return false;
  if (has('free_hru') && n.free.hru < (q.free_hru as number)) return false;
  if (has('free_ips') && rec.farm_free_ips < (q.free_ips as number)) return false;
  for (const k of ['cru', 'mru', 'sru', 'hru'] as const)
    if (has(`total_${k}`) && rec.total_resources[k] < (q[`total_${k}`] as number)) return false;
  if (has('farm_ids') && list('farm_ids').length && !list('farm_ids').includes(rec.farmId)) return false;
  if (has('node_id') && rec.nodeId !== q.node_id) return false;
  if (has('node_ids') && list('node_ids').length && !list('node_ids').includes(rec.nodeId)) return false;
  if (has('excluded') && list('excluded').includes(rec.nodeId)) return false;
  if (has('twin_id') && rec.twinId !== q.twin_id) return false;
  if (has('farm_name') && farms.names.get(rec.farmId)?.toLowerCase() !== String(q.farm_name).toLowerCase()) return false;
  if (has('domain') && !!rec.publicConfig.domain !== q.domain) return false;
  if (has('ipv4') && !!rec.publicConfig.ipv4 !== q.ipv4) return false;
  if (has('ipv6') && !!rec.publicConfig.ipv6 !== q.ipv6) return false;
  if (has('dedicated') && rec.dedicated !== q.dedicated) return false;
  if (has('in_dedicated_farm') && rec.inDedicatedFarm !== q.in_dedicated_farm) return false;
  if (has('rentable') && rec.rentable !== q.rentable) return false;
  if (has('rented') && rec.rented !== q.rented) return false;
  if (has('rented_by') && rec.rentedByTwinId !== q.rented_by) return false;
  // rented by the twin, or neither rented nor in a dedicated farm nor a dedicated node
  if (has('available_for') && rec.rentedByTwinId !== q.available_for && (rec.rented || rec.inDedicatedFarm || n.dedicatedNode))
    return false;
  if (has('rentable_or_rented_by') && !rec.rentable && rec.rentedByTwinId !== q.rentable_or_rented_by) return false;
  if (has('owned_by') && farms.twins.get(rec.farmId) !== q.owned_by) return false;
  if (has('country') && rec.country.toLowerCase() !== String(q.country).toLowerCase()) return false;
  if (has('city') && rec.city.toLowerCase() !== String(q.city).toLowerCase()) return false;
  if (has('certification_type') && rec.certificationType.toLowerCase() !== String(q.certification_type).toLowerCase()) return false;
  if (has('features') && !list('features').every((f) => rec.features.includes(String(f)))) return false;
  return gpuMatches(rec, q);
}

export function listNodes(snap: Snapshot, params: URLSearchParams, path: string, onlyGateways = false) {
  const q = parseQuery(params, NODE_PARAMS, path);
  const p = paging(q, Object.keys(SORT_KEYS));
  for (const s of (q.status as string[] | undefined) ?? []) {
    if (!STATUSES.includes(s))
      throw badRequest(`query parameter status must be up, down or standby (comma-separated), not ${JSON.stringify(s)}`);
  }
  const farms: FarmFacts = {
    names: new Map(snap.farms.map((f) => [f.id, f.name])),
    twins: new Map(snap.farms.map((f) => [f.id, f.twin_id])),
  };
  const hits = snap.nodes.filter((n) => (!onlyGateways || !!n.record.publicConfig.domain) && matches(n, q, farms));
  const { body, headers } = pageOf(hits, p, SORT_KEYS[p.sortBy ?? 'node_id']);
  return { body: body.map((n) => n.record), headers };
}

/** /nodes/{id}: the record with both resource objects under `capacity`, as Grid Proxy nests them. */
export function oneNode(snap: Snapshot, id: number, what = 'node'): NodeRecord & { capacity: unknown } {
  const n = snap.byId.get(id);
  if (!n) throw notFound(`${what} ${id} not found`);
  const { total_resources, used_resources, ...rest } = n.record;
  return { ...rest, capacity: { total_resources, used_resources } } as NodeRecord & { capacity: unknown };
}

export function nodeEntry(snap: Snapshot, id: number): NodeEntry {
  const n = snap.byId.get(id);
  if (!n) throw notFound(`node ${id} not found`);
  return n;
}
