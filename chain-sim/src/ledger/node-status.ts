// A node's status as Grid Proxy decides it, from the node's last uptime report and the power
// state its farmer set: the one rule the chain's reads, the explorer and the provider share.
// Upstream: nodes report every 40 minutes; "up" allows two missed cycles (80 minutes), a node its
// farmer powered down stays "standby" while it was seen in the last 24 hours.

export type NodeStatus = 'up' | 'standby' | 'down';

/** Seconds a node may go without a report and still be up: two 40-minute report cycles. */
export const NODE_UP_INTERVAL_SECONDS = 2 * 40 * 60;
/** Seconds a powered-down node may go without a report and still be standby. */
export const NODE_STANDBY_INTERVAL_SECONDS = 24 * 3600;
/** How often a node reports its uptime (in chain time). */
export const UPTIME_REPORT_PERIOD_SECONDS = 40 * 60;

export interface NodeLiveness {
  /** chain time (unix seconds) of the last uptime report; 0 = never reported */
  lastReport: number;
  /** '' (no farmer bot), 'Up' or 'Down' */
  powerTarget: string;
  /** '' or 'Up' or 'Down': what the node says it is; a node that reports is Up */
  powerState?: string;
}

/** up, standby or down at chain time `now` (unix seconds). */
export function nodeStatus(node: NodeLiveness, now: number): NodeStatus {
  const state = node.powerState ?? (node.powerTarget ? 'Up' : '');
  const target = node.powerTarget;
  const noPower = !state && !target;
  const poweredOn = state === 'Up' && target === 'Up';
  const seenFor = now - node.lastReport;
  const reported = node.lastReport > 0;
  if (reported && seenFor <= NODE_UP_INTERVAL_SECONDS && (noPower || poweredOn)) return 'up';
  const poweredDown = state === 'Down' || target === 'Down';
  if (reported && poweredDown && seenFor <= NODE_STANDBY_INTERVAL_SECONDS) return 'standby';
  return 'down';
}
