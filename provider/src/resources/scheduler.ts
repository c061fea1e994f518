// grid_scheduler: for each request, a node the Grid Proxy (the local grid's explorer, or
// proxy_url) lists for the query terraform-provider-grid's scheduler sends, and that still fits
// once the picks of earlier requests are counted (node-picker.ts). Picks are kept while their
// request is unchanged; a request that no node fits is an error naming it and what it asked.
import { createHash } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { Unknown, type ObjectValue, type Value } from '../../../engine';
import type { GridContext } from '../grid/context';
import { GridError } from '../grid/grid-error';
import { proxyNodes } from '../grid/grid-proxy';
import { MB, NodePicker, type NodeRequest } from '../grid/node-picker';
import { schedulerDecl, schedulerSchema } from '../schema/scheduler';
import { Checks } from './checks';
import type { GridResource } from './resource';

const n = (v: Value | undefined) => (typeof v === 'number' ? v : 0);

/** A request block as upstream reads it: sizes in MB become bytes, unset flags are false. */
export function nodeRequest(r: ObjectValue): NodeRequest {
  return {
    name: String(r.name),
    mru: n(r.mru) * MB,
    sru: n(r.sru) * MB,
    hru: n(r.hru) * MB,
    farmId: n(r.farm_id),
    publicConfig: r.public_config === true,
    publicIpsCount: n(r.public_ips_count),
    certified: r.certified === true,
    dedicated: r.dedicated === true,
    nodeExclude: Array.isArray(r.node_exclude) ? r.node_exclude.map(n) : [],
    distinct: r.distinct === true,
    yggdrasil: r.yggdrasil === true,
    wireguard: r.wireguard === true,
  };
}

function describe(r: ObjectValue): string {
  const parts = ['cru', 'mru', 'sru', 'hru', 'farm_id', 'public_ips_count']
    .filter((k) => typeof r[k] === 'number' && r[k] !== 0)
    .map((k) => `${k} ${String(r[k])}`);
  for (const flag of ['public_config', 'certified', 'dedicated', 'distinct', 'yggdrasil', 'wireguard'])
    if (r[flag] === true) parts.push(flag);
  if (Array.isArray(r.node_exclude) && r.node_exclude.length) parts.push(`node_exclude [${r.node_exclude.join(', ')}]`);
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
  // unchanged requests keep their node; the others are placed around them
  for (const r of requests)
    if (isDeepStrictEqual(before.get(String(r.name)), r) && kept[String(r.name)]) nodes[String(r.name)] = kept[String(r.name)];
  // as upstream, a distinct request avoids every node another request of this scheduler has
  const taken = new Set(Object.values(nodes));
  const picker = new NodePicker((filter, page, size) => proxyNodes(ctx.proxyUrl, filter, page, size), ctx.twinId, avoid);
  for (const r of requests.filter((x) => nodes[String(x.name)] === undefined)) {
    const pick = await picker.place(nodeRequest(r), taken);
    if (pick === undefined) {
      const where = `among ${picker.listed} node(s) the Grid Proxy at ${ctx.proxyUrl} lists for this scheduler`;
      throw new GridError(`no node fits request ${JSON.stringify(r.name)} (${describe(r)}) ${where}`);
    }
    nodes[String(r.name)] = pick;
    taken.add(pick);
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
