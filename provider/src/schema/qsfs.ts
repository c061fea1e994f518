// grid_deployment's `qsfs` blocks: a quantum safe file system (zstor over 0-db backends, with a
// local cache), mounted into VMs by name. Attributes as terraform-provider-grid declares them.
import type { BlockDecl, NestedBlockDecl } from './declaration';
import { WORKLOAD_NAME } from './constraints';

/** 32 bytes, hex encoded: the AES key zos accepts */
export const ENCRYPTION_KEY = { regex: '^[0-9a-fA-F]{64}$', what: '64 hex characters (a 32-byte key)' };
const COUNT: { range: [number, number] } = { range: [0, 2 ** 32 - 1] };

const backends: NestedBlockDecl = {
  nesting: 'list',
  block: {
    description: 'A 0-db namespace the data is written to',
    attributes: {
      address: {
        type: 'string',
        required: true,
        description: 'Address of the 0-db, [IPv6]:PORT or IPv4:PORT',
        pattern: { regex: '^(\\[[0-9a-fA-F:.]+\\]|\\d{1,3}(\\.\\d{1,3}){3}):\\d{1,5}$', what: '[IPv6]:PORT or IPv4:PORT' },
      },
      namespace: { type: 'string', required: true, description: 'The 0-db namespace' },
      password: { type: 'string', required: true, sensitive: true, description: 'Password of the namespace' },
    },
  },
};

const metadata: NestedBlockDecl = {
  nesting: 'list',
  minItems: 1,
  maxItems: 1,
  block: {
    description: 'Where zstor keeps its metadata',
    attributes: {
      type: { type: 'string', optional: true, description: 'The metadata store; only zdb', oneOf: ['zdb'], default: 'zdb' },
      prefix: { type: 'string', required: true, description: 'Prefix of the keys in the metadata store' },
      encryption_algorithm: { type: 'string', optional: true, description: 'Only AES', oneOf: ['AES'], default: 'AES' },
      encryption_key: { type: 'string', required: true, sensitive: true, description: 'Key of the metadata', pattern: ENCRYPTION_KEY },
    },
    blocks: { backends },
  },
};

const groups: NestedBlockDecl = {
  nesting: 'list',
  minItems: 1,
  block: { description: 'A group of 0-db backends the data shards are spread over', attributes: {}, blocks: { backends } },
};

export const qsfsBlock: BlockDecl = {
  description: 'A quantum safe file system over 0-db namespaces, mounted into VMs by its name',
  attributes: {
    name: { type: 'string', required: true, description: 'Name, unique in the deployment', pattern: WORKLOAD_NAME },
    description: { type: 'string', optional: true, description: 'Free text kept with the workload', default: '' },
    cache: {
      type: 'number',
      required: true,
      description: 'Size of the local cache on the node (SSD)',
      range: [1, 10 * 2 ** 20],
      unit: 'MB',
    },
    minimal_shards: { type: 'number', required: true, description: 'Shards needed to recover the data', ...COUNT },
    expected_shards: { type: 'number', required: true, description: 'Shards written for each piece of data', ...COUNT },
    redundant_groups: { type: 'number', required: true, description: 'Groups that may be lost with the data still recoverable', ...COUNT },
    redundant_nodes: { type: 'number', required: true, description: 'Backends of each group that may be lost', ...COUNT },
    max_zdb_data_dir_size: {
      type: 'number',
      required: true,
      description: 'Most the local data dir holds before the least used encoded files go',
      unit: 'MiB',
      ...COUNT,
    },
    encryption_algorithm: { type: 'string', optional: true, description: 'Only AES', oneOf: ['AES'], default: 'AES' },
    encryption_key: { type: 'string', required: true, sensitive: true, description: 'Key of the data', pattern: ENCRYPTION_KEY },
    compression_algorithm: { type: 'string', optional: true, description: 'Only snappy', oneOf: ['snappy'], default: 'snappy' },
    metrics_endpoint: { type: 'string', computed: true, description: "zstor's Prometheus metrics, on the node's Yggdrasil network" },
  },
  blocks: { metadata, groups },
};
