// Row shapes of the ledger tables and their conversion to the wire types.
import type { chain } from '../../../proto';
import { nodeStatus } from './node-status';

export interface TwinRow {
  id: number;
  account_id: string;
  relay: string;
  pk: string;
  created: number;
}
export interface FarmRow {
  id: number;
  name: string;
  twin_id: number;
  pricing_policy_id: number;
  certification: string;
  dedicated: number;
}
export interface PublicIpRow {
  ip: string;
  farm_id: number;
  gateway: string;
  contract_id: number;
}
export interface NodeRow {
  id: number;
  farm_id: number;
  twin_id: number;
  cru: number;
  mru: number;
  sru: number;
  hru: number;
  city: string;
  country: string;
  latitude: number;
  longitude: number;
  ipv4: string;
  gw4: string;
  ipv6: string;
  gw6: string;
  domain: string;
  certification: string;
  address: string;
  created: number;
  dedicated: number;
  uptime: number;
  last_report: number;
  version: string;
  power_target: string;
  /** mUSD per month the renter pays on top */
  extra_fee: number;
}
export interface ContractRow {
  id: number;
  twin_id: number;
  type: 'node' | 'name' | 'rent';
  state: 'Created' | 'GracePeriod' | 'Deleted';
  deleted_reason: string;
  grace_since_block: number;
  grace_since: number;
  node_id: number;
  deployment_hash: string;
  deployment_data: string;
  public_ips: number;
  name: string;
  created: number;
  last_billed: number;
  cru: number;
  mru: number;
  sru: number;
  hru: number;
  nru: number;
  solution_provider_id: number;
  /** TFT units billed but not paid (grace) */
  owed: number;
}

export function twinMessage(r: TwinRow): chain.Twin {
  return { id: r.id, accountId: r.account_id, relay: r.relay, pk: r.pk };
}

export function farmMessage(r: FarmRow, ips: PublicIpRow[]): chain.Farm {
  return {
    id: r.id,
    name: r.name,
    twinId: r.twin_id,
    pricingPolicyId: r.pricing_policy_id,
    certification: r.certification,
    dedicated: !!r.dedicated,
    publicIps: ips.map((ip) => ({ ip: ip.ip, gateway: ip.gateway, contractId: ip.contract_id })),
  };
}

/** `now`: chain time, which the node's status depends on. */
export function nodeMessage(r: NodeRow, rentedByTwin: number, now: number): chain.Node {
  return {
    id: r.id,
    farmId: r.farm_id,
    twinId: r.twin_id,
    resources: { cru: r.cru, mru: r.mru, sru: r.sru, hru: r.hru },
    location: { city: r.city, country: r.country, latitude: r.latitude, longitude: r.longitude },
    publicConfig: { ipv4: r.ipv4, gw4: r.gw4, ipv6: r.ipv6, gw6: r.gw6, domain: r.domain },
    certification: r.certification,
    address: r.address,
    created: r.created,
    dedicated: !!r.dedicated,
    rentedByTwin,
    status: nodeStatus({ lastReport: r.last_report, powerTarget: r.power_target }, now),
    version: r.version,
    uptime: r.uptime,
    lastReport: r.last_report,
    powerTarget: r.power_target,
    extraFee: r.extra_fee ?? 0,
  };
}

export function contractMessage(r: ContractRow, ips: PublicIpRow[]): chain.Contract {
  return {
    id: r.id,
    twinId: r.twin_id,
    type: r.type,
    state: r.state,
    deletedReason: r.deleted_reason,
    graceSinceBlock: r.grace_since_block,
    graceSince: r.grace_since,
    nodeId: r.node_id,
    deploymentHash: r.deployment_hash,
    deploymentData: r.deployment_data,
    publicIps: r.public_ips,
    publicIpsList: ips.map((ip) => ({ ip: ip.ip, gateway: ip.gateway, contractId: ip.contract_id })),
    name: r.name,
    created: r.created,
    lastBilled: r.last_billed,
    used: { cru: r.cru, mru: r.mru, sru: r.sru, hru: r.hru },
    solutionProviderId: r.solution_provider_id,
  };
}
