// The workload types this node runs, and their install order (removal runs in reverse).
import { network } from './network';
import { ip } from './ip';
import { zmachine } from './zmachine';
import { volume, zmount } from './disks';
import { container } from './container';
import { zdb } from './zdb';
import { gatewayFqdnProxy, gatewayNameProxy } from './gateways';
import { zlogs } from './zlogs';
import { qsfs } from './qsfs';
import type { WorkloadType } from './types';

export const WORKLOAD_TYPES: Readonly<Record<string, WorkloadType>> = {
  zmount,
  volume,
  qsfs,
  zdb,
  network,
  ip,
  zmachine,
  container,
  'gateway-name-proxy': gatewayNameProxy,
  'gateway-fqdn-proxy': gatewayFqdnProxy,
  zlogs,
};

export const INSTALL_ORDER = [
  'zmount',
  'volume',
  'qsfs',
  'zdb',
  'network',
  'ip',
  'zmachine',
  'container',
  'gateway-name-proxy',
  'gateway-fqdn-proxy',
  'zlogs',
];

export function installRank(type: string): number {
  const i = INSTALL_ORDER.indexOf(type);
  return i < 0 ? INSTALL_ORDER.length : i;
}
