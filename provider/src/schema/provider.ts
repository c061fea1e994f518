// The provider block: who signs (mnemonic) and which chain.
import type { ProviderSchema } from '../../../engine';
import { deploymentSchema } from './deployment';
import { networkSchema } from './network';
import { fqdnProxySchema, gatewayDomainSchema, nameProxySchema } from './gateways';
import { schedulerSchema } from './scheduler';
import { kubernetesSchema } from './kubernetes';

export const gridProviderSchema: ProviderSchema = {
  provider: {
    version: 0,
    block: {
      attributes: {
        mnemonic: { type: 'string', optional: true, sensitive: true, description: 'BIP39 mnemonic of your account; default: env MNEMONIC, then the local grid dev account' },
        key_type: { type: 'string', optional: true, description: 'ed25519 (sr25519 is not supported here)' },
        network: { type: 'string', optional: true, description: '"local" (default): the grid of gridform grid up' },
        chain_url: { type: 'string', optional: true, description: 'HOST:PORT of a chain-sim, instead of network' },
        proxy_url: {
          type: 'string', optional: true, description: 'URL of the Grid Proxy (explorer) grid_scheduler asks; default: the local grid\'s',
        },
        timeout_seconds: { type: 'number', optional: true, description: 'How long to wait for a deployment to be ready (default 300)' },
      },
    },
  },
  resources: { grid_network: networkSchema, grid_deployment: deploymentSchema, grid_name_proxy: nameProxySchema, grid_fqdn_proxy: fqdnProxySchema, grid_scheduler: schedulerSchema, grid_kubernetes: kubernetesSchema },
  dataSources: { grid_gateway_domain: gatewayDomainSchema },
};
