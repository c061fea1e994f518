// terraform-provider-grid's examples/resources/nixos-micro, ported to CDKTF: a NixOS micro VM whose
// /nix lives on a 50 GB disk, given a nix shell in NIX_CONFIG, with a mycelium address. Values as
// upstream's, except: node 11 is node 3 of the local grid, random_bytes became literal hex and
// file("~/.ssh/id_rsa.pub") a literal key. Upstream's commented-out lines (add_wg_access, publicip)
// stay out, so wg_config and computed_public_ip are empty, as upstream gives them.
import { Fn, TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { Deployment, GridProvider, Network } from 'gridform';

/** local.node_id (11 upstream) on the local grid */
export const NODE_ID = 3;
export const MYCELIUM_KEY = 'e71c9058eb0413b7bf8af3d9a2da36bc79d07e19f63dd9c860bd4a2da30ca02c';
export const MYCELIUM_IP_SEED = 'd065ac9cce2c';
export const SSH_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMdC0c1xhBR4lsR9tNA3BcAvVzM2NK2N0j7nVzv1Oz5k user@example';
export const NIX_CONFIG = `{ pkgs ? import <nixpkgs> { }, pythonPackages ? pkgs.python3Packages }:

pkgs.mkShell {
  buildInputs = [
     pythonPackages.numpy
     pythonPackages.scipy
     pythonPackages.jupyterlab
  ];

}
`;

export class NixosMicroStack extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const name = 'myvm';
    new GridProvider(this, 'grid', {});
    const net1 = new Network(this, 'net1', {
      name,
      nodes: [NODE_ID],
      ipRange: '10.1.0.0/16',
      description: 'newer network',
      myceliumKeys: { [String(NODE_ID)]: MYCELIUM_KEY },
    });
    const d1 = new Deployment(this, 'd1', {
      node: NODE_ID,
      networkName: net1.name,
      disks: [{ name: 'store', size: 50, description: 'volume holding store data' }],
      vms: [
        {
          name: 'vm1',
          flist: 'https://hub.grid.tf/tf-official-vms/nixos-micro-latest.flist',
          cpu: 2,
          memory: 2048,
          entrypoint: '/entrypoint.sh',
          mounts: [{ name: 'store', mountPoint: '/nix' }],
          myceliumIpSeed: MYCELIUM_IP_SEED,
          envVars: { SSH_KEY, NIX_CONFIG },
        },
      ],
    });
    new TerraformOutput(this, 'wg_config', { value: net1.accessWgConfig });
    new TerraformOutput(this, 'node1_zmachine1_ip', { value: d1.vms.get(0).ip });
    new TerraformOutput(this, 'computed_public_ip', { value: Fn.element(Fn.split('/', d1.vms.get(0).computedip), 0) });
    new TerraformOutput(this, 'mycelium_ip', { value: d1.vms.get(0).myceliumIp });
  }
}
