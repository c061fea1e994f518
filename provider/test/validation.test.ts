// Bad input is refused at validate time with the attribute path that is wrong.
import { GridProviderImpl } from '../src/grid-provider';
import type { ObjectValue } from '../../engine';

const provider = new GridProviderImpl({});
const vm = (over: ObjectValue = {}): ObjectValue => ({ name: 'web', flist: 'https://hub/f.flist', cpu: 1, memory: 1024, ...over });
const deployment = (over: ObjectValue = {}): ObjectValue => ({ node: 1, network_name: 'net', vms: [vm()], ...over });
const network = (over: ObjectValue = {}): ObjectValue => ({ name: 'net', nodes: [1], ip_range: '10.1.0.0/16', ...over });

function problems(typeName: string, config: ObjectValue) {
  return provider
    .validateResourceConfig({ typeName, config })
    .diagnostics.map((d) => ({ path: (d.attributePath ?? []).join('.'), text: `${d.summary}: ${d.detail ?? ''}` }));
}

describe('grid provider validation', () => {
  it('accepts a valid network and deployment', () => {
    expect(problems('grid_network', network())).toEqual([]);
    expect(problems('grid_deployment', deployment())).toEqual([]);
  });

  // terraform sends every attribute of a block, null where the configuration leaves it out
  it('an optional attribute with a set of values may be null, as terraform sends one left out', () => {
    const zdb = { name: 'z', size: 1, password: 'p', mode: null, description: null, public: null };
    expect(problems('grid_deployment', deployment({ vms: null, network_name: null, zdbs: [zdb] }))).toEqual([]);
    expect(problems('grid_deployment', deployment({ vms: null, network_name: null, zdbs: [{ ...zdb, mode: 'fast' }] }))).toEqual([
      { path: 'zdbs.0.mode', text: expect.stringContaining('"user" or "seq"') },
    ]);
  });

  it.each([
    ['memory under 256 MB', deployment({ vms: [vm({ memory: 128 })] }), 'vms.0.memory', 'from 256 to 262144 MB'],
    ['cpu over 32', deployment({ vms: [vm({ cpu: 33 })] }), 'vms.0.cpu', 'from 1 to 32'],
    ['cpu not whole', deployment({ vms: [vm({ cpu: 1.5 })] }), 'vms.0.cpu', 'whole number'],
    ['duplicate VM names', deployment({ vms: [vm(), vm()] }), 'vms.1.name', 'unique'],
    ['a VM name too long', deployment({ vms: [vm({ name: 'x'.repeat(34) })] }), 'vms.0.name', '1 to 33'],
    ['a VM name with a dash', deployment({ vms: [vm({ name: 'my-vm' })] }), 'vms.0.name', 'letters, digits or _'],
    ['a VM without flist', deployment({ vms: [vm({ flist: null })] }), 'vms.0.flist', 'must be set'],
    ['VMs without a network', deployment({ network_name: null }), 'network_name', 'must be set'],
    ['no node', deployment({ node: null }), 'node', 'must be set'],
    ['rootfs_size negative', deployment({ vms: [vm({ rootfs_size: -1 })] }), 'vms.0.rootfs_size', 'whole number'],
    [
      'a mount of a missing disk',
      deployment({ vms: [vm({ mounts: [{ name: 'data', mount_point: '/data' }] })] }),
      'vms.0.mounts.0.name',
      'not a disk or qsfs of this deployment',
    ],
    [
      'a relative mount point',
      deployment({ disks: [{ name: 'data', size: 10 }], vms: [vm({ mounts: [{ name: 'data', mount_point: 'data' }] })] }),
      'vms.0.mounts.0.mount_point',
      'absolute path',
    ],
    ['a disk of 0 GB', deployment({ disks: [{ name: 'data', size: 0 }] }), 'disks.0.size', 'from 1 to 10000 GB'],
    ['a disk named like a VM', deployment({ disks: [{ name: 'web', size: 1 }] }), 'vms.0.name', 'names must be unique'],
    [
      'a zdb mode that does not exist',
      deployment({ zdbs: [{ name: 'db', size: 1, mode: 'fast', password: 'p' }] }),
      'zdbs.0.mode',
      '"user" or "seq"',
    ],
    ['a zdb without size', deployment({ zdbs: [{ name: 'db', size: null, password: 'p' }] }), 'zdbs.0.size', 'must be set'],
    ['a zdb without password, as upstream requires one', deployment({ zdbs: [{ name: 'db', size: 1 }] }), 'zdbs.0.password', 'must be set'],
    [
      'a container with 100 MB of memory',
      deployment({ containers: [{ name: 'app', flist: 'f', cpu: 1, memory: 100 }] }),
      'containers.0.memory',
      'from 256 to 262144 MB',
    ],
    [
      'a container mounting a missing disk',
      deployment({ containers: [{ name: 'app', flist: 'f', cpu: 1, memory: 256, mounts: [{ name: 'nope', mount_point: '/x' }] }] }),
      'containers.0.mounts.0.name',
      'not a disk of this deployment',
    ],
    ['nothing to deploy', deployment({ vms: [], network_name: null }), 'vms', 'at least one VM, container, disk, zdb or qsfs'],
  ])('refuses a deployment with %s, naming %s', (_what, config, path, text) => {
    expect(problems('grid_deployment', config)).toContainEqual({ path, text: expect.stringContaining(text) });
  });

  it.each([
    ['ip_range not /16', network({ ip_range: '10.1.0.0/24' }), 'ip_range', 'an IPv4 /16'],
    ['a network name too long', network({ name: 'n'.repeat(37) }), 'name', '1 to 36'],
    ['no nodes', network({ nodes: [] }), 'nodes', 'at least one node'],
  ])('refuses a network with %s, naming %s', (_what, config, path, text) => {
    expect(problems('grid_network', config)).toContainEqual({ path, text: expect.stringContaining(text) });
  });

  it.each([
    [
      'grid_name_proxy',
      { node: 1, name: 'app', backends: ['http://10.1.2.2:80', 'example.com'] },
      'Invalid backends[1]',
      'backends[1] is "example.com"',
    ],
    ['grid_deployment', deployment({ vms: [vm(), vm({ name: 'db', memory: 128 })] }), 'Invalid memory', 'vms[1].memory is 128'],
    ['grid_deployment', deployment({ vms: [vm({ flist: null })] }), 'Missing required argument', 'The argument "vms[0].flist" is required'],
  ])('names a list element by its path in %s: %s', (type, config, summary, detail) => {
    const d = provider.validateResourceConfig({ typeName: type, config: config as ObjectValue }).diagnostics;
    expect(d).toContainEqual(expect.objectContaining({ summary, detail: expect.stringContaining(detail) }));
    for (const x of d) expect(`${x.summary} ${x.detail}`).not.toMatch(/Invalid \d|\s\d+ is /);
  });

  it('leaves values known only after apply to be checked at apply time', () => {
    expect(problems('grid_deployment', deployment({ network_name: Symbol.for('gridform.unknown') as never }))).toEqual([]);
  });

  it.each([
    ['a name too short', 'grid_name_proxy', { node: 1, name: 'ab', backends: ['http://10.1.2.2:80'] }, 'name', '3 to 64 characters'],
    ['a name with capitals', 'grid_name_proxy', { node: 1, name: 'MyApp', backends: ['http://10.1.2.2:80'] }, 'name', 'a-z, 0-9'],
    ['a backend that is not IP:PORT', 'grid_name_proxy', { node: 1, name: 'app', backends: ['example.com'] }, 'backends.0', 'IP:PORT'],
    ['no backends', 'grid_name_proxy', { node: 1, name: 'app', backends: [] }, 'backends', 'at least one backend'],
    [
      'an fqdn that is not a domain',
      'grid_fqdn_proxy',
      { node: 1, name: 'site', fqdn: 'not a domain', backends: ['10.1.2.2:443'] },
      'fqdn',
      'a domain name',
    ],
  ])('refuses a gateway with %s', (_what, type, config, path, text) => {
    expect(problems(type, config as ObjectValue)).toContainEqual({ path, text: expect.stringContaining(text) });
  });
});
