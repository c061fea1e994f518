# A VM on node 2 behind a gateway on node 1 (the local grid's gateway node): the site is served at
# NAME.DOMAIN through grid_name_proxy, held by a name contract; data.grid_gateway_domain knows the
# FQDN before apply. A grid_fqdn_proxy serves your own domain through the same gateway.
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

variable "name" {
  type    = string
  default = "hello"
}

resource "grid_network" "net" {
  name        = "web"
  nodes       = [1, 2]
  ip_range    = "10.40.0.0/16"
  description = "the gateway reaches the VM here"
}

resource "grid_deployment" "web" {
  node         = 2
  name         = "web"
  network_name = grid_network.net.name
  vms {
    name       = "web"
    flist      = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    entrypoint = "/sbin/zinit init"
    cpu        = 1
    memory     = 512
    env_vars = {
      PORT = "8080"
    }
  }
}

data "grid_gateway_domain" "domain" {
  node = 1
  name = var.name
}

resource "grid_name_proxy" "proxy" {
  node     = 1
  name     = var.name
  backends = ["http://${grid_deployment.web.vms[0].ip}:8080"]
}

resource "grid_fqdn_proxy" "own_domain" {
  node     = 1
  name     = "owndomain"
  fqdn     = "app.example.com"
  backends = ["http://${grid_deployment.web.vms[0].ip}:8080"]
}

output "fqdn" {
  description = "where the site is served"
  value       = grid_name_proxy.proxy.fqdn
}

output "expected_fqdn" {
  description = "the same, known before apply"
  value       = data.grid_gateway_domain.domain.fqdn
}
