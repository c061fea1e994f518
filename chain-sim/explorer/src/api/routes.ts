// The API's routes: Grid Proxy's paths, then the few /explorer/ ones the page charts. A route
// answers a body (JSON) and headers, or throws an HttpError.
import type { Explorer } from '../explorer';
import { contractBills, contractJson, contractRow, listContracts, twinConsumption } from './contracts';
import { listFarms, listPublicIps, listTwins } from './farms';
import { nodeUsageHistory, twinBalanceHistory } from './history';
import { badRequest, HttpError, notFound } from './http-error';
import { listNodes, nodeEntry, oneNode } from './nodes';

export interface Answer {
  body: unknown;
  headers?: Record<string, string>;
}

type Handler = (x: Explorer, params: URLSearchParams, ids: number[]) => Answer | Promise<Answer>;

const noParams = (params: URLSearchParams, path: string) => {
  const first = [...params.keys()][0];
  if (first !== undefined) throw badRequest(`unknown query parameter ${JSON.stringify(first)} for ${path}; it takes none`);
};

const ROUTES: [RegExp, string, Handler][] = [
  [/^\/ping$/, '/ping', (_x, p) => (noParams(p, '/ping'), { body: { ping: 'pong' } })],
  [/^\/version$/, '/version', (x, p) => (noParams(p, '/version'), { body: { version: x.version } })],
  [/^\/health$/, '/health', (x, p) => (noParams(p, '/health'), { body: x.health() })],
  [/^\/stats$/, '/stats', (x, p) => ({ body: x.stats(p) })],
  [/^\/nodes$/, '/nodes', (x, p) => listNodes(x.snapshot(), p, '/nodes')],
  [/^\/nodes\/([^/]+)$/, '/nodes/{id}', (x, p, [id]) => (noParams(p, '/nodes/{id}'), { body: oneNode(x.snapshot(), id) })],
  [
    /^\/nodes\/([^/]+)\/status$/,
    '/nodes/{id}/status',
    (x, p, [id]) => (noParams(p, '/nodes/{id}/status'), { body: { status: nodeEntry(x.snapshot(), id).record.status } }),
  ],
  [/^\/nodes\/([^/]+)\/gpu$/, '/nodes/{id}/gpu', async (x, p, [id]) => (noParams(p, '/nodes/{id}/gpu'), { body: await x.liveGpus(id) })],
  [
    /^\/nodes\/([^/]+)\/statistics$/,
    '/nodes/{id}/statistics',
    async (x, p, [id]) => (noParams(p, '/nodes/{id}/statistics'), { body: await x.liveStatistics(id) }),
  ],
  [/^\/gateways$/, '/gateways', (x, p) => listNodes(x.snapshot(), p, '/gateways', true)],
  [/^\/gateways\/([^/]+)$/, '/gateways/{id}', (x, p, [id]) => (noParams(p, '/gateways/{id}'), { body: gateway(x, id) })],
  [/^\/farms$/, '/farms', (x, p) => listFarms(x.ledger, x.snapshot(), p)],
  [/^\/twins$/, '/twins', (x, p) => listTwins(x.ledger, p)],
  [
    /^\/twins\/([^/]+)\/consumption$/,
    '/twins/{id}/consumption',
    (x, p, [id]) => (noParams(p, '/twins/{id}/consumption'), { body: twinConsumption(x.ledger, id, x.snapshot().chainNow) }),
  ],
  [/^\/contracts$/, '/contracts', (x, p) => listContracts(x.ledger, x.snapshot(), p)],
  [
    /^\/contracts\/([^/]+)$/,
    '/contracts/{id}',
    (x, p, [id]) => (noParams(p, '/contracts/{id}'), { body: contractJson(contractRow(x.ledger, id), x.snapshot()) }),
  ],
  [/^\/contracts\/([^/]+)\/bills$/, '/contracts/{id}/bills', (x, p, [id]) => contractBills(x.ledger, id, p)],
  [/^\/public_ips$/, '/public_ips', (x, p) => listPublicIps(x.ledger, p)],
  [/^\/explorer\/chain$/, '/explorer/chain', (x, p) => (noParams(p, '/explorer/chain'), { body: x.ledger.q.lastBlock() })],
  [
    /^\/explorer\/contracts\/([^/]+)$/,
    '/explorer/contracts/{id}',
    (x, p, [id]) => (noParams(p, '/explorer/contracts/{id}'), { body: x.contractDetail(id) }),
  ],
  [
    /^\/explorer\/nodes\/([^/]+)\/usage$/,
    '/explorer/nodes/{id}/usage',
    (x, p, [id]) => (noParams(p, '/explorer/nodes/{id}/usage'), { body: nodeUsageHistory(x.ledger, id) }),
  ],
  [
    /^\/explorer\/twins\/([^/]+)\/balance$/,
    '/explorer/twins/{id}/balance',
    (x, p, [id]) => (noParams(p, '/explorer/twins/{id}/balance'), { body: twinBalanceHistory(x.ledger, id) }),
  ],
];

function gateway(x: Explorer, id: number) {
  const node = oneNode(x.snapshot(), id, 'gateway');
  if (!node.publicConfig.domain) throw notFound(`node ${id} is not a gateway (it has no domain)`);
  return node;
}

/** An id in a path: a whole number from 1 up, or a 400 naming what it was to be. */
function pathId(raw: string, route: string): number {
  const parts = route.split('/');
  const what = parts[parts.indexOf('{id}') - 1].replace(/s$/, '');
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1)
    throw new HttpError(400, `${what} id must be a whole number from 1 up, not ${JSON.stringify(decodeURIComponent(raw))}`);
  return Number(raw);
}

export function route(x: Explorer, pathname: string, params: URLSearchParams): Answer | Promise<Answer> {
  const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
  for (const [pattern, name, handler] of ROUTES) {
    const m = pattern.exec(path);
    if (m)
      return handler(
        x,
        params,
        m.slice(1).map((raw) => pathId(raw, name)),
      );
  }
  throw notFound(`no such endpoint ${JSON.stringify(pathname)}; see ${x.url}/ for the page and the Grid Proxy paths`);
}
