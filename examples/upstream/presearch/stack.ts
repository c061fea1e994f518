// terraform-provider-grid's examples/resources/presearch, ported to CDKTF: grid_scheduler finds a
// node with a domain, a free public IPv4 and room for 1 core, 1 GB of memory and 10 GB of SSD; the
// presearch node VM runs there with a public IPv4, wireguard access to its network, a mycelium
// address and a 10 GB disk for docker. Values as upstream's (the backup key pair as upstream's
// example leaves it, elided), except: random_bytes became literal hex and file("~/.ssh/id_rsa.pub")
// a literal key.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network, Scheduler } from 'gridform';

export const MYCELIUM_KEY = '0bb6ea728c3aef67c61adedb5793bdd71bd4e9a93e266694ab7873f0dd7fd1dc';
export const MYCELIUM_IP_SEED = 'ddee0e764936';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';
export const PRESEARCH_BACKUP_PRI_KEY = `-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDQjfuZ3uIGOXUP
Qqpw1K85LV6sZWOAntUnhL73GXTWcwBer06yPI1ush8Vj6tdP94hmUFfWW85vYRU
...
-----END PRIVATE KEY-----
`;
export const PRESEARCH_BACKUP_PUB_KEY = `-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0I37md7iBjl1D0KqcNSv
OS1erGVjgJ7VJ4S+9xl01nMAXq9OsjyNbrIfFY+rXT/eIZlBX1lvOb2EVJ93o1mz
...
-----END PUBLIC KEY-----
`;

export class PresearchStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const solutionType = 'Presearch';
    const name = 'presearch';
    new GridProvider(this, 'grid', {});
    const sched = new Scheduler(this, 'sched', {
      requests: [
        { name: 'presearch', cru: 1, sru: 1024 * 10, mru: 1024, publicIpsCount: 1, publicConfig: true, yggdrasil: false, wireguard: true },
      ],
    });
    const node = sched.nodes.lookup('presearch');
    const net1 = new Network(this, 'net1', {
      solutionType,
      name,
      nodes: [node],
      ipRange: '10.1.0.0/16',
      description: 'presearch network',
      addWgAccess: true,
      myceliumKeys: { [Fn.format('%s', [node])]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      solutionType,
      name,
      node,
      networkName: net1.name,
      disks: [{ name: 'data', size: 10, description: 'volume holding docker data' }],
      vms: [
        {
          name,
          flist: 'https://hub.grid.tf/tf-official-apps/presearch-v2.2.flist',
          entrypoint: '/sbin/zinit init',
          publicip: true,
          cpu: 1,
          memory: 1024,
          myceliumIpSeed: MYCELIUM_IP_SEED,
          mounts: [{ name: 'data', mountPoint: '/var/lib/docker' }],
          envVars: { SSH_KEY, PRESEARCH_REGISTRATION_CODE: '', PRESEARCH_BACKUP_PRI_KEY, PRESEARCH_BACKUP_PUB_KEY },
        },
      ],
    });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'computed_public_ip', { value: Fn.element(Fn.split('/', d1.vms.get(0).computedip), 0) });
    new TerraformOutput(this, 'mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
