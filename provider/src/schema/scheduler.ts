// grid_scheduler: picks nodes for named requests (capacity, farm, public IPs, gateway, distinct),
// deterministically for the same grid, and keeps its picks until the requests change.
import type { ResourceSchema } from '../../../engine';

export const schedulerSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'Node selection for deployments',
    attributes: {
      id: { type: 'string', computed: true },
      nodes: { type: 'map', elementType: 'number', computed: true, description: 'The node picked for each request, by request name' },
    },
    blocks: {
      requests: {
        nesting: 'list',
        block: {
          attributes: {
            name: { type: 'string', required: true, description: 'The key of the pick in nodes' },
            cru: { type: 'number', optional: true, description: 'vCPUs' },
            mru: { type: 'number', optional: true, description: 'Memory in MB' },
            sru: { type: 'number', optional: true, description: 'SSD in GB' },
            hru: { type: 'number', optional: true, description: 'HDD in GB' },
            farm_id: { type: 'number', optional: true, description: 'Only nodes of this farm' },
            public_ips_count: { type: 'number', optional: true, description: 'Free public IPv4 addresses its farm must have' },
            gateway: { type: 'bool', optional: true, description: 'Only gateway nodes (with a domain)' },
            distinct: { type: 'bool', optional: true, description: 'A node no other distinct request of this scheduler got' },
          },
        },
      },
    },
  },
};
