// grid_deployment's qsfs blocks: the qsfs workloads zos runs (zstor over 0-db backends, a local
// cache charged as SSD), checked as zos checks them before any contract, and their metrics
// endpoint read back from the node.
import type { ObjectValue, Value } from '../../../engine';
import type { node } from '../../../proto';
import { resultOf } from '../grid/node-deployment';
import type { Checks } from './checks';

const MB = 2 ** 20;

function list(v: Value | undefined): ObjectValue[] {
  return Array.isArray(v) ? (v as ObjectValue[]) : [];
}

/** What zos refuses in a qsfs (fewer expected shards than minimal ones), and the blocks upstream requires. */
export function checkQsfs(c: Checks, config: ObjectValue): void {
  list(config.qsfs).forEach((q, i) => {
    if (Array.isArray(q.metadata) && q.metadata.length !== 1)
      c.fail(['qsfs', i, 'metadata'], 'One metadata block needed', `qsfs ${String(q.name)} has ${q.metadata.length}: give exactly one.`);
    if (Array.isArray(q.groups) && !q.groups.length)
      c.fail(['qsfs', i, 'groups'], 'A group of backends needed', `qsfs ${String(q.name)} has no groups: give at least one.`);
    const min = q.minimal_shards;
    const expected = q.expected_shards;
    if (typeof min === 'number' && typeof expected === 'number' && min > expected)
      c.fail(
        ['qsfs', i, 'minimal_shards'],
        'More minimal shards than expected shards',
        `qsfs ${String(q.name)} needs ${min} shards to recover its data but writes only ${expected} (expected_shards): ` +
          'minimal_shards must be at most expected_shards.',
      );
  });
}

export function qsfsNames(config: ObjectValue): string[] {
  return list(config.qsfs)
    .map((q) => q.name)
    .filter((n): n is string => typeof n === 'string');
}

function backend(b: ObjectValue): { address: string; namespace: string; password: string } {
  return { address: String(b.address), namespace: String(b.namespace), password: String(b.password) };
}

/** zos's QuantumSafeFS data: cache in bytes, the keys as hex, the backends as given. */
export function qsfsWorkloads(planned: ObjectValue): node.Workload[] {
  return list(planned.qsfs).map((q) => {
    const meta = list(q.metadata)[0] ?? {};
    const data = {
      cache: Number(q.cache) * MB,
      config: {
        minimal_shards: Number(q.minimal_shards),
        expected_shards: Number(q.expected_shards),
        redundant_groups: Number(q.redundant_groups),
        redundant_nodes: Number(q.redundant_nodes),
        max_zdb_data_dir_size: Number(q.max_zdb_data_dir_size),
        encryption: { algorithm: String(q.encryption_algorithm ?? 'AES'), key: String(q.encryption_key).toLowerCase() },
        meta: {
          type: String(meta.type ?? 'zdb'),
          config: {
            prefix: String(meta.prefix ?? ''),
            encryption: { algorithm: String(meta.encryption_algorithm ?? 'AES'), key: String(meta.encryption_key ?? '').toLowerCase() },
            backends: list(meta.backends).map(backend),
          },
        },
        groups: list(q.groups).map((g) => ({ backends: list(g.backends).map(backend) })),
        compression: { algorithm: String(q.compression_algorithm ?? 'snappy') },
      },
    };
    return {
      version: 0,
      name: String(q.name),
      type: 'qsfs',
      data: JSON.stringify(data),
      metadata: '',
      description: String(q.description ?? ''),
    };
  });
}

/** The qsfs blocks with the metrics endpoint each node workload reports. */
export function qsfsState(base: ObjectValue, d: node.Deployment__Output): ObjectValue[] {
  return list(base.qsfs).map((q) => ({ ...q, metrics_endpoint: String(resultOf(d, String(q.name)).metrics_endpoint ?? '') }));
}
