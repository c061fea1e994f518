// grid_network: a private network (an /16 ip_range) spanning `nodes`, one /24 subnet per node, with
// optional wireguard access for the user. One deployment (node contract) per node.
import type { ResourceSchema } from '../../../engine';

export const networkSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'A private network across grid nodes',
    attributes: {
      id: { type: 'string', computed: true },
      name: { type: 'string', required: true, forceNew: true, description: 'Network name, unique among your networks on each node' },
      nodes: { type: 'list', elementType: 'number', required: true, description: 'Node ids the network spans; adding or removing one changes the network in place' },
      ip_range: { type: 'string', required: true, forceNew: true, description: 'The network range, an IPv4 /16 such as 10.1.0.0/16' },
      description: { type: 'string', optional: true },
      add_wg_access: { type: 'bool', optional: true, forceNew: true, description: 'Add a wireguard peer for your machine' },
      access_wg_config: { type: 'string', computed: true, sensitive: true, description: 'wg-quick config for your machine (with add_wg_access)' },
      external_ip: { type: 'string', computed: true },
      external_sk: { type: 'string', computed: true, sensitive: true },
      public_node_id: { type: 'number', computed: true },
      nodes_ip_range: { type: 'map', elementType: 'string', computed: true, description: 'Subnet of each node, by node id' },
      node_deployment_id: { type: 'map', elementType: 'number', computed: true, description: 'Contract id of each node deployment, by node id' },
    },
  },
};
