# Two VMs from one local module, on the local grid (npx gridform grid up). The provider source is
# terraform-provider-grid's: gridform's grid provider answers to it, so this folder is plain
# Terraform that ThreeFold's own provider reads too.
terraform {
  required_version = ">= 1.5"
  required_providers {
    grid = {
      source = "threefoldtech/grid"
    }
  }
}

# the mnemonic comes from MNEMONIC, else from the local grid's dev account
provider "grid" {
  network = "local"
}

variable "vms" {
  description = "one VM (and its private network) per key, on the node given"
  type = map(object({
    node   = number
    memory = number
  }))
  default = {
    web = { node = 1, memory = 1024 }
    api = { node = 2, memory = 2048 }
  }
}

module "vm" {
  source   = "./modules/vm"
  for_each = var.vms
  name     = each.key
  node     = each.value.node
  memory   = each.value.memory
}

output "private_ips" {
  description = "the private IP of each VM"
  value       = { for name, vm in module.vm : name => vm.private_ip }
}
