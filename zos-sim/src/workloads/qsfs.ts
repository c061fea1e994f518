// qsfs: a quantum safe file system, zstor over 0-db backends with a local cache, which VMs of the
// deployment mount by its name. zos checks the data as it decodes it (AES keys are 32 bytes given
// as hex, minimal_shards <= expected_shards), charges the zstor container 1 CPU and 1 GiB plus its
// cache on SSD, and reports zstor's Prometheus endpoint on the workload's Yggdrasil address
// (http://[YGG]:9100/metrics). Updated in place.
import { createHash } from 'node:crypto';
import { ZERO } from '../capacity';
import { GiB, isObject, positiveInt, type WorkloadType } from './types';

export const QSFS_METRICS_PORT = 9100;
const UINT32_MAX = 2 ** 32 - 1;
const ADDRESS = /^(\[[0-9a-fA-F:.]+\]|\d{1,3}(\.\d{1,3}){3}):\d{1,5}$/;

function uint32(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= UINT32_MAX;
}

function encryptionProblem(e: unknown, at: string): string | null {
  if (!isObject(e)) return `${at} {algorithm, key} is required`;
  if (typeof e.key !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(e.key)) return `${at}.key must be hex encoded`;
  if (e.key.length !== 64) return `${at}.key is ${e.key.length / 2} bytes: AES takes a key of 32 bytes (64 hex characters)`;
  if (e.algorithm !== 'AES') return `${at}.algorithm ${JSON.stringify(e.algorithm)} is not supported: only AES`;
  return null;
}

function backendsProblem(list: unknown, at: string): string | null {
  if (list === undefined || list === null) return null;
  if (!Array.isArray(list)) return `${at} must be a list of 0-db backends`;
  for (const [i, b] of list.entries()) {
    if (!isObject(b) || typeof b.address !== 'string' || !ADDRESS.test(b.address))
      return `${at}[${i}].address must be a 0-db address, [IPv6]:PORT or IPv4:PORT`;
    if (typeof b.namespace !== 'string' || !b.namespace) return `${at}[${i}].namespace must name a 0-db namespace`;
    if (typeof b.password !== 'string') return `${at}[${i}].password must be a string`;
  }
  return null;
}

export function validateQsfs(d: Record<string, unknown>): string | null {
  if (!positiveInt(d.cache)) return `cache ${JSON.stringify(d.cache)} must be a whole number of bytes above 0`;
  const c = d.config;
  if (!isObject(c)) return 'config is required';
  for (const field of ['minimal_shards', 'expected_shards', 'redundant_groups', 'redundant_nodes', 'max_zdb_data_dir_size'])
    if (!uint32(c[field])) return `config.${field} ${JSON.stringify(c[field])} must be a whole number from 0 to ${UINT32_MAX}`;
  if ((c.minimal_shards as number) > (c.expected_shards as number)) return "minimal shards can't be greater than expected shards";
  const problem = encryptionProblem(c.encryption, 'config.encryption');
  if (problem) return problem;
  const meta = c.meta;
  if (!isObject(meta) || meta.type !== 'zdb') return 'config.meta.type must be "zdb"';
  const mc = meta.config;
  if (!isObject(mc) || typeof mc.prefix !== 'string') return 'config.meta.config {prefix, encryption, backends} is required';
  const metaProblem =
    encryptionProblem(mc.encryption, 'config.meta.config.encryption') ?? backendsProblem(mc.backends, 'config.meta.config.backends');
  if (metaProblem) return metaProblem;
  if (!Array.isArray(c.groups)) return 'config.groups must be a list of {backends}';
  for (const [i, g] of c.groups.entries()) {
    const groupProblem = isObject(g)
      ? backendsProblem(g.backends, `config.groups[${i}].backends`)
      : `config.groups[${i}] must be {backends}`;
    if (groupProblem) return groupProblem;
  }
  const compression = c.compression;
  if (!isObject(compression) || compression.algorithm !== 'snappy') return 'config.compression.algorithm must be "snappy"';
  return null;
}

/** The Yggdrasil address zos gives the qsfs namespace of workload `wlId` (TWIN-CONTRACT-NAME). */
export function qsfsYggIp(nodeId: number, wlId: string): string {
  const h = createHash('sha256').update(`${nodeId}/ygg:${wlId}`).digest('hex');
  return `30${h.slice(0, 1)}:${h.slice(1, 5)}:${h.slice(5, 9)}:${h.slice(9, 13)}::${h.slice(13, 17)}`;
}

export const qsfs: WorkloadType = {
  updatesInPlace: true,
  validate: validateQsfs,
  capacity: (d) => ({ ...ZERO, cru: 1, mru: GiB, sru: d.cache as number }),
  provision(_d, ctx, name) {
    const wlId = `${ctx.twinId}-${ctx.contractId}-${name}`;
    return {
      path: `/var/cache/modules/qsfsd/mounts/${wlId}`,
      metrics_endpoint: `http://[${qsfsYggIp(ctx.nodeId, wlId)}]:${QSFS_METRICS_PORT}/metrics`,
    };
  },
};
