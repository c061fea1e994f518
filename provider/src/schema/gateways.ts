// grid_name_proxy and grid_fqdn_proxy: a gateway node serving a name (NAME.DOMAIN, held by a
// name contract) or a domain of yours, proxying to backends. data.grid_gateway_domain: the
// fqdn a name would get on a gateway node.
import type { ResourceSchema } from '../../../engine';

const proxyAttributes: ResourceSchema['block']['attributes'] = {
  id: { type: 'string', computed: true, description: 'The node contract id' },
  node: { type: 'number', required: true, forceNew: true, description: 'A gateway node (one with a domain)' },
  backends: { type: 'list', elementType: 'string', required: true, description: 'http://IP:PORT (or IP:PORT with tls_passthrough)' },
  tls_passthrough: { type: 'bool', optional: true, description: 'Pass TLS through to the backends instead of terminating it' },
  description: { type: 'string', optional: true },
};

export const nameProxySchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'NAME.DOMAIN on a gateway node, with a name contract for NAME',
    attributes: {
      ...proxyAttributes,
      name: { type: 'string', required: true, forceNew: true, description: '3 to 64 characters of a-z, 0-9, - and _; unique on the grid' },
      fqdn: { type: 'string', computed: true, description: 'NAME.DOMAIN of the gateway' },
      name_contract_id: { type: 'string', computed: true },
    },
  },
};

export const fqdnProxySchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'A domain of yours (pointed at the gateway node) proxied to backends',
    attributes: {
      ...proxyAttributes,
      name: { type: 'string', required: true, forceNew: true, description: 'Name of the gateway workload' },
      fqdn: { type: 'string', required: true, forceNew: true, description: 'The domain, e.g. app.example.com' },
    },
  },
};

export const gatewayDomainSchema: ResourceSchema = {
  version: 0,
  block: {
    description: 'The fqdn a name gets on a gateway node',
    attributes: {
      node: { type: 'number', required: true },
      name: { type: 'string', required: true },
      fqdn: { type: 'string', computed: true },
    },
  },
};
