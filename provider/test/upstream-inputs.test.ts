// Inputs the upstream provider (terraform-provider-grid) accepts are accepted here too: a network
// listing a node twice, gateway backends without a port, mycelium keys and seeds; and the mycelium
// inputs it refuses are refused, naming the attribute.
import { GridProviderImpl } from '../src/grid-provider';
import type { ObjectValue } from '../../engine';

const provider = new GridProviderImpl({});
const KEY = '9751c596c7c951aedad1a5f78f18b59515064adf660e0d55abead65e6fbbd627';
const network = (over: ObjectValue = {}): ObjectValue => ({ name: 'net', nodes: [1], ip_range: '10.1.0.0/16', ...over });
const vm = (over: ObjectValue = {}): ObjectValue => ({ name: 'web', flist: 'https://hub/f.flist', cpu: 1, memory: 1024, ...over });
const deployment = (over: ObjectValue = {}): ObjectValue => ({ node: 1, network_name: 'net', vms: [vm()], ...over });
const master = (over: ObjectValue = {}): ObjectValue => ({ name: 'mr', node: 1, cpu: 1, memory: 1024, disk_size: 5, ...over });

function problems(typeName: string, config: ObjectValue) {
  return provider
    .validateResourceConfig({ typeName, config })
    .diagnostics.map((d) => ({ path: (d.attributePath ?? []).join('.'), text: `${d.summary}: ${d.detail ?? ''}` }));
}

describe('inputs the upstream provider accepts', () => {
  it.each([
    ['a node listed twice (the scheduler picked one node for two requests)', network({ nodes: [1, 1, 2] })],
    ['a mycelium key per node', network({ nodes: [1, 2], mycelium_keys: { 1: KEY, 2: KEY.toUpperCase() } })],
  ])('a network with %s', (_what, config) => {
    expect(problems('grid_network', config)).toEqual([]);
  });

  it.each([
    ['http://69.164.223.208', false],
    ['http://10.1.2.2', false],
    ['http://[2001:db8::1]', false],
    ['http://10.1.2.2:8080', false],
    ['http://10.1.2.2:8080/app', false],
    ['10.1.2.2:443', true],
    ['[2001:db8::1]:443', true],
  ])('a gateway backend %s (tls_passthrough %s)', (backend, tls_passthrough) => {
    expect(problems('grid_name_proxy', { node: 1, name: 'app', backends: [backend], tls_passthrough })).toEqual([]);
    const fqdnProxy = { node: 1, name: 'site', fqdn: 'app.example.com', backends: [backend], tls_passthrough };
    expect(problems('grid_fqdn_proxy', fqdnProxy)).toEqual([]);
  });

  it('a VM and kubernetes nodes with a mycelium seed, or an empty one', () => {
    expect(
      problems('grid_deployment', deployment({ vms: [vm({ mycelium_ip_seed: 'b60f2b7ec39c' }), vm({ name: 'b', mycelium_ip_seed: '' })] })),
    ).toEqual([]);
    const k8s = { network_name: 'net', token: 'secret123', master: master({ mycelium_ip_seed: 'b60f2b7ec39c' }), workers: [] };
    expect(problems('grid_kubernetes', k8s)).toEqual([]);
  });
});

describe('mycelium inputs the upstream provider refuses', () => {
  it.each([
    ['a key that is not 32 bytes', network({ mycelium_keys: { 1: 'abcd' } }), 'mycelium_keys.1', '32 bytes in hex'],
    ['a key that is not hex', network({ mycelium_keys: { 1: 'z'.repeat(64) } }), 'mycelium_keys.1', '32 bytes in hex'],
    ['a key for a node outside the network', network({ mycelium_keys: { 7: KEY } }), 'mycelium_keys.7', 'not among the network'],
  ])('a network with %s, naming %s', (_what, config, path, text) => {
    expect(problems('grid_network', config)).toContainEqual({ path, text: expect.stringContaining(text) });
  });

  it.each([
    ['a 4-byte seed', 'b60f2b7e'],
    ['a seed that is not hex', 'b60f2b7ec39z'],
  ])('a VM with %s, naming vms.0.mycelium_ip_seed', (_what, seed) => {
    expect(problems('grid_deployment', deployment({ vms: [vm({ mycelium_ip_seed: seed })] }))).toContainEqual({
      path: 'vms.0.mycelium_ip_seed',
      text: expect.stringContaining('6 bytes in hex'),
    });
  });

  it('a gateway backend without a scheme still needs its port, as upstream parses IP:PORT', () => {
    expect(problems('grid_name_proxy', { node: 1, name: 'app', backends: ['10.1.2.2'] })).toContainEqual({
      path: 'backends.0',
      text: expect.stringContaining('http://IP[:PORT] or, with tls_passthrough, IP:PORT'),
    });
  });
});

describe('gateway backends the upstream provider and Zero-OS refuse', () => {
  it.each([
    ['https://10.1.2.2:443', false, 'the scheme must be http'],
    ['10.1.2.2:443', false, 'without tls_passthrough a backend is http://ip[:port]'],
    ['http://10.1.2.2:443', true, 'with tls_passthrough a backend is ip:port'],
    ['http://127.0.0.1:8080', false, 'loopback'],
    ['10.1.2.2:70000', true, 'must be <= 65535'],
  ])('%s with tls_passthrough %s: %s', (backend, tls_passthrough, text) => {
    expect(problems('grid_name_proxy', { node: 1, name: 'app', backends: [backend], tls_passthrough })).toContainEqual({
      path: 'backends.0',
      text: expect.stringContaining(text),
    });
  });
});
