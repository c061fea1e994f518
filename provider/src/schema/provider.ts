// The provider block (who signs, which chain) and the declarations of every resource and data
// source: the grid provider's whole schema, in one place.
import type { ProviderDecl } from './declaration';
import { engineProviderSchema } from './engine-schema';
import { deploymentDecl } from './deployment';
import { networkDecl } from './network';
import { fqdnProxyDecl, gatewayDomainDecl, nameProxyDecl } from './gateways';
import { schedulerDecl } from './scheduler';
import { kubernetesDecl } from './kubernetes';

export const gridProviderDecl: ProviderDecl = {
  provider: {
    version: 0,
    block: {
      description: 'The grid provider: who signs contracts and deployments, and which chain it talks to',
      attributes: {
        mnemonic: {
          type: 'string',
          optional: true,
          sensitive: true,
          description: 'BIP39 mnemonic of your account; default: env MNEMONIC, then the local grid dev account',
          env: 'MNEMONIC',
        },
        key_type: {
          type: 'string',
          optional: true,
          description: 'ed25519 (sr25519 is not supported here); default: env KEY_TYPE, then ed25519',
          env: 'KEY_TYPE',
          default: 'ed25519',
        },
        network: { type: 'string', optional: true, description: '"local": the grid of gridform grid up', default: 'local' },
        chain_url: { type: 'string', optional: true, description: 'HOST:PORT of a chain-sim, instead of network' },
        substrate_url: {
          type: 'string',
          optional: true,
          description:
            "The chain's URL, as upstream names it: ws(s)://HOST:PORT[/ws] or HOST:PORT of a chain-sim, used when chain_url is unset; " +
            'default: env SUBSTRATE_URL',
          env: 'SUBSTRATE_URL',
        },
        relay_url: {
          type: 'string',
          optional: true,
          description: 'The RMB relay upstream; not used here: nodes are reached at the addresses the chain lists for them',
        },
        rmb_timeout: {
          type: 'number',
          optional: true,
          description: 'How long one call to a node may take, in seconds; default: env RMB_TIMEOUT, then 30',
          env: 'RMB_TIMEOUT',
          default: 30,
          range: [1, 3600],
          unit: 'seconds',
        },
        proxy_url: {
          type: 'string',
          optional: true,
          description: "URL of the Grid Proxy (explorer) grid_scheduler asks; default: the local grid's",
        },
        timeout_seconds: {
          type: 'number',
          optional: true,
          description: 'How long to wait for a deployment to be ready, in seconds',
          default: 300,
          range: [1, 86400],
          unit: 'seconds',
        },
      },
    },
  },
  resources: {
    grid_network: networkDecl,
    grid_deployment: deploymentDecl,
    grid_name_proxy: nameProxyDecl,
    grid_fqdn_proxy: fqdnProxyDecl,
    grid_scheduler: schedulerDecl,
    grid_kubernetes: kubernetesDecl,
  },
  dataSources: { grid_gateway_domain: gatewayDomainDecl },
};

export const gridProviderSchema = engineProviderSchema(gridProviderDecl);
