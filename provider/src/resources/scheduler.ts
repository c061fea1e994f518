// grid_scheduler: for each request, the first node (by id, so the same grid gives the same
// answer) that the Grid Proxy (the local grid's explorer, or proxy_url) lists for the query the
// upstream scheduler sends (status=up, healthy, available to the twin, free memory/SSD/HDD, the
// farm, a domain, free public IPs), pages of 10, and that still fits once the picks of earlier
// requests are counted, and is not taken by another distinct request. Picks are kept while their
// request is unchanged; a request that no node fits is an error naming it and what it asked.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Unknown, type ObjectValue, type Value } from '../../../engine';
import type { GridContext } from '../grid/context';
import { GridError } from '../grid/grid-error';
import { PROXY_PAGE_SIZE, proxyNodes, type ProxyNode } from '../grid/grid-proxy';
import { schedulerDecl, schedulerSchema } from '../schema/scheduler';
import { Checks } from './checks';
import type { GridResource } from './resource';

const MB = 2 ** 20;
const GB = 2 ** 30;

const n = (v: Value | undefined) => (typeof v === 'number' ? v : 0);

/** What earlier requests of this run took: per node (capacity) and per farm (public IPs). */
interface Claims {
  nodes: Map<number, { mru: number; sru: number; hru: number }>;
  farmIps: Map<number, number>;
  distinct: Set<number>;
  /** nodes this run found down or not answering, though the proxy may not know it yet */
  avoid: ReadonlySet<number>;
}

/** The query terraform-provider-grid's scheduler sends for a request. */
function proxyFilter(r: ObjectValue, twinId: number): Record<string, string | number | boolean> {
  const f: Record<string, string | number | boolean> = { status: 'up', available_for: twinId, healthy: true };
  if (n(r.farm_id)) f.farm_ids = n(r.farm_id);
  if (n(r.mru)) f.free_mru = n(r.mru) * MB;
  if (n(r.sru)) f.free_sru = n(r.sru) * GB;
  if (n(r.hru)) f.free_hru = n(r.hru) * GB;
  if (r.gateway) f.domain = true;
  if (n(r.public_ips_count)) f.free_ips = n(r.public_ips_count);
  return f;
}

/** Free capacity by Grid Proxy's rule, less what this run already placed on the node. */
function fits(node: ProxyNode, r: ObjectValue, claims: Claims): boolean {
  const t = node.total_resources;
  const u = node.used_resources;
  const c = claims.nodes.get(node.nodeId) ?? { mru: 0, sru: 0, hru: 0 };
  const freeMru = t.mru - u.mru - Math.max(Math.floor(t.mru / 10), 2 * GB) - c.mru;
  const freeSru = t.sru - u.sru - 20 * GB - c.sru;
  const freeHru = t.hru - u.hru - c.hru;
  return (
    !claims.avoid.has(node.nodeId) &&
    (!r.distinct || !claims.distinct.has(node.nodeId)) &&
    t.cru >= n(r.cru) &&
    freeMru >= n(r.mru) * MB &&
    freeSru >= n(r.sru) * GB &&
    freeHru >= n(r.hru) * GB &&
    node.farm_free_ips - (claims.farmIps.get(node.farmId) ?? 0) >= n(r.public_ips_count)
  );
}

/** Pages through the proxy's answer to the request's query until a node fits; undefined if none. */
async function place(ctx: GridContext, r: ObjectValue, claims: Claims): Promise<{ pick?: ProxyNode; listed: number }> {
  const filter = proxyFilter(r, ctx.twinId);
  let listed = 0;
  for (let page = 1; ; page++) {
    const nodes = await proxyNodes(ctx.proxyUrl, filter, page);
    listed += nodes.length;
    const pick = nodes.find((node) => fits(node, r, claims));
    if (pick || nodes.length < PROXY_PAGE_SIZE) return { pick, listed };
  }
}

