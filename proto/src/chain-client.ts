// A promise-based client of the chain API, shared by nodes (zos-sim), the provider and the CLI.
import * as grpc from '@grpc/grpc-js';
import { chainProto } from './load';
import { RpcError, unary, type Peer } from './rpc';
import { signExtrinsic } from './extrinsic';
import type { KeyPair } from './keys';
import type { ChainClient as RawChainClient } from '../generated/gridform/chain/Chain';
import type { ChainAdminClient as RawAdminClient } from '../generated/gridform/chain/ChainAdmin';
import type { Call } from '../generated/gridform/chain/Call';
import type { Account__Output } from '../generated/gridform/chain/Account';
import type { Bill__Output } from '../generated/gridform/chain/Bill';
import type { ChainInfo__Output } from '../generated/gridform/chain/ChainInfo';
import type { Contract__Output } from '../generated/gridform/chain/Contract';
import type { Event__Output } from '../generated/gridform/chain/Event';
import type { Farm__Output } from '../generated/gridform/chain/Farm';
import type { ListContractsRequest } from '../generated/gridform/chain/ListContractsRequest';
import type { Node__Output } from '../generated/gridform/chain/Node';
import type { PricingPolicy__Output } from '../generated/gridform/chain/PricingPolicy';
import type { SubmitResult__Output } from '../generated/gridform/chain/SubmitResult';
import type { Twin__Output } from '../generated/gridform/chain/Twin';

/**
 * grpc-js waits up to 2 minutes between attempts to reconnect a channel, and fails calls at once
 * meanwhile: a chain back after a minute's outage would stay unreachable to its clients for up to
 * a minute more. A refused connect costs nothing, so reconnect within a second or two.
 */
export const RECONNECT_QUICKLY = { 'grpc.initial_reconnect_backoff_ms': 250, 'grpc.max_reconnect_backoff_ms': 2000 };

/** How often an idle connection is pinged; an unanswered ping closes it after a third of that. */
export const DEFAULT_KEEPALIVE_MS = 15_000;

/**
 * HTTP/2 pings on every connection, idle or not. A peer that vanished without closing the TCP
 * connection (a host gone, a link cut) is noticed within keepaliveMs * 4/3: the connection is
 * dropped, a stream on it ends with UNAVAILABLE and the channel reconnects. Without them a
 * subscription waits forever and every call times out on the dead connection.
 */
export function keepaliveOptions(keepaliveMs = DEFAULT_KEEPALIVE_MS): Record<string, number> {
  if (keepaliveMs <= 0) return {};
  return {
    'grpc.keepalive_time_ms': keepaliveMs,
    'grpc.keepalive_timeout_ms': Math.ceil(keepaliveMs / 3),
    'grpc.keepalive_permit_without_calls': 1,
  };
}

/** The options of a long-lived channel to the chain or a node. */
export function channelOptions(options: ClientOptions): Record<string, number> {
  return { 'grpc.max_receive_message_length': 256 * 1024 * 1024, ...RECONNECT_QUICKLY, ...keepaliveOptions(options.keepaliveMs) };
}

export interface ClientOptions {
  /** deadline of each call, in milliseconds (default 10 s) */
  timeoutMs?: number;
  /** who answers there and what to do if it cannot be reached, for error messages */
  peer?: Peer;
  /**
   * A call made while the connection is down waits up to this long for it to come back before it
   * fails (default 0: it fails at once). A long-lived client (a node's) sets it: after an outage
   * its channel reconnects only on its own backoff, and the first calls would fail needlessly.
   */
  awaitReconnectMs?: number;
  /** keepalive ping period in milliseconds (default 15 s; 0 turns pings off) */
  keepaliveMs?: number;
}

/** An event subscription: pausing stops reading, so the chain holds back (flow control) instead of buffering here. */
export interface Subscription {
  cancel(): void;
  pause(): void;
  resume(): void;
}

/** The header carrying a development chain's admin credential, which its ChainAdmin calls need. */
export const ADMIN_TOKEN_HEADER = 'x-gridform-admin-token';

export class ChainClient {
  private readonly raw: RawChainClient;
  private readonly admin: RawAdminClient;
  private readonly timeoutMs: number;
  private readonly adminToken?: string;
  private readonly peer: Peer;
  private readonly awaitReconnectMs: number;

  /** `adminToken`: the chain's admin credential, for fund, advanceTime and setTftPrice */
  constructor(
    readonly address: string,
    options: ClientOptions & { adminToken?: string } = {},
  ) {
    const proto = chainProto();
    const credentials = grpc.credentials.createInsecure();
    this.raw = new proto.gridform.chain.Chain(address, credentials, channelOptions(options));
    this.admin = new proto.gridform.chain.ChainAdmin(address, credentials, channelOptions(options));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.adminToken = options.adminToken;
    this.peer = options.peer ?? { name: 'the chain' };
    this.awaitReconnectMs = options.awaitReconnectMs ?? 0;
  }

  private async call<Res>(method: string, req: unknown, client: grpc.Client = this.raw): Promise<Res> {
    await this.connected(client);
    try {
      return await unary<unknown, Res>(client, method, req, this.timeoutMs, this.address, this.peer);
    } catch (err) {
      // the channel still thought itself connected when the chain had gone: wait for the reconnect, once
      if (!this.awaitReconnectMs || !(err instanceof RpcError) || !err.neverSent) throw err;
      await this.connected(client);
      return unary<unknown, Res>(client, method, req, this.timeoutMs, this.address, this.peer);
    }
  }

