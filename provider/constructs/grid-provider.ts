// GridProvider: the provider block of a CDKTF app (source gridform/grid).
import { TerraformProvider, stringToTerraform, numberToTerraform } from 'cdktf';
import type { Construct } from 'constructs';

export interface GridProviderConfig {
  /** BIP39 mnemonic; default: env MNEMONIC, then the local grid's dev account */
  readonly mnemonic?: string;
  /** ed25519 (the default and only key type here) */
  readonly keyType?: string;
  /** "local" (default): the grid started by `gridform grid up` */
  readonly network?: string;
  /** HOST:PORT of a chain-sim, instead of `network` */
  readonly chainUrl?: string;
  /** URL of the Grid Proxy (explorer) grid_scheduler asks; default: the local grid's */
  readonly proxyUrl?: string;
  /** seconds to wait for a deployment to be ready (default 300) */
  readonly timeoutSeconds?: number;
  readonly alias?: string;
}

export class GridProvider extends TerraformProvider {
  static readonly tfResourceType = 'grid';

  constructor(scope: Construct, id: string, readonly config: GridProviderConfig = {}) {
    super(scope, id, {
      terraformResourceType: 'grid',
      terraformGeneratorMetadata: { providerName: 'grid', providerVersion: '0.1.0' },
      terraformProviderSource: 'gridform/grid',
    });
    this.alias = config.alias;
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return {
      mnemonic: stringToTerraform(this.config.mnemonic),
      key_type: stringToTerraform(this.config.keyType),
      network: stringToTerraform(this.config.network),
      chain_url: stringToTerraform(this.config.chainUrl),
      proxy_url: stringToTerraform(this.config.proxyUrl),
      timeout_seconds: numberToTerraform(this.config.timeoutSeconds),
      alias: stringToTerraform(this.alias),
    };
  }
}
