// Bad input is refused at validate time with the attribute path that is wrong.
import { GridProviderImpl } from '../src/grid-provider';
import type { ObjectValue } from '../../engine';

const provider = new GridProviderImpl({});
const vm = (over: ObjectValue = {}): ObjectValue => ({ name: 'web', flist: 'https://hub/f.flist', cpu: 1, memory: 1024, ...over });
const deployment = (over: ObjectValue = {}): ObjectValue => ({ node: 1, network_name: 'net', vms: [vm()], ...over });
const network = (over: ObjectValue = {}): ObjectValue => ({ name: 'net', nodes: [1], ip_range: '10.1.0.0/16', ...over });

function problems(typeName: string, config: ObjectValue) {
  return provider.validateResourceConfig({ typeName, config }).diagnostics.map((d) => ({ path: (d.attributePath ?? []).join('.'), text: `${d.summary}: ${d.detail ?? ''}` }));
}

describe('grid provider validation', () => {
  it('accepts a valid network and deployment', () => {
    expect(problems('grid_network', network())).toEqual([]);
    expect(problems('grid_deployment', deployment())).toEqual([]);
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
  ])('refuses a deployment with %s, naming %s', (_what, config, path, text) => {
    expect(problems('grid_deployment', config)).toContainEqual({ path, text: expect.stringContaining(text) });
  });

  it.each([
    ['ip_range not /16', network({ ip_range: '10.1.0.0/24' }), 'ip_range', 'an IPv4 /16'],
    ['a network name too long', network({ name: 'n'.repeat(37) }), 'name', '1 to 36'],
    ['no nodes', network({ nodes: [] }), 'nodes', 'at least one node'],
    ['a node twice', network({ nodes: [1, 1] }), 'nodes', 'twice'],
  ])('refuses a network with %s, naming %s', (_what, config, path, text) => {
    expect(problems('grid_network', config)).toContainEqual({ path, text: expect.stringContaining(text) });
  });

  it('leaves values known only after apply to be checked at apply time', () => {
    expect(problems('grid_deployment', deployment({ network_name: Symbol.for('gridform.unknown') as never }))).toEqual([]);
  });
});
