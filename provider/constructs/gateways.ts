// NameProxy (grid_name_proxy), FqdnProxy (grid_fqdn_proxy) and the GatewayDomain data source
// (data.grid_gateway_domain): gateways on nodes with a domain, proxying to your backends.
import { TerraformDataSource, TerraformResource, booleanToTerraform, listMapper, numberToTerraform, stringToTerraform, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

const GENERATOR = { providerName: 'grid', providerVersion: '0.1.0' };

export interface NameProxyConfig extends TerraformMetaArguments {
  /** a gateway node */
  readonly node: number;
  /** 3 to 64 characters of a-z, 0-9, - and _; held by a name contract, unique on the grid */
  readonly name: string;
  /** http://IP:PORT, or IP:PORT with tlsPassthrough */
  readonly backends: string[];
  readonly tlsPassthrough?: boolean;
  readonly description?: string;
}

export interface FqdnProxyConfig extends TerraformMetaArguments {
  readonly node: number;
  readonly name: string;
  /** your domain, pointed at the gateway node */
  readonly fqdn: string;
  readonly backends: string[];
  readonly tlsPassthrough?: boolean;
  readonly description?: string;
}

function meta(config: TerraformMetaArguments) {
  return { provider: config.provider, dependsOn: config.dependsOn, count: config.count, lifecycle: config.lifecycle, forEach: config.forEach };
}

export class NameProxy extends TerraformResource {
  static readonly tfResourceType = 'grid_name_proxy';
  constructor(scope: Construct, id: string, private readonly cfg: NameProxyConfig) {
    super(scope, id, { terraformResourceType: 'grid_name_proxy', terraformGeneratorMetadata: GENERATOR, ...meta(cfg) });
  }
  /** the node contract id */
  get id(): string {
    return this.getStringAttribute('id');
  }
  /** NAME.DOMAIN of the gateway */
  get fqdn(): string {
    return this.getStringAttribute('fqdn');
  }
  get nameContractId(): string {
    return this.getStringAttribute('name_contract_id');
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      node: numberToTerraform(this.cfg.node), name: stringToTerraform(this.cfg.name), backends: listMapper(stringToTerraform, false)(this.cfg.backends),
      tls_passthrough: booleanToTerraform(this.cfg.tlsPassthrough), description: stringToTerraform(this.cfg.description),
    };
  }
}

export class FqdnProxy extends TerraformResource {
  static readonly tfResourceType = 'grid_fqdn_proxy';
  constructor(scope: Construct, id: string, private readonly cfg: FqdnProxyConfig) {
    super(scope, id, { terraformResourceType: 'grid_fqdn_proxy', terraformGeneratorMetadata: GENERATOR, ...meta(cfg) });
  }
  get id(): string {
    return this.getStringAttribute('id');
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      node: numberToTerraform(this.cfg.node), name: stringToTerraform(this.cfg.name), fqdn: stringToTerraform(this.cfg.fqdn),
      backends: listMapper(stringToTerraform, false)(this.cfg.backends), tls_passthrough: booleanToTerraform(this.cfg.tlsPassthrough), description: stringToTerraform(this.cfg.description),
    };
  }
}

export interface GatewayDomainConfig extends TerraformMetaArguments {
  readonly node: number;
  readonly name: string;
}

/** The fqdn `name` gets on gateway `node` (NAME.DOMAIN), read from the node's public config. */
export class GatewayDomain extends TerraformDataSource {
  static readonly tfResourceType = 'grid_gateway_domain';
  constructor(scope: Construct, id: string, private readonly cfg: GatewayDomainConfig) {
    super(scope, id, { terraformResourceType: 'grid_gateway_domain', terraformGeneratorMetadata: GENERATOR, ...meta(cfg) });
  }
  get fqdn(): string {
    return this.getStringAttribute('fqdn');
  }
  protected override synthesizeAttributes(): Record<string, unknown> {
    return { node: numberToTerraform(this.cfg.node), name: stringToTerraform(this.cfg.name) };
  }
}
