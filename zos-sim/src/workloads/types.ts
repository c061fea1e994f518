// What every workload type provides: validation of its data, the capacity it takes, and
// provisioning, which yields the result data or fails with a message (state error).
import type { Capacity } from '../capacity';

export interface NetworkInfo {
  contractId: number;
  name: string;
  ipRange: string;
  subnet: string;
  /** the hex of the network's 32-byte mycelium key on this node, when it runs mycelium */
  myceliumKey?: string;
}

/** What provisioning may look up: other workloads on this node. */
export interface ProvisionContext {
  readonly nodeId: number;
  readonly twinId: number;
  readonly contractId: number;
  /** the node's ed25519 public key (hex): its yggdrasil key, whose /64 planetary addresses come from */
  readonly nodePublicKey: string;
  /** public IPs the contract reserved on chain, as CIDR strings, with their gateways */
  readonly reservedIps: readonly { ip: string; gateway: string }[];
  /** a network workload of this twin on this node, by name */
  network(name: string): NetworkInfo | undefined;
  /** private IPs taken in a network of this twin (by VMs and containers), except the workload provisioning */
  usedIps(networkName: string): Set<string>;
  /** public IPs taken on this node by ip workloads, except the workload provisioning */
  usedPublicIps(): Set<string>;
  /** the result data of a workload of the same deployment, if it is ok */
  sibling(name: string): { type: string; result: Record<string, unknown> } | undefined;
  /** wireguard listen ports used by other network workloads on this node */
  usedWgPorts(): Set<number>;
  /** the workload's result before this provisioning (on updates), so addresses stay stable */
  readonly previous?: Record<string, unknown>;
  /** the node's public configuration: a gateway node has a domain and a public IPv4 */
  readonly publicConfig: { ipv4: string; ipv6: string; domain: string };
  /** the owner and state of the name contract for `name` on chain, or undefined when there is none */
  nameContract(name: string): Promise<{ twinId: number; state: string } | undefined>;
}

export interface WorkloadType {
  /** null when the data is valid, else what is wrong (naming the field) */
  validate(data: Record<string, unknown>): string | null;
  capacity(data: Record<string, unknown>): Capacity;
  provision(data: Record<string, unknown>, ctx: ProvisionContext, name: string): Record<string, unknown> | Promise<Record<string, unknown>>;
  /** whether a changed workload of this type is updated in place (else it is recreated) */
  readonly updatesInPlace: boolean;
}

export class ProvisionError extends Error {}

export const MiB = 2 ** 20;
export const GiB = 2 ** 30;

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function positiveInt(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v > 0;
}
