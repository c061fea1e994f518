// grid_network: a private network (an /16 ip_range) spanning `nodes`, one /24 subnet per node, with
// optional wireguard access for the user. One deployment (node contract) per node.
import type { ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';
import { WHOLE_ID } from './constraints';

/** subnets 10.A.2.0/24 to 10.A.254.0/24, one of them your machine's with add_wg_access */
export const MAX_NETWORK_NODES = 252;
export const NETWORK_NAME = { regex: '^[a-zA-Z0-9_]{1,36}$', what: '1 to 36 letters, digits or _' };
export const MYCELIUM_KEY = { regex: '^[0-9a-fA-F]{64}$', what: '32 bytes in hex (64 characters)' };
export const IP_RANGE = { regex: '^(\\d{1,3})\\.(\\d{1,3})\\.0\\.0/16$', what: 'an IPv4 /16 range such as 10.1.0.0/16' };

export const networkDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'A private network across grid nodes',
    attributes: {
      id: { type: 'string', computed: true, description: "The network's id" },
      name: {
        type: 'string',
        required: true,
        forceNew: true,
        description: 'Network name, unique among your networks on each node',
        pattern: NETWORK_NAME,
      },
      nodes: {
        type: ['list', 'number'],
        required: true,
        description:
          'Node ids the network spans; adding or removing one changes the network in place. ' +
          'A node listed twice is deployed once, as the upstream provider does',
        ...WHOLE_ID,
        items: { noun: 'node', min: 1, max: MAX_NETWORK_NODES, maxWhy: 'a /24 of its /16 each' },
      },
      ip_range: {
        type: 'string',
        required: true,
        forceNew: true,
        description: 'The network range, an IPv4 /16 such as 10.1.0.0/16',
        pattern: IP_RANGE,
      },
      description: { type: 'string', optional: true, description: 'Free text kept with the network', default: '' },
      mycelium_keys: {
        type: ['map', 'string'],
        optional: true,
        description:
          'Mycelium key of the network on each node, by node id: 32 bytes in hex. VMs of the network on that node ' +
          'get a mycelium address with mycelium_ip_seed; a node without a key runs no mycelium (none is generated)',
        pattern: MYCELIUM_KEY,
      },
      solution_type: {
        type: 'string',
        optional: true,
        description: "Project name in the contracts' metadata",
        default: 'Network',
      },
      add_wg_access: { type: 'bool', optional: true, forceNew: true, description: 'Add a wireguard peer for your machine', default: false },
      // not sensitive, as upstream: its examples output it without `sensitive = true`
      access_wg_config: { type: 'string', computed: true, description: 'wg-quick config for your machine (with add_wg_access)' },
      external_ip: { type: 'string', computed: true, description: "Your machine's address in the network (with add_wg_access)" },
      external_sk: { type: 'string', computed: true, sensitive: true, description: "Your machine's wireguard private key" },
      public_node_id: { type: 'number', computed: true, description: 'The node your machine connects to' },
      nodes_ip_range: {
        type: ['map', 'string'],
        optional: true,
        computed: true,
        description:
          'Subnet of each node, by node id: a /24 of ip_range from A.B.2.0/24 to A.B.254.0/24. Unset, gridform assigns them; ' +
          'set, it names one for every node, and a node already in the network keeps its own',
      },
      node_deployment_id: { type: ['map', 'number'], computed: true, description: 'Contract id of each node deployment, by node id' },
    },
  },
};

export const networkSchema = engineResourceSchema(networkDecl);
