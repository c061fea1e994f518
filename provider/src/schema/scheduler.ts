// grid_scheduler: picks nodes for named requests, with terraform-provider-grid's request block
// (capacity in MB, farm, public config, public IPs, certified, dedicated, excluded nodes, distinct,
// yggdrasil and wireguard), deterministically for the same grid, and keeps its picks until the
// requests change.
import type { ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';

const COUNT = { range: [0, Number.MAX_SAFE_INTEGER] } as const;
const MB = { ...COUNT, unit: 'MB' } as const;

export const schedulerDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'Node selection for deployments',
    attributes: {
      id: { type: 'string', computed: true, description: 'A digest of the picks' },
      nodes: { type: ['map', 'number'], computed: true, description: 'Mapping from the request name to the node id' },
    },
    blocks: {
      requests: {
        nesting: 'list',
        // upstream requires one: a scheduler asked for nothing picks no node
        minItems: 1,
        block: {
          description: 'What one node must offer',
          attributes: {
            name: { type: 'string', required: true, description: 'Request name. Used as a reference in the nodes map' },
            cru: { type: 'number', optional: true, description: 'Number of required virtual CPUs (CPU may be over-committed)', ...COUNT },
            mru: { type: 'number', optional: true, description: 'Memory size in MBs', ...MB },
            sru: { type: 'number', optional: true, description: 'Disk SSD size in MBs', ...MB },
            hru: { type: 'number', optional: true, description: 'Disk HDD size in MBs', ...MB },
            farm_id: { type: 'number', optional: true, description: 'Farm id to search for eligible nodes', ...COUNT },
            yggdrasil: { type: 'bool', required: true, description: 'Flag to pick only nodes supporting yggdrasil' },
            wireguard: { type: 'bool', required: true, description: 'Flag to pick only nodes supporting wireguard' },
            public_config: { type: 'bool', optional: true, description: 'Flag to pick only nodes with public config containing domain' },
            public_ips_count: { type: 'number', optional: true, description: 'Required count of public ips', ...COUNT },
            certified: { type: 'bool', optional: true, description: 'Flag to pick only certified nodes' },
            dedicated: { type: 'bool', optional: true, description: 'Flag to pick a rentable node' },
            node_exclude: {
              type: ['list', 'number'],
              optional: true,
              description: 'List of node ids you want to exclude from the search',
              ...COUNT,
            },
            distinct: {
              type: 'bool',
              optional: true,
              description: 'True to ensure this request returns a distinct node relative to this scheduler resource',
              default: false,
            },
          },
        },
      },
    },
  },
};

export const schedulerSchema = engineResourceSchema(schedulerDecl);
