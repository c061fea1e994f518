// /stats: the grid's totals over the nodes of the given statuses (all when none is given).
import type { LedgerReader } from '../ledger-reader';
import type { NodeProber } from '../node-prober';
import type { Snapshot } from '../grid-snapshot';
import { badRequest } from './http-error';
import { parseQuery } from './query';

export function stats(ledger: LedgerReader, snap: Snapshot, prober: NodeProber, params: URLSearchParams) {
  const q = parseQuery(params, { status: 'string-list' }, '/stats');
  const statuses = (q.status as string[] | undefined) ?? [];
  for (const s of statuses)
    if (!['up', 'down', 'standby'].includes(s))
      throw badRequest(`query parameter status must be up, down or standby, not ${JSON.stringify(s)}`);
  const nodes = snap.nodes.filter((n) => !statuses.length || statuses.includes(n.record.status));
  const nodesDistribution: Record<string, number> = {};
  let totalCru = 0,
    totalSru = 0,
    totalMru = 0,
    totalHru = 0,
    accessNodes = 0,
    gateways = 0,
    dedicatedNodes = 0,
    gpus = 0,
    workloads = 0;
  for (const { record: n } of nodes) {
    nodesDistribution[n.country] = (nodesDistribution[n.country] ?? 0) + 1;
    totalCru += n.total_resources.cru;
    totalSru += n.total_resources.sru;
    totalMru += n.total_resources.mru;
    totalHru += n.total_resources.hru;
    if (n.publicConfig.ipv4) accessNodes++;
    if (n.publicConfig.ipv4 && n.publicConfig.domain) gateways++;
    if (n.dedicated || n.inDedicatedFarm) dedicatedNodes++;
    gpus += n.num_gpu;
    workloads += prober.sighting(n.nodeId).workloads ?? 0;
  }
  return {
    nodes: nodes.length,
    farms: snap.farms.length,
    countries: Object.keys(nodesDistribution).length,
    totalCru,
    totalSru,
    totalMru,
    totalHru,
    publicIps: ledger.publicIps().length,
    accessNodes,
    gateways,
    twins: ledger.twins().length,
    contracts: ledger.liveContracts(),
    nodesDistribution,
    gpus,
    dedicatedNodes,
    workloads_number: workloads,
  };
}
