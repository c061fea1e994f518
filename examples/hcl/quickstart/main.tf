# Quickstart: a private network on node 1 of the local grid (gridform grid up) and one VM on it
# with a public IPv4. The mnemonic comes from MNEMONIC, else from the local grid's dev account.
terraform {
  required_providers {
    grid = {
      source = "threefoldtech/grid"
    }
  }
}

provider "grid" {
  network = "local"
}

resource "grid_network" "net" {
  name        = "quickstart"
  nodes       = [1]
  ip_range    = "10.1.0.0/16"
  description = "quickstart network"
}

resource "grid_deployment" "vm" {
  node         = 1
  name         = "quickstart"
  network_name = grid_network.net.name
  vms {
    name        = "web"
    flist       = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    entrypoint  = "/sbin/zinit init"
    cpu         = 1
    memory      = 1024
    rootfs_size = 2048
    publicip    = true
    env_vars = {
      SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheQuickstartOnly user@example"
    }
  }
}

output "private_ip" {
  description = "the VM in the private network"
  value       = grid_deployment.vm.vms[0].ip
}

output "public_ip" {
  description = "the VM public IPv4, with its prefix"
  value       = grid_deployment.vm.vms[0].computedip
}
