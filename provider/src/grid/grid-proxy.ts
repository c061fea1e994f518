// A small client of Grid Proxy's /nodes, as terraform-provider-grid's scheduler uses it: the
// filters of a request, one page at a time, answers as Grid Proxy's node records.
import { GridError } from './grid-error';

export interface ProxyNode {
  nodeId: number;
  farmId: number;
  /** used includes the system's reserves, as Grid Proxy reports it */
  total_resources: { cru: number; mru: number; sru: number; hru: number };
  used_resources: { cru: number; mru: number; sru: number; hru: number };
  publicConfig: { domain: string };
  certificationType: string;
  dedicated: boolean;
  farm_free_ips: number;
}

export type ProxyFilter = Record<string, string | number | boolean>;

export async function proxyNodes(proxyUrl: string, filter: ProxyFilter, page: number, size: number): Promise<ProxyNode[]> {
  const query = new URLSearchParams(Object.entries({ ...filter, size, page }).map(([k, v]): [string, string] => [k, String(v)]));
  const url = `${proxyUrl}/nodes?${query}`;
  let res: Response;
  try {
    res = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  } catch (err) {
    const why = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new GridError(
      `cannot reach the Grid Proxy (explorer) at ${proxyUrl}: ${why}; ` +
        'is the local grid running (gridform grid status)? Or set proxy_url in the provider',
    );
  }
  const body = (await res.json().catch(() => undefined)) as ProxyNode[] | { error?: string } | undefined;
  if (!res.ok || !Array.isArray(body)) {
    const why = body && !Array.isArray(body) && body.error ? body.error : `HTTP ${res.status}`;
    throw new GridError(`the Grid Proxy at ${proxyUrl} refused ${url}: ${why}`);
  }
  return body;
}
