// Constraints several declarations share: names of workloads, ids, sizes.
import type { AttributeDecl } from './declaration';

export const WHOLE_ID: Pick<AttributeDecl, 'range'> = { range: [1, Number.MAX_SAFE_INTEGER] };
export const CPU: Pick<AttributeDecl, 'range'> = { range: [1, 32] };
export const MEMORY_MB: Pick<AttributeDecl, 'range' | 'unit'> = { range: [256, 262144], unit: 'MB' };

/** names of workloads (disks, zdbs, containers, gateways): the node's limit */
export const WORKLOAD_NAME = { regex: '^[a-zA-Z0-9_]{1,36}$', what: '1 to 36 letters, digits or _' };
export const VM_NAME = { regex: '^[a-zA-Z0-9_]{1,33}$', what: '1 to 33 letters, digits or _' };

/** a VM's mycelium seed: 6 bytes in hex, or empty for no mycelium address */
export const MYCELIUM_IP_SEED = { regex: '^([0-9a-fA-F]{12})?$', what: '6 bytes in hex (12 characters), such as b60f2b7ec39c' };
export const MYCELIUM_IP_SEED_TEXT =
  "Seed of the VM's mycelium address, 6 bytes in hex (e.g. b60f2b7ec39c): the same seed in the same network keeps the address. " +
  'The network needs a mycelium key on the node (mycelium_keys); without a seed the VM gets no mycelium address';
/** Go's time.ParseDuration spelling, as upstream's timeouts take it (parsed by grid/duration.ts) */
export const DURATION = { regex: '^(\\d+(\\.\\d+)?(h|m|s|ms))+$', what: 'a duration such as 45m, 1h30m or 90s' };
