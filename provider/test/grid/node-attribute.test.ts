// A diagnostic about a node that does not exist points at the attribute that names it.
import { nodeAttributePath } from '../../src/grid/node-attribute';

describe('the attribute naming a node', () => {
  it('a deployment or gateway: node', () => {
    expect(nodeAttributePath({ name: 'd', node: 99, vms: [{ name: 'vm', cpu: 99 }] }, 99)).toEqual(['node']);
  });

  it('a network: its place in nodes', () => {
    expect(nodeAttributePath({ name: 'net', nodes: [1, 99], ip_range: '10.1.0.0/16' }, 99)).toEqual(['nodes', 1]);
  });

  it('kubernetes: the master or the worker that names it', () => {
    const k8s = {
      master: { name: 'm', node: 1 },
      workers: [
        { name: 'w0', node: 1 },
        { name: 'w1', node: 99 },
      ],
    };
    expect(nodeAttributePath(k8s, 99)).toEqual(['workers', 1, 'node']);
    expect(nodeAttributePath(k8s, 1)).toEqual(['master', 'node']);
  });

  it('no attribute names it: no path (the diagnostic stays on the resource)', () => {
    expect(nodeAttributePath({ node: 1, memory: 99 }, 99)).toBeUndefined();
    expect(nodeAttributePath(undefined, 99)).toBeUndefined();
  });
});
