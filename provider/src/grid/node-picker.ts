// How terraform-provider-grid's scheduler places requests, as pure rules plus a pager over Grid
// Proxy's /nodes: the query it sends for a request, the free capacity it reads from a node record
// (total - used, where Grid Proxy's used already holds the system's reserves), what each pick takes
// from its node and farm for the requests placed after it, and which node a request may have.
// One difference: upstream shuffles the nodes it knows; here the lowest node id that fits wins, so
// the same grid gives the same answer.
import type { ProxyFilter, ProxyNode } from './grid-proxy';

export const MB = 2 ** 20;

/** One request block, as terraform-provider-grid's scheduler reads it (sizes in bytes). */
export interface NodeRequest {
  name: string;
  mru: number;
  sru: number;
  hru: number;
  farmId: number;
  publicConfig: boolean;
  publicIpsCount: number;
  certified: boolean;
  dedicated: boolean;
  nodeExclude: number[];
  distinct: boolean;
  yggdrasil: boolean;
  wireguard: boolean;
}

export type PageFetcher = (filter: ProxyFilter, page: number, size: number) => Promise<ProxyNode[]>;

/**
 * The query upstream sends. Upstream asks for zos "light" nodes (network-light, zmachine-light)
 * when a request needs neither yggdrasil, wireguard nor a public address; the local grid's nodes
 * run the full stack only, and the provider deploys full workloads, so every query asks for those.
 */
export function proxyFilter(r: NodeRequest, twinId: number): ProxyFilter {
  const f: ProxyFilter = { status: 'up', available_for: twinId, healthy: true, features: 'network,zmachine' };
  if (r.farmId) f.farm_ids = r.farmId;
  if (r.hru) f.free_hru = r.hru;
  if (r.sru) f.free_sru = r.sru;
  if (r.mru) f.free_mru = r.mru;
  if (r.publicConfig) f.domain = true;
  if (r.publicIpsCount) f.free_ips = r.publicIpsCount;
  if (r.dedicated) f.rentable = true;
  return f;
}

interface Known {
  node: ProxyNode;
  free: { mru: number; sru: number; hru: number };
}

export class NodePicker {
  private readonly known = new Map<number, Known>();
  private readonly farmIps = new Map<number, number>();
  /** nodes listed for the requests so far, for the error message */
  listed = 0;

  constructor(
    private readonly fetchPage: PageFetcher,
    private readonly twinId: number,
    /** nodes this run found down or not answering, though the proxy may not know it yet */
    private readonly avoid: ReadonlySet<number> = new Set(),
  ) {}

  /**
   * The node for `r`, excluding `taken` (the nodes of earlier picks, for a distinct request), or
   * undefined. Pages as upstream does: 10 nodes, the next 10, then pages that double in size.
   */
  async place(r: NodeRequest, taken: ReadonlySet<number>): Promise<number | undefined> {
    const exclude = new Set([...r.nodeExclude, ...(r.distinct ? taken : [])]);
    const filter = proxyFilter(r, this.twinId);
    let pick = this.pickKnown(r, exclude);
    let page = 1;
    let size = 10;
    while (pick === undefined) {
      const nodes = await this.fetchPage(filter, page, size);
      if (!nodes.length) return undefined;
      this.listed += nodes.length;
      for (const node of nodes) this.learn(node);
      pick = this.pickKnown(r, exclude);
      if (page === 1) page = 2;
      else size *= 2;
    }
    this.consume(pick, r);
    return pick;
  }

  private learn(node: ProxyNode): void {
    if (this.known.has(node.nodeId)) return;
    const t = node.total_resources;
    const u = node.used_resources;
    this.known.set(node.nodeId, { node, free: { mru: t.mru - u.mru, sru: t.sru - u.sru, hru: t.hru - u.hru } });
    if (!this.farmIps.has(node.farmId)) this.farmIps.set(node.farmId, node.farm_free_ips);
  }

  private pickKnown(r: NodeRequest, exclude: ReadonlySet<number>): number | undefined {
    const ids = [...this.known.keys()].sort((a, b) => a - b);
    return ids.find((id) => !exclude.has(id) && !this.avoid.has(id) && fulfils(this.known.get(id)!, r, this.farmIps));
  }

  private consume(nodeId: number, r: NodeRequest): void {
    const k = this.known.get(nodeId)!;
    k.free = { mru: k.free.mru - r.mru, sru: k.free.sru - r.sru, hru: k.free.hru - r.hru };
    this.farmIps.set(k.node.farmId, (this.farmIps.get(k.node.farmId) ?? 0) - r.publicIpsCount);
  }
}

/** Upstream's fulfils: free memory and disks, farm, domain, farm IPs, dedicated, certified. */
export function fulfils(k: Known, r: NodeRequest, farmIps: ReadonlyMap<number, number>): boolean {
  const n = k.node;
  if (r.mru > k.free.mru || r.hru > k.free.hru || r.sru > k.free.sru) return false;
  if (r.farmId && n.farmId !== r.farmId) return false;
  if (r.publicConfig && !n.publicConfig.domain) return false;
  if (r.publicIpsCount > (farmIps.get(n.farmId) ?? 0)) return false;
  if (r.dedicated && !n.dedicated) return false;
  if (r.certified && n.certificationType !== 'Certified') return false;
  return true;
}
