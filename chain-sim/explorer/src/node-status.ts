// A node's status, by Grid Proxy's rule. THE place to rewire when the chain holds uptime reports:
// feed `lastSeen` (unix seconds of the node's last uptime report) and `standby` (powered down by
// the farmer's bot); until then the explorer feeds only whether the node's daemon answered its
// latest probe.
export type NodeStatus = 'up' | 'standby' | 'down';

/** Grid Proxy: up when the node reported within two 40-minute cycles. */
export const UP_WITHIN_SECONDS = 80 * 60;
/** Grid Proxy: a node the farmer powered down stays standby for a day, then it is down. */
export const STANDBY_WITHIN_SECONDS = 24 * 3600;

export interface NodeEvidence {
  /** unix seconds of the node's last uptime report on chain; undefined while the chain holds none */
  lastSeen?: number;
  /** the farmer's bot powered it down */
  standby?: boolean;
  /** its daemon answered the explorer's latest probe */
  answering: boolean;
}

export function nodeStatus(node: NodeEvidence, nowSeconds: number): NodeStatus {
  if (node.lastSeen === undefined) return node.answering ? 'up' : 'down';
  const age = nowSeconds - node.lastSeen;
  if (age <= UP_WITHIN_SECONDS && !node.standby) return 'up';
  if (node.standby && age <= STANDBY_WITHIN_SECONDS) return 'standby';
  return 'down';
}
