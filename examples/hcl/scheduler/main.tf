# grid_scheduler picks the nodes: two VMs on distinct nodes that have the capacity asked for,
# each in its own deployment on a network that spans the picks.
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

resource "grid_scheduler" "pick" {
  requests {
    name      = "a"
    cru       = 1
    mru       = 1024
    sru       = 5120
    distinct  = true
    yggdrasil = false
    wireguard = false
  }
  requests {
    name      = "b"
    cru       = 1
    mru       = 1024
    sru       = 5120
    distinct  = true
    yggdrasil = false
    wireguard = false
  }
}

resource "grid_network" "net" {
  name     = "picked"
  nodes    = [grid_scheduler.pick.nodes["a"], grid_scheduler.pick.nodes["b"]]
  ip_range = "10.70.0.0/16"
}

resource "grid_deployment" "vm" {
  for_each     = toset(["a", "b"])
  node         = grid_scheduler.pick.nodes[each.key]
  name         = "picked-${each.key}"
  network_name = grid_network.net.name
  vms {
    name        = "vm"
    flist       = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    entrypoint  = "/sbin/zinit init"
    cpu         = 1
    memory      = 1024
    rootfs_size = 5120
  }
}

output "nodes" {
  value = grid_scheduler.pick.nodes
}
