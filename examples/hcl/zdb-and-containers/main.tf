# Two 0-db namespaces and two containers sharing a disk, in one deployment on node 1.
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
  name     = "app"
  nodes    = [1]
  ip_range = "10.50.0.0/16"
}

resource "grid_deployment" "app" {
  node         = 1
  name         = "app"
  network_name = grid_network.net.name

  disks {
    name        = "shared"
    size        = 10
    description = "files both containers see"
  }

  zdbs {
    name     = "cache"
    size     = 5
    mode     = "user"
    password = "change-me"
  }

  zdbs {
    name     = "log"
    size     = 20
    mode     = "seq"
    password = "change-me"
  }

  dynamic "containers" {
    for_each = ["worker1", "worker2"]
    content {
      name       = containers.value
      flist      = "https://hub.grid.tf/tf-official-apps/redis-worker.flist"
      entrypoint = "/usr/bin/worker"
      cpu        = 1
      memory     = 512
      env_vars = {
        ZDB_NAMESPACE = "cache"
      }
      mounts {
        name        = "shared"
        mount_point = "/data"
      }
    }
  }
}

output "worker_ips" {
  value = grid_deployment.app.containers[*].ip
}

output "cache_namespace" {
  value = grid_deployment.app.zdbs[0].namespace
}

output "cache_port" {
  value = grid_deployment.app.zdbs[0].port
}
