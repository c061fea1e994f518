// grid_name_proxy and grid_fqdn_proxy: a gateway node serving a name (NAME.DOMAIN, held by a
// name contract) or a domain of yours, proxying to backends. data.grid_gateway_domain: the
// fqdn a name would get on a gateway node.
import type { BlockDecl, ResourceDecl } from './declaration';
import { engineResourceSchema } from './engine-schema';
import { WHOLE_ID, WORKLOAD_NAME } from './constraints';

// http://IP with an optional port and path, or IP:PORT (for tls_passthrough), as Zero-OS accepts
// them; the scheme, and which of the two tls_passthrough asks for, are checked by the resource
const HOST = '(\\d{1,3}(\\.\\d{1,3}){3}|\\[[0-9a-fA-F:]+\\])';
const BACKEND = `^([a-zA-Z][a-zA-Z0-9+.-]*://${HOST}(:\\d{0,5})?([/?#].*)?|${HOST}:\\d{1,5})$`;
export const GATEWAY_NAME = { regex: '^[a-z0-9_-]{3,64}$', what: '3 to 64 characters of a-z, 0-9, - and _' };
/** A name proxy's workload description when unset, as upstream's. */
export const NAME_PROXY_DESCRIPTION = 'Description of the gateway name workload.';
const FQDN = '^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}$';

const proxyAttributes: BlockDecl['attributes'] = {
  id: { type: 'string', computed: true, description: 'The node contract id' },
  node: { type: 'number', required: true, forceNew: true, description: 'A gateway node (one with a domain)', ...WHOLE_ID },
  backends: {
    type: ['list', 'string'],
    required: true,
    description: 'http://IP[:PORT] (or IP:PORT with tls_passthrough)',
    pattern: { regex: BACKEND, what: 'http://IP[:PORT] or, with tls_passthrough, IP:PORT' },
    items: { noun: 'backend', example: 'http://10.1.2.2:8080', min: 1 },
  },
  tls_passthrough: {
    type: 'bool',
    optional: true,
    description: 'Pass TLS through to the backends instead of terminating it',
    default: false,
  },
  description: { type: 'string', optional: true, description: 'Free text kept with the workload', default: '' },
  network: {
    type: 'string',
    optional: true,
    description: 'A network of yours on the gateway node to join, for backends at private IPs',
    default: '',
  },
  solution_type: { type: 'string', optional: true, description: "Project name in the contract's metadata; empty: the name", default: '' },
  node_deployment_id: { type: ['map', 'number'], computed: true, description: 'The node contract id, by node id' },
};

export const nameProxyDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'NAME.DOMAIN on a gateway node, with a name contract for NAME',
    attributes: {
      ...proxyAttributes,
      description: { ...proxyAttributes.description, default: NAME_PROXY_DESCRIPTION },
      name: {
        type: 'string',
        required: true,
        forceNew: true,
        description: `${GATEWAY_NAME.what}; unique on the grid`,
        pattern: GATEWAY_NAME,
      },
      fqdn: { type: 'string', computed: true, description: 'NAME.DOMAIN of the gateway' },
      name_contract_id: { type: 'number', computed: true, description: 'The name contract holding NAME' },
    },
  },
};

export const fqdnProxyDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'A domain of yours (pointed at the gateway node) proxied to backends',
    attributes: {
      ...proxyAttributes,
      name: {
        type: 'string',
        optional: true,
        computed: true,
        forceNew: true,
        description: 'Name of the gateway workload',
        pattern: WORKLOAD_NAME,
        default: 'name',
      },
      fqdn: {
        type: 'string',
        required: true,
        forceNew: true,
        description: 'The domain, e.g. app.example.com',
        pattern: { regex: FQDN, what: 'a domain name such as app.example.com' },
      },
    },
  },
};

export const gatewayDomainDecl: ResourceDecl = {
  version: 0,
  block: {
    description: 'The fqdn a name gets on a gateway node',
    attributes: {
      id: { type: 'string', computed: true, description: 'The fqdn' },
      node: { type: 'number', required: true, description: 'A gateway node', ...WHOLE_ID },
      name: { type: 'string', required: true, description: 'The name to look up' },
      fqdn: { type: 'string', computed: true, description: 'NAME.DOMAIN of the gateway' },
    },
  },
};

export const nameProxySchema = engineResourceSchema(nameProxyDecl);
export const fqdnProxySchema = engineResourceSchema(fqdnProxyDecl);
export const gatewayDomainSchema = engineResourceSchema(gatewayDomainDecl);
