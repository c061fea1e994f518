// zmachine: a virtual machine booted from an flist, attached to a private network of the twin
// (and a public IP workload, when asked), with GPUs passed through (checked at admission, see
// gpus.ts). Charges CRU = cpu, MRU = memory, SRU = its root disk.
// Recreated on any change.
import { createHash } from 'node:crypto';
import { ZERO, type Capacity } from '../capacity';
import { GPU_ID_PARTS } from '../gpus';
import { ipInCidr, parseCidr, toInt, toIp } from './ipv4';
import { GiB, isObject, MiB, positiveInt, ProvisionError, type ProvisionContext, type WorkloadType } from './types';
import { myceliumSeedProblem, myceliumVmIp, planetaryVmIp } from '../../../proto';

interface MachineNetwork {
  interfaces?: { network: string; ip?: string }[];
  public_ip?: string;
  planetary?: boolean;
  mycelium?: { network: string; hex_seed: string } | null;
}

/** {network, hex_seed}: a network of the twin that runs mycelium and a 6-byte seed in hex; null when valid */
function machineMyceliumProblem(m: unknown): string | null {
  if (m === undefined || m === null) return null;
  if (!isObject(m) || typeof m.network !== 'string' || !m.network) return 'network.mycelium.network must name a network workload';
  if (typeof m.hex_seed !== 'string' || !/^([0-9a-fA-F]{2})*$/.test(m.hex_seed)) return 'network.mycelium.hex_seed must be hex';
  const problem = myceliumSeedProblem(Buffer.from(m.hex_seed, 'hex'));
  return problem ? `network.mycelium.hex_seed: ${problem}` : null;
}

export const MIN_MEMORY = 250 * MiB;
export const MAX_CPU = 32;

export function validateMachine(d: Record<string, unknown>): string | null {
  if (typeof d.flist !== 'string' || !d.flist) return 'flist must be the URL of an flist';
  const cc = d.compute_capacity;
  if (!isObject(cc)) return 'compute_capacity {cpu, memory} is required';
  if (!positiveInt(cc.cpu) || cc.cpu > MAX_CPU)
    return `compute_capacity.cpu ${JSON.stringify(cc.cpu)} must be a whole number from 1 to ${MAX_CPU}`;
  if (!positiveInt(cc.memory) || cc.memory < MIN_MEMORY)
    return `compute_capacity.memory ${JSON.stringify(cc.memory)} must be at least ${MIN_MEMORY} bytes (250 MiB)`;
  if (d.size !== undefined && (typeof d.size !== 'number' || d.size < 0)) return 'size (the root disk, in bytes) must be a number >= 0';
  if (d.corex !== undefined && typeof d.corex !== 'boolean') return 'corex must be true or false';
  if (d.env !== undefined && (!isObject(d.env) || Object.values(d.env).some((v) => typeof v !== 'string')))
    return 'env must be a map of strings';
  const net = d.network;
  if (!isObject(net)) return 'network {interfaces, public_ip, planetary} is required';
  const ifaces = net.interfaces ?? [];
  if (!Array.isArray(ifaces)) return 'network.interfaces must be a list';
  for (const [i, iface] of ifaces.entries()) {
    if (!isObject(iface) || typeof iface.network !== 'string' || !iface.network)
      return `network.interfaces[${i}].network must name a network workload`;
    if (iface.ip !== undefined && iface.ip !== '' && typeof iface.ip !== 'string')
      return `network.interfaces[${i}].ip must be an IPv4 address or empty`;
  }
  const mycelium = machineMyceliumProblem(net.mycelium);
  if (mycelium) return mycelium;
  if (!ifaces.length && !net.planetary && !net.mycelium)
    return 'a VM needs at least one network: an interface on a private network, planetary or mycelium';
  if (d.gpu !== undefined && (!Array.isArray(d.gpu) || d.gpu.some((g) => typeof g !== 'string' || !GPU_ID_PARTS.test(g))))
    return 'gpu must be a list of GPU ids <pci slot>/<vendor>/<device>, like 0000:0e:00.0/1002/744c';
  if (Array.isArray(d.gpu) && new Set(d.gpu).size !== d.gpu.length) return 'gpu lists the same GPU twice';
  const mounts = d.mounts ?? [];
  if (
    !Array.isArray(mounts) ||
    mounts.some(
      (m) => !isObject(m) || typeof m.name !== 'string' || typeof m.mountpoint !== 'string' || !String(m.mountpoint).startsWith('/'),
    )
  ) {
    return 'mounts must be a list of {name, mountpoint} with absolute mountpoints';
  }
  return null;
}