function claim(claims: Claims, node: ProxyNode, r: ObjectValue): void {
  const c = claims.nodes.get(node.nodeId) ?? { mru: 0, sru: 0, hru: 0 };
  claims.nodes.set(node.nodeId, { mru: c.mru + n(r.mru) * MB, sru: c.sru + n(r.sru) * GB, hru: c.hru + n(r.hru) * GB });
  claims.farmIps.set(node.farmId, (claims.farmIps.get(node.farmId) ?? 0) + n(r.public_ips_count));
  if (r.distinct) claims.distinct.add(node.nodeId);
}

function describe(r: ObjectValue): string {
  const parts = ['cru', 'mru', 'sru', 'hru', 'farm_id', 'public_ips_count']
    .filter((k) => typeof r[k] === 'number' && r[k] !== 0)
    .map((k) => `${k} ${String(r[k])}`);
  if (r.gateway) parts.push('a gateway');
  if (r.distinct) parts.push('distinct');
  return parts.join(', ') || 'nothing in particular';
}

async function schedule(
  ctx: GridContext,
  planned: ObjectValue,
  prior: ObjectValue | null,
  avoid: ReadonlySet<number> = new Set(),
): Promise<ObjectValue> {
  const requests = (planned.requests ?? []) as ObjectValue[];
  const before = new Map(((prior?.requests ?? []) as ObjectValue[]).map((r) => [String(r.name), r]));
  const kept = (prior?.nodes ?? {}) as Record<string, number>;
  const nodes: Record<string, number> = {};
  const claims: Claims = { nodes: new Map(), farmIps: new Map(), distinct: new Set(), avoid };
  // unchanged requests keep their node; the others are placed around them
  for (const r of requests)
    if (isDeepStrictEqual(before.get(String(r.name)), r) && kept[String(r.name)]) {
      nodes[String(r.name)] = kept[String(r.name)];
      if (r.distinct) claims.distinct.add(kept[String(r.name)]);
    }
  for (const r of requests.filter((x) => nodes[String(x.name)] === undefined)) {
    const { pick, listed } = await place(ctx, r, claims);
    if (!pick) {
      const where = `among ${listed} node(s) the Grid Proxy at ${ctx.proxyUrl} lists for it`;
      throw new GridError(`no node fits request ${JSON.stringify(r.name)} (${describe(r)}) ${where}`);
    }
    nodes[String(r.name)] = pick.nodeId;
    // later requests see what this one takes
    claim(claims, pick, r);
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
        if (names.has(r.name))
          c.fail(
            ['requests', i, 'name'],
            'Duplicate request name',
            `Another request is named ${JSON.stringify(r.name)}; names are the keys of nodes.`,
          );
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
  /** A pick whose node is down or not answering is made again among healthy nodes, saying why. */
  async read(ctx, state, notes) {
    const picks = Object.entries((state.nodes ?? {}) as Record<string, number>);
    const unhealthy = new Map((await ctx.health.unhealthy(picks.map(([, id]) => id))).map((h) => [h.nodeId, h]));
    const moving = picks.filter(([, id]) => unhealthy.has(id));
    if (!moving.length) return state;
    const kept = Object.fromEntries(picks.filter(([, id]) => !unhealthy.has(id)));
    const next = await schedule(ctx, state, { ...state, nodes: kept }, new Set(unhealthy.keys()));
    const picked = next.nodes as Record<string, number>;
    for (const [name, from] of moving) {
      const why = `node ${from} is ${unhealthy.get(from)!.why}`;
      notes.note(
        `Request ${JSON.stringify(name)} moves from node ${from} to node ${picked[name]}`,
        `${why}. The next apply replaces what uses this pick on node ${picked[name]} and cancels the contract on node ${from}.`,
      );
    }
    return next;
  },
  async import() {
    throw new GridError('a grid_scheduler holds nothing on the grid to import: declare it and apply');
  },
};
