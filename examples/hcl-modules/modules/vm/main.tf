# One VM in a private network of its own, on one node.
variable "name" {
  type = string
}

variable "node" {
  type = number
}

variable "memory" {
  type    = number
  default = 1024
}

resource "grid_network" "this" {
  name        = "net_${var.name}"
  nodes       = [var.node]
  ip_range    = "10.1.0.0/16"
  description = "network of ${var.name}"
}

resource "grid_deployment" "this" {
  node         = var.node
  name         = var.name
  network_name = grid_network.this.name

  vms {
    name        = var.name
    flist       = "https://hub.grid.tf/tf-official-apps/base:latest.flist"
    entrypoint  = "/sbin/zinit init"
    cpu         = 1
    memory      = var.memory
    rootfs_size = 2048
    env_vars = {
      SSH_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheQuickstartOnly user@example"
    }
  }
}

output "private_ip" {
  value = grid_deployment.this.vms[0].ip
}