/** The root disk a VM is charged for: its size, at least 500 MiB, or 2 GiB for larger machines. */
export function rootfsBytes(d: Record<string, unknown>): number {
  const cc = d.compute_capacity as { cpu: number; memory: number };
  const min = cc.cpu * (cc.memory / GiB) >= 8 ? 2 * GiB : 500 * MiB;
  return Math.max(Number(d.size ?? 0), min);
}

export function machineCapacity(d: Record<string, unknown>): Capacity {
  const cc = d.compute_capacity as { cpu: number; memory: number };
  return { ...ZERO, cru: cc.cpu, mru: cc.memory, sru: rootfsBytes(d) };
}

export function provisionMachine(d: Record<string, unknown>, ctx: ProvisionContext, name: string): Record<string, unknown> {
  const net = d.network as MachineNetwork;
  for (const m of (d.mounts ?? []) as { name: string }[]) {
    const disk = ctx.sibling(m.name);
    if (!disk || !['zmount', 'volume', 'qsfs'].includes(disk.type))
      throw new ProvisionError(`mount ${m.name}: no disk, volume or qsfs workload of that name is ok in this deployment`);
  }
  let privateIp = '';
  for (const iface of net.interfaces ?? []) {
    const nw = ctx.network(iface.network);
    if (!nw)
      throw new ProvisionError(
        `network ${iface.network} does not exist on node ${ctx.nodeId} for twin ${ctx.twinId}: deploy it on this node first`,
      );
    const used = ctx.usedIps(iface.network);
    const keep = String(ctx.previous?.ip ?? '');
    const wanted = iface.ip || (keep && ipInCidr(keep, nw.subnet) && !used.has(keep) ? keep : '');
    const ip = pickIp(nw.subnet, wanted, used, iface.network);
    privateIp ||= ip;
  }
  let publicIp = '';
  let publicIp6 = '';
  if (net.public_ip) {
    const ipw = ctx.sibling(net.public_ip);
    if (!ipw || ipw.type !== 'ip')
      throw new ProvisionError(`network.public_ip ${net.public_ip} is not an ip workload that is ok in this deployment`);
    publicIp = String(ipw.result.ip ?? '');
    publicIp6 = String(ipw.result.ip6 ?? '');
  }
  const myceliumIp = net.mycelium ? machineMyceliumIp(net.mycelium, ctx) : '';
  const id = createHash('sha256').update(`${ctx.nodeId}/${ctx.contractId}/${name}`).digest('hex');
  return {
    id: `${id.slice(0, 8)}-${id.slice(8, 12)}-${id.slice(12, 16)}-${id.slice(16, 20)}-${id.slice(20, 32)}`,
    ip: privateIp,
    public_ip: publicIp,
    public_ip6: publicIp6,
    planetary_ip: net.planetary ? planetaryVmIp(Buffer.from(ctx.nodePublicKey, 'hex'), ctx.twinId, ctx.contractId, name) : '',
    mycelium_ip: myceliumIp,
    console_url: privateIp ? `${privateIp}:20002` : '',
  };
}

/** The VM's address in its network's mycelium: the network must run mycelium on this node, as Zero-OS requires. */
function machineMyceliumIp(m: { network: string; hex_seed: string }, ctx: ProvisionContext): string {
  const nw = ctx.network(m.network);
  if (!nw) throw new ProvisionError(`network.mycelium: network ${m.network} does not exist on node ${ctx.nodeId} for twin ${ctx.twinId}`);
  if (!nw.myceliumKey)
    throw new ProvisionError(
      `network.mycelium: network ${m.network} does not run mycelium on node ${ctx.nodeId}; give it a mycelium key for this node`,
    );
  return myceliumVmIp(Buffer.from(nw.myceliumKey, 'hex'), Buffer.from(m.hex_seed, 'hex'));
}

/** The requested IP when valid and free, else the lowest free host from .2 up. */
function pickIp(subnet: string, wanted: string, used: Set<string>, networkName: string): string {
  const s = parseCidr(subnet)!;
  if (wanted) {
    const host = toInt(wanted) - s.base;
    if (!ipInCidr(wanted, subnet) || host < 2 || host > 254)
      throw new ProvisionError(
        `ip ${wanted} is not a usable host of network ${networkName}'s subnet ${subnet} on this node (hosts .2 to .254)`,
      );
    if (used.has(wanted)) throw new ProvisionError(`ip ${wanted} is already used by another machine in network ${networkName}`);
    return wanted;
  }
  for (let host = 2; host <= 254; host++) {
    const candidate = toIp(s.base + host);
    if (!used.has(candidate)) return candidate;
  }
  throw new ProvisionError(`network ${networkName}'s subnet ${subnet} has no free address left on this node`);
}

export const zmachine: WorkloadType = {
  updatesInPlace: false,
  validate: validateMachine,
  capacity: machineCapacity,
  provision: provisionMachine,
};
