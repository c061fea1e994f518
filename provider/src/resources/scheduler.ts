// grid_scheduler: for each request, the first node (by id, so the same grid gives the same
// answer) whose free capacity, as the node reports it, fits the request, in the right farm, with
// enough free public IPs in its farm, a gateway when asked, and not taken by another distinct
// request. Picks are kept while their request is unchanged; a request that no node fits is an
// error naming it and what it asked.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Unknown, type ObjectValue, type Value } from '../../../engine';
import type { chain } from '../../../proto';
import type { GridContext } from '../grid/context';
import { GridError } from '../grid/grid-error';
import { schedulerDecl, schedulerSchema } from '../schema/scheduler';
import { Checks } from './checks';
import type { GridResource } from './resource';

const MB = 2 ** 20;
const GB = 2 ** 30;

interface Candidate {
  node: chain.Node__Output;
  free: { cru: number; mru: number; sru: number; hru: number };
  freeIps: number;
}

async function candidates(ctx: GridContext): Promise<Candidate[]> {
  const [nodes, farms] = await Promise.all([ctx.chain.nodes(), ctx.chain.farms()]);
  const freeIps = new Map(farms.map((f) => [f.id, f.publicIps.filter((ip) => !Number(ip.contractId)).length]));
  const out = await Promise.all(nodes.map(async (node): Promise<Candidate | undefined> => {
    try {
      const s = await (await ctx.node(node.id)).statistics();
      const free = (k: 'cru' | 'mru' | 'sru' | 'hru') => Number(s.total?.[k] ?? 0) - Number(s.system?.[k] ?? 0) - Number(s.used?.[k] ?? 0);
      return { node, free: { cru: Number(s.total?.cru ?? 0), mru: free('mru'), sru: free('sru'), hru: free('hru') }, freeIps: freeIps.get(node.farmId) ?? 0 };
    } catch {
      return undefined; // a node that does not answer is not a candidate
    }
  }));
  return out.filter((c): c is Candidate => !!c).sort((a, b) => a.node.id - b.node.id);
}

function fits(c: Candidate, r: ObjectValue, taken: ReadonlySet<number>): boolean {
  const n = (v: Value | undefined) => (typeof v === 'number' ? v : 0);
  return (
    (!r.farm_id || c.node.farmId === r.farm_id) &&
    (!r.gateway || !!c.node.publicConfig?.domain) &&
    (!r.distinct || !taken.has(c.node.id)) &&
    c.free.cru >= n(r.cru) && c.free.mru >= n(r.mru) * MB && c.free.sru >= n(r.sru) * GB && c.free.hru >= n(r.hru) * GB &&
    c.freeIps >= n(r.public_ips_count)
  );
}

function describe(r: ObjectValue): string {
  const parts = ['cru', 'mru', 'sru', 'hru', 'farm_id', 'public_ips_count'].filter((k) => typeof r[k] === 'number' && r[k] !== 0).map((k) => `${k} ${String(r[k])}`);
  if (r.gateway) parts.push('a gateway');
  if (r.distinct) parts.push('distinct');
  return parts.join(', ') || 'nothing in particular';
}

async function schedule(ctx: GridContext, planned: ObjectValue, prior: ObjectValue | null): Promise<ObjectValue> {
  const requests = (planned.requests ?? []) as ObjectValue[];
  const before = new Map(((prior?.requests ?? []) as ObjectValue[]).map((r) => [String(r.name), r]));
  const kept = (prior?.nodes ?? {}) as Record<string, number>;
  const nodes: Record<string, number> = {};
  const taken = new Set<number>();
  // unchanged requests keep their node; the others are placed around them
  for (const r of requests) if (isDeepStrictEqual(before.get(String(r.name)), r) && kept[String(r.name)]) {
    nodes[String(r.name)] = kept[String(r.name)];
    if (r.distinct) taken.add(kept[String(r.name)]);
  }
  const pending = requests.filter((r) => nodes[String(r.name)] === undefined);
  if (pending.length) {
    const all = await candidates(ctx);
    for (const r of pending) {
      const pick = all.find((c) => fits(c, r, taken));
      if (!pick) throw new GridError(`no node fits request ${JSON.stringify(r.name)} (${describe(r)}) among ${all.length} node(s) answering`);
      nodes[String(r.name)] = pick.node.id;
      if (r.distinct) taken.add(pick.node.id);
      // later requests see what this one takes
      pick.free.mru -= (typeof r.mru === 'number' ? r.mru : 0) * MB;
      pick.free.sru -= (typeof r.sru === 'number' ? r.sru : 0) * GB;
      pick.free.hru -= (typeof r.hru === 'number' ? r.hru : 0) * GB;
      pick.freeIps -= typeof r.public_ips_count === 'number' ? r.public_ips_count : 0;
    }
  }
  const id = createHash('sha256').update(JSON.stringify(nodes)).digest('hex').slice(0, 16);
  return { ...planned, id, nodes };
}

export const schedulerResource: GridResource = {
  schema: schedulerSchema,
  validate(config) {
    const c = new Checks(schedulerDecl, config);
    const requests = Array.isArray(config.requests) ? (config.requests as ObjectValue[]) : [];
    if (!requests.length) c.fail(['requests'], 'No requests', 'A scheduler needs at least one request block.');
    const names = new Set<string>();
    requests.forEach((r, i) => {
      if (typeof r.name === 'string') {
        if (names.has(r.name)) c.fail(['requests', i, 'name'], 'Duplicate request name', `Another request is named ${JSON.stringify(r.name)}; names are the keys of nodes.`);
        names.add(r.name);
      }
    });
    return c.diags;
  },
  /** The picks stay known while the requests are unchanged; otherwise they are known after apply. */
  plan(prior, proposed) {
    // by value: the same requests with their keys in another order are the same requests
    const same = prior && isDeepStrictEqual(prior.requests, proposed.requests);
    return { ...proposed, id: prior?.id ?? Unknown, nodes: same ? prior.nodes : Unknown };
  },
  async create(ctx, planned) {
    return { state: await schedule(ctx, planned, null) };
  },
  async update(ctx, prior, planned) {
    return { state: await schedule(ctx, planned, prior) };
  },
  async delete() {
    // picks hold nothing on the grid
  },
  async read(_ctx, state) {
    return state;
  },
  async import() {
    throw new GridError('a grid_scheduler holds nothing on the grid to import: declare it and apply');
  },
};
