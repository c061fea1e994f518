// terraform-provider-grid's examples/resources/cosmosvalidator, ported to CDKTF: grid_scheduler finds
// a node with a domain, a free public IPv4 and 4 GB of memory; a threefold_hub validator VM runs there
// with a public IPv4, planetary and mycelium addresses, in a network with wireguard access. Values as
// upstream's (the placeholders of its env_vars included), except: random_bytes became literal hex
// and file("~/.ssh/id_rsa.pub") a literal key.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = '25b919d02f4df031447e8985c0abf9f6d316d23ee6577e71c414d601bae71ae1';
export const MYCELIUM_IP_SEED = '829aa1900c94';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';

export class CosmosvalidatorStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const solutionType = 'CosmosValidator';
    const name = 'cosmosvalidator';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [{ name: 'node1', mru: 4 * 1024, cru: 2, publicConfig: true, publicIpsCount: 1, yggdrasil: true, wireguard: true }],
    });
    const node1 = sched.nodes.lookup('node1');
    const net1 = new Network(this, 'net1', {
      solutionType,
      name,
      nodes: [node1],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      addWgAccess: true,
      myceliumKeys: { [Fn.format('%s', [node1])]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      solutionType,
      name,
      node: node1,
      networkName: net1.name,
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-apps/threefold_hub-latest.flist',
          cpu: 2,
          publicip: true,
          memory: 4096,
          entrypoint: '/sbin/zinit init',
          myceliumIpSeed: MYCELIUM_IP_SEED,
          envVars: {
            SSH_KEY,
            MNEMONICS: '<MNEMONICS>',
            KEYNAME: 'ashraaf',
            STAKE_AMOUNT: '100000000stake',
            MONIKER: 'ashroofdfd',
            CHAIN_ID: 'threefold-hub',
            ETHEREUM_ADDRESS: 'ETHEREUM_ADDRESS',
            ETHEREUM_PRIV_KEY: '<ETHEREUM_PRIVATE_KEY>',
            GRAVITY_ADDRESS: 'GRAVIRY CONTRACT ADDRESS',
            ETHEREUM_RPC: 'http://<IP>:8575',
            PERSISTENT_PEERS: '780e271b5a835722ba0fac1c979e54d078e57e38@161.35.85.34:26656',
            GENESIS_URL:
              'https://gist.githubusercontent.com/ashraffouda/1e494d95ad60ed8f72805c47a0493da7/raw/' +
              '9955c1488dabd1bdcdeb60f12b1120b1ae3a74ca/genesis.json',
          },
          planetary: true,
        },
      ],
    });
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'ygg_ip', { value: d1.vms.get(0).planetaryIp });
    new TerraformOutput(this, 'mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
