# Every grid resource type and the data source on a two-node local grid, for the terraform
# end-to-end test (terraform-plugin.e2e.test.ts edits memory and proxy_name between steps).
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

variable "memory" {
  type    = number
  default = 512
}

variable "proxy_name" {
  type    = string
  default = "site"
}

resource "grid_scheduler" "pick" {
  requests {
    name      = "vm"
    cru       = 1
    mru       = 512
    yggdrasil = false
    wireguard = false
  }
}

resource "grid_network" "net" {
  name     = "alltypes"
  nodes    = [1, 2]
  ip_range = "10.80.0.0/16"
}

resource "grid_deployment" "app" {
  node         = 2
  name         = "app"
  network_name = grid_network.net.name
  disks {
    name = "data"
    size = 5
  }
  zdbs {
    name     = "cache"
    size     = 2
    mode     = "user"
    password = "change-me"
  }
  vms {
    name       = "web"
    flist      = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    entrypoint = "/sbin/zinit init"
    cpu        = 1
    memory     = var.memory
    publicip   = true
    mounts {
      name        = "data"
      mount_point = "/data"
    }
  }
  containers {
    name   = "worker"
    flist  = "https://hub.grid.tf/tf-official-apps/redis-worker.flist"
    cpu    = 1
    memory = 256
  }
}

resource "grid_kubernetes" "k8s" {
  network_name = grid_network.net.name
  token        = "example-k3s-token"
  ssh_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheTest user@example"
  master {
    name      = "master"
    node      = 1
    cpu       = 1
    memory    = 1024
    disk_size = 5
  }
  workers {
    name      = "worker1"
    node      = 2
    cpu       = 1
    memory    = 1024
    disk_size = 5
  }
}

data "grid_gateway_domain" "domain" {
  node = 1
  name = var.proxy_name
}

resource "grid_name_proxy" "site" {
  node     = 1
  name     = var.proxy_name
  backends = ["http://${grid_deployment.app.vms[0].ip}:8080"]
}

resource "grid_fqdn_proxy" "own" {
  node     = 1
  name     = "owndomain"
  fqdn     = "app.example.com"
  backends = ["http://${grid_deployment.app.vms[0].ip}:8080"]
}

output "fqdn" {
  value = grid_name_proxy.site.fqdn
}

output "expected_fqdn" {
  value = data.grid_gateway_domain.domain.fqdn
}

output "vm_ip" {
  value = grid_deployment.app.vms[0].ip
}

output "vm_public_ip" {
  value = grid_deployment.app.vms[0].computedip
}

output "zdb_namespace" {
  value = grid_deployment.app.zdbs[0].namespace
}

output "master_ip" {
  value = grid_kubernetes.k8s.master.ip
}

output "scheduled_node" {
  value = grid_scheduler.pick.nodes["vm"]
}
