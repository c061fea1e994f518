// grid_deployment's qsfs blocks: what zos would refuse is refused at validate time, naming the
// attribute path, before any contract; a VM may mount a qsfs of its deployment by name.
import { GridProviderImpl } from '../src/grid-provider';
import type { ObjectValue } from '../../engine';

const provider = new GridProviderImpl({});
const KEY = '4d778ba3216e4da4231540c92a55f06157cabba802f9b68fb0f78375d2e825af';
const backend = { address: '[300:1::2]:9900', namespace: '12-meta1', password: 'password' };
const qsfs = (over: ObjectValue = {}): ObjectValue => ({
  name: 'qsfs',
  cache: 10240,
  minimal_shards: 2,
  expected_shards: 4,
  redundant_groups: 0,
  redundant_nodes: 0,
  max_zdb_data_dir_size: 512,
  encryption_key: KEY,
  metadata: [{ prefix: 'hamada', encryption_key: KEY, backends: [backend] }],
  groups: [{ backends: [backend] }],
  ...over,
});
const vm = (mount: string): ObjectValue => ({
  name: 'vm',
  flist: 'https://hub/f.flist',
  cpu: 1,
  memory: 1024,
  mounts: [{ name: mount, mount_point: '/qsfs' }],
});

function problems(config: ObjectValue) {
  return provider
    .validateResourceConfig({ typeName: 'grid_deployment', config: { node: 1, ...config } })
    .diagnostics.map((d) => ({ path: (d.attributePath ?? []).join('.'), text: `${d.summary}: ${d.detail ?? ''}` }));
}

describe('grid_deployment qsfs validation', () => {
  it('accepts a qsfs alone, and one mounted into a VM by its name', () => {
    expect(problems({ qsfs: [qsfs()] })).toEqual([]);
    expect(problems({ qsfs: [qsfs()], network_name: 'net', vms: [vm('qsfs')] })).toEqual([]);
  });

  it.each([
    ['more minimal than expected shards', { qsfs: [qsfs({ minimal_shards: 5 })] }, 'qsfs.0.minimal_shards', 'at most expected_shards'],
    ['a key of 31 bytes', { qsfs: [qsfs({ encryption_key: KEY.slice(2) })] }, 'qsfs.0.encryption_key', '64 hex characters'],
    [
      'a metadata key that is not hex',
      { qsfs: [qsfs({ metadata: [{ prefix: 'p', encryption_key: 'z'.repeat(64) }] })] },
      'qsfs.0.metadata.0.encryption_key',
      '64 hex characters',
    ],
    ['no metadata', { qsfs: [qsfs({ metadata: [] })] }, 'qsfs.0.metadata', 'exactly one'],
    ['no groups', { qsfs: [qsfs({ groups: [] })] }, 'qsfs.0.groups', 'at least one'],
    ['another encryption', { qsfs: [qsfs({ encryption_algorithm: 'DES' })] }, 'qsfs.0.encryption_algorithm', 'AES'],
    ['another compression', { qsfs: [qsfs({ compression_algorithm: 'zstd' })] }, 'qsfs.0.compression_algorithm', 'snappy'],
    [
      'a backend by host name',
      { qsfs: [qsfs({ groups: [{ backends: [{ ...backend, address: 'zdb.example:9900' }] }] })] },
      'qsfs.0.groups.0.backends.0.address',
      '[IPv6]:PORT or IPv4:PORT',
    ],
    ['a qsfs named like a zdb', { qsfs: [qsfs({ name: 'db' })], zdbs: [{ name: 'db', size: 1, password: 'p' }] }, 'qsfs.0.name', 'unique'],
    ['a mount of a missing qsfs', { qsfs: [qsfs()], network_name: 'net', vms: [vm('other')] }, 'vms.0.mounts.0.name', 'not a disk or qsfs'],
  ])('refuses %s at %s', (_what, config, path, text) => {
    const found = problems(config as ObjectValue);
    expect(found.map((p) => p.path)).toContain(path);
    expect(found.find((p) => p.path === path)!.text).toContain(text);
  });
});
