// Network: grid_network, a private network across nodes.
import { TerraformResource, listMapper, numberToTerraform, stringToTerraform, booleanToTerraform, StringMap, NumberMap, type TerraformMetaArguments } from 'cdktf';
import type { Construct } from 'constructs';

export interface NetworkConfig extends TerraformMetaArguments {
  /** changing it replaces the network */
  readonly name: string;
  /** adding or removing a node changes the network in place (but removing the access node of addWgAccess replaces it) */
  readonly nodes: number[];
  /** an IPv4 /16 such as 10.1.0.0/16; changing it replaces the network */
  readonly ipRange: string;
  readonly description?: string;
  readonly addWgAccess?: boolean;
}

export class Network extends TerraformResource {
  static readonly tfResourceType = 'grid_network';
  private readonly cfg: NetworkConfig;

  constructor(scope: Construct, id: string, config: NetworkConfig) {
    super(scope, id, {
      terraformResourceType: 'grid_network',
      terraformGeneratorMetadata: { providerName: 'grid', providerVersion: '0.1.0' },
      provider: config.provider, dependsOn: config.dependsOn, count: config.count, lifecycle: config.lifecycle, forEach: config.forEach,
    });
    this.cfg = config;
  }

  get id(): string {
    return this.getStringAttribute('id');
  }
  get name(): string {
    return this.getStringAttribute('name');
  }
  get nodes(): number[] {
    return this.getNumberListAttribute('nodes');
  }
  get ipRange(): string {
    return this.getStringAttribute('ip_range');
  }
  get accessWgConfig(): string {
    return this.getStringAttribute('access_wg_config');
  }
  get publicNodeId(): number {
    return this.getNumberAttribute('public_node_id');
  }
  get nodesIpRange(): StringMap {
    return new StringMap(this, 'nodes_ip_range');
  }
  get nodeDeploymentId(): NumberMap {
    return new NumberMap(this, 'node_deployment_id');
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      name: stringToTerraform(this.cfg.name),
      nodes: listMapper(numberToTerraform, false)(this.cfg.nodes),
      ip_range: stringToTerraform(this.cfg.ipRange),
      description: stringToTerraform(this.cfg.description),
      add_wg_access: booleanToTerraform(this.cfg.addWgAccess),
    };
  }
}
