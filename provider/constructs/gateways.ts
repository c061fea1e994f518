// NameProxy (grid_name_proxy), FqdnProxy (grid_fqdn_proxy) and the GatewayDomain data source
// (data.grid_gateway_domain, generated as DataGridGatewayDomain), as cdktf generates them; their
// configurations also take `node`.
import type { Construct } from 'constructs';
import * as dataSource from './generated/providers/grid/data-grid-gateway-domain';
import * as fqdn from './generated/providers/grid/fqdn-proxy';
import * as name from './generated/providers/grid/name-proxy';
import { withNodeAttribute, type WithNode } from './node-alias';

export * from './generated/providers/grid/name-proxy';
export * from './generated/providers/grid/fqdn-proxy';
export * from './generated/providers/grid/data-grid-gateway-domain';

export type NameProxyConfig = WithNode<name.NameProxyConfig>;
export type FqdnProxyConfig = WithNode<fqdn.FqdnProxyConfig>;
export type GatewayDomainConfig = WithNode<dataSource.DataGridGatewayDomainConfig>;
export type DataGridGatewayDomainConfig = GatewayDomainConfig;

export class NameProxy extends name.NameProxy {
  constructor(scope: Construct, id: string, config: NameProxyConfig) {
    super(scope, id, withNodeAttribute(config));
  }
}

export class FqdnProxy extends fqdn.FqdnProxy {
  constructor(scope: Construct, id: string, config: FqdnProxyConfig) {
    super(scope, id, withNodeAttribute(config));
  }
}

/** The fqdn `name` gets on gateway `node` (NAME.DOMAIN), read from the node's public config. */
export class DataGridGatewayDomain extends dataSource.DataGridGatewayDomain {
  constructor(scope: Construct, id: string, config: GatewayDomainConfig) {
    super(scope, id, withNodeAttribute(config));
  }
}

/** data.grid_gateway_domain under its shorter name */
export class GatewayDomain extends DataGridGatewayDomain {}