  /** With awaitReconnectMs, waits (that long at most) for a channel that is not ready; the call then says how it went. */
  private connected(client: grpc.Client): Promise<void> {
    if (!this.awaitReconnectMs) return Promise.resolve();
    if (client.getChannel().getConnectivityState(false) === grpc.connectivityState.READY) return Promise.resolve();
    return new Promise((resolve) => client.waitForReady(Date.now() + this.awaitReconnectMs, () => resolve()));
  }

  private adminCall<Res>(method: string, req: unknown): Promise<Res> {
    const metadata = new grpc.Metadata();
    if (this.adminToken) metadata.set(ADMIN_TOKEN_HEADER, this.adminToken);
    return unary<unknown, Res>(this.admin, method, req, this.timeoutMs, this.address, this.peer, metadata);
  }

  /** Signs `call` with `keyPair` and submits it; resolves once it is sealed in a block. */
  submit(keyPair: KeyPair, call: Call): Promise<SubmitResult__Output> {
    return this.call('Submit', signExtrinsic(keyPair, call));
  }

  info(): Promise<ChainInfo__Output> {
    return this.call('GetChainInfo', {});
  }
  account(accountId: string): Promise<Account__Output> {
    return this.call('GetAccount', { accountId });
  }
  twin(id: number): Promise<Twin__Output> {
    return this.call('GetTwin', { id });
  }
  twinByAccount(accountId: string): Promise<Twin__Output> {
    return this.call('GetTwinByAccount', { accountId });
  }
  farm(id: number): Promise<Farm__Output> {
    return this.call('GetFarm', { id });
  }
  async farms(twinId = 0): Promise<Farm__Output[]> {
    return (await this.call<{ farms: Farm__Output[] }>('ListFarms', { twinId })).farms;
  }
  node(id: number): Promise<Node__Output> {
    return this.call('GetNode', { id });
  }
  /** The farm's nodes (farm 0: all); with `ids`, only those (at most 1000). */
  async nodes(farmId = 0, ids: readonly number[] = []): Promise<Node__Output[]> {
    return (await this.call<{ nodes: Node__Output[] }>('ListNodes', { farmId, ids })).nodes;
  }
  pricingPolicy(id = 1): Promise<PricingPolicy__Output> {
    return this.call('GetPricingPolicy', { id });
  }
  contract(id: number): Promise<Contract__Output> {
    return this.call('GetContract', { id });
  }
  async contracts(filter: ListContractsRequest = {}): Promise<Contract__Output[]> {
    return (await this.call<{ contracts: Contract__Output[] }>('ListContracts', filter)).contracts;
  }
  /** The live contract with this hash on the node: `twinId`'s own, or with 0 any twin's. */
  async contractIdByNodeHash(nodeId: number, deploymentHash: string, twinId = 0): Promise<number> {
    return (await this.call<{ id: number }>('GetContractIdByNodeHash', { nodeId, deploymentHash, twinId })).id;
  }
  async contractIdByName(name: string): Promise<number> {
    return (await this.call<{ id: number }>('GetContractIdByName', { name })).id;
  }
  async bills(contractId: number): Promise<Bill__Output[]> {
    return (await this.call<{ bills: Bill__Output[] }>('ListBills', { id: contractId })).bills;
  }

  /**
   * Streams events from `fromBlock` on (past ones first, then live ones) until cancelled; with
   * `nodeId`, only the events naming that node. `onEnd` is called once, after the call is over on
   * the wire (never for a cancel), so whoever subscribes again does so only when this one is gone.
   * `onOpen` is called once the chain has accepted the subscription.
   */
  subscribe(
    fromBlock: number,
    onEvent: (e: Event__Output) => void,
    onEnd?: (err?: Error) => void,
    nodeId = 0,
    onOpen?: () => void,
  ): Subscription {
    const stream = this.raw.SubscribeEvents({ fromBlock, nodeId });
    let cancelled = false;
    let ended = false;
    // grpc-js reports a failed stream both as 'error' and as 'end' (then 'status'): one ending only
    const end = (err?: Error) => {
      if (ended) return;
      ended = true;
      if (!cancelled) onEnd?.(err);
    };
    stream.on('metadata', () => onOpen?.());
    stream.on('data', onEvent);
    stream.on('error', (err: grpc.ServiceError) => end(err));
    stream.on('end', () => end());
    stream.on('status', (s: grpc.StatusObject) => {
      end(s.code === grpc.status.OK ? undefined : new RpcError('SubscribeEvents', s.code, s.details, this.address, this.peer));
    });
    return {
      cancel: () => {
        cancelled = true;
        stream.cancel();
      },
      pause: () => void stream.pause(),
      resume: () => void stream.resume(),
    };
  }

  // Development-chain controls (ChainAdmin service).
  fund(accountId: string, amountUnits: bigint | string): Promise<Account__Output> {
    return this.adminCall('Fund', { accountId, amount: amountUnits.toString() });
  }
  advanceTime(seconds: number): Promise<ChainInfo__Output> {
    return this.adminCall('AdvanceTime', { seconds });
  }
  setTftPrice(tftPriceUsd: string): Promise<ChainInfo__Output> {
    return this.adminCall('SetTftPrice', { tftPriceUsd });
  }

  close(): void {
    this.raw.close();
    this.admin.close();
  }
}

export function isNotFound(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: number }).code === grpc.status.NOT_FOUND;
}
