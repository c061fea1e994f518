// grid_scheduler keeps its picks while its requests are unchanged, comparing them by value: the
// same requests with their keys in another order (as another synth may write them) keep the
// nodes; a changed request makes them known only after apply.
import { Unknown } from '../../../engine';
import { schedulerResource } from '../../src/resources/scheduler';

describe('grid_scheduler planning', () => {
  const plan = schedulerResource.plan!;
  const prior = { id: 'abc', requests: [{ name: 'web', cru: 1, mru: 1024, distinct: false }], nodes: { web: 3 } };

  it('keeps the picks when the requests are the same with their keys reordered', () => {
    const planned = plan(prior, { requests: [{ distinct: false, mru: 1024, cru: 1, name: 'web' }], id: Unknown, nodes: Unknown });
    expect(planned.nodes).toEqual({ web: 3 });
    expect(planned.id).toBe('abc');
  });

  it('plans new picks when a request changes', () => {
    const planned = plan(prior, { requests: [{ name: 'web', cru: 2, mru: 1024, distinct: false }], id: Unknown, nodes: Unknown });
    expect(planned.nodes).toBe(Unknown);
  });
});
