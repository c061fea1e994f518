# A k3s cluster: a master with a public IPv4 on node 1 and two workers on nodes 1 and 2, on one
# private network. A real cluster takes its token from a sensitive variable.
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
  name     = "k8s"
  nodes    = [1, 2]
  ip_range = "10.60.0.0/16"
}

resource "grid_kubernetes" "cluster" {
  network_name = grid_network.net.name
  token        = "example-k3s-token"
  ssh_key      = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKeyForTheKubernetesExample user@example"

  master {
    name      = "master"
    node      = 1
    cpu       = 2
    memory    = 2048
    disk_size = 20
    publicip  = true
  }

  workers {
    name      = "worker1"
    node      = 1
    cpu       = 1
    memory    = 1024
    disk_size = 10
  }

  workers {
    name      = "worker2"
    node      = 2
    cpu       = 1
    memory    = 1024
    disk_size = 10
  }
}

output "master_ip" {
  value = grid_kubernetes.cluster.master.ip
}

output "master_public_ip" {
  value = grid_kubernetes.cluster.master.computedip
}

output "worker1_ip" {
  value = grid_kubernetes.cluster.workers[0].ip
}
