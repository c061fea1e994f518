// grid_scheduler: picks nodes for named requests (capacity, farm, public IPs, gateway, distinct),
// deterministically for the same grid, and keeps its picks until the requests change.
import type { ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';

const COUNT = { range: [0, Number.MAX_SAFE_INTEGER] } as const;

export const schedulerDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'Node selection for deployments',
    attributes: {
      id: { type: 'string', computed: true, description: 'A digest of the picks' },
      nodes: { type: ['map', 'number'], computed: true, description: 'The node picked for each request, by request name' },
    },
    blocks: {
      requests: {
        nesting: 'list',
        block: {
          description: 'What one node must offer',
          attributes: {
            name: { type: 'string', required: true, description: 'The key of the pick in nodes' },
            cru: { type: 'number', optional: true, description: 'vCPUs', ...COUNT },
            mru: { type: 'number', optional: true, description: 'Memory in MB', ...COUNT },
            sru: { type: 'number', optional: true, description: 'SSD in GB', ...COUNT },
            hru: { type: 'number', optional: true, description: 'HDD in GB', ...COUNT },
            farm_id: { type: 'number', optional: true, description: 'Only nodes of this farm' },
            public_ips_count: { type: 'number', optional: true, description: 'Free public IPv4 addresses its farm must have', ...COUNT },
            gateway: { type: 'bool', optional: true, description: 'Only gateway nodes (with a domain)', default: false },
            distinct: {
              type: 'bool',
              optional: true,
              description: 'A node no other distinct request of this scheduler got',
              default: false,
            },
          },
        },
      },
    },
  },
};

export const schedulerSchema = engineResourceSchema(schedulerDecl);
