// container: a container started from an flist (our addition to Zero-OS's types): entrypoint,
// env, mounts, cpu and memory, on the twin's private network. Charged like a VM (CRU = cpu,
// MRU = memory, SRU = its root filesystem). Recreated on change.
import { machineCapacity, provisionMachine, validateMachine } from './zmachine';
import type { WorkloadType } from './types';

export const container: WorkloadType = {
  updatesInPlace: false,
  validate(d) {
    if (d.entrypoint !== undefined && typeof d.entrypoint !== 'string') return 'entrypoint must be a command line (a string)';
    return validateMachine(d);
  },
  capacity: machineCapacity,
  async provision(d, ctx, name) {
    const { id, ip, planetary_ip: planetary, mycelium_ip: mycelium } = provisionMachine(d, ctx, name);
    return { id, ip, planetary_ip: planetary, mycelium_ip: mycelium };
  },
};
