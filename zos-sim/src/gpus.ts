// A node's GPUs, as Zero-OS lists them (zos.gpu.list): each discrete GPU's id is
// "<pci slot>/<vendor id>/<device id>" (for example 0000:0e:00.0/1002/744c), the form a VM's gpu
// list names it in, with vendor and device names, video memory, and the contract whose VM has it.
// A GPU is passed through to one VM: another VM asking for it fails, as the device is taken.

export interface NodeGpu {
  id: string;
  vendor: string;
  device: string;
  /** bytes */
  vram: number;
}

/** What Zero-OS accepts in a VM's gpu list: three parts (slot/vendor/device); existence is checked apart. */
export const GPU_ID_PARTS = /^[^/\s]+\/[^/\s]+\/[^/\s]+$/;

/** A node's own GPU id: slot (domain:bus:device.function), 4-hex vendor id, 4-hex device id */
export const GPU_ID = /^[0-9a-f]{4}:[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]\/[0-9a-f]{4}\/[0-9a-f]{4}$/;

const GiB = 2 ** 30;

/** Names and memory of a few discrete GPUs (from the PCI id list Zero-OS reads). */
const KNOWN: Record<string, { vendor: string; device: string; vram: number }> = {
  '1002/744c': { vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]', device: 'Navi 31 [Radeon RX 7900 XT/7900 XTX]', vram: 24 * GiB },
  '1002/731f': {
    vendor: 'Advanced Micro Devices, Inc. [AMD/ATI]',
    device: 'Navi 10 [Radeon RX 5600 OEM/5600 XT / 5700/5700 XT]',
    vram: 8 * GiB,
  },
  '10de/2204': { vendor: 'NVIDIA Corporation', device: 'GA102 [GeForce RTX 3090]', vram: 24 * GiB },
  '10de/20b0': { vendor: 'NVIDIA Corporation', device: 'GA100 [A100 SXM4 40GB]', vram: 40 * GiB },
};
const VENDORS: Record<string, string> = { '1002': 'Advanced Micro Devices, Inc. [AMD/ATI]', '10de': 'NVIDIA Corporation' };

/** The node's GPUs from their ids; a malformed or repeated id is an error naming it. */
export function nodeGpus(ids: readonly string[]): NodeGpu[] {
  const seen = new Set<string>();
  return ids.map((id) => {
    if (!GPU_ID.test(id)) throw new Error(`GPU id ${JSON.stringify(id)} must be <pci slot>/<vendor>/<device>, like 0000:0e:00.0/1002/744c`);
    if (seen.has(id)) throw new Error(`GPU ${id} is listed twice`);
    seen.add(id);
    const [, vendorId, deviceId] = id.split('/');
    const known = KNOWN[`${vendorId}/${deviceId}`];
    return known ? { id, ...known } : { id, vendor: VENDORS[vendorId] ?? 'unknown', device: 'unknown', vram: 0 };
  });
}

/** GPU id -> contract of the VM holding it (provisioning, running or paused), from the node's deployments. */
export function gpusInUse(
  deployments: Iterable<{ contractId: number; workloads: { type: string; data: string; result?: { state: string } | null }[] }>,
): Map<string, number> {
  const used = new Map<string, number>();
  for (const d of deployments)
    for (const w of d.workloads) {
      if (w.type !== 'zmachine' || !['init', 'ok', 'paused'].includes(w.result?.state ?? '')) continue;
      const gpu = (JSON.parse(w.data || '{}') as { gpu?: string[] }).gpu ?? [];
      for (const id of gpu) used.set(id, d.contractId);
    }
  return used;
}

/** The GPU ids a deployment's VMs ask for, with the VM asking. */
export function gpusAsked(workloads: { name: string; type: string; data: string }[]): { vm: string; id: string }[] {
  return workloads
    .filter((w) => w.type === 'zmachine')
    .flatMap((w) => ((JSON.parse(w.data || '{}') as { gpu?: string[] }).gpu ?? []).map((id) => ({ vm: w.name, id })));
}

/**
 * Why the VMs of contract `contractId` cannot have the GPUs they ask for on this node, or undefined:
 * a GPU the node does not have, one another contract's VM holds, or one two VMs ask for.
 */
export function gpuRefusal(
  nodeId: number,
  gpus: readonly NodeGpu[],
  asked: { vm: string; id: string }[],
  inUse: ReadonlyMap<string, number>,
  contractId: number,
): string | undefined {
  const mine = new Map<string, string>();
  for (const { vm, id } of asked) {
    if (mine.has(id)) return `VMs ${mine.get(id)} and ${vm} both ask for GPU ${id}: a GPU is passed through to one VM`;
    mine.set(id, vm);
  }
  for (const { vm, id } of asked) {
    if (!gpus.some((g) => g.id === id)) {
      const has = gpus.length ? `it has ${gpus.map((g) => g.id).join(', ')}` : 'it has no GPU';
      return `VM ${vm}: unknown GPU id '${id}' on node ${nodeId} (${has})`;
    }
    const holder = inUse.get(id);
    if (holder !== undefined && holder !== contractId) return `VM ${vm}: GPU ${id} on node ${nodeId} is used by contract ${holder}`;
  }
  return undefined;
}
