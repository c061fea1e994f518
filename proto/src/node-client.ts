// A promise-based client of the node API (a zos-sim daemon), used by the provider and the CLI.
import * as grpc from '@grpc/grpc-js';
import { nodeProto } from './load';
import { unary, type Peer } from './rpc';
import { CALL_AUTH_HEADERS, signCall, type CallSigner } from './call-auth';
import { channelOptions, type ClientOptions } from './chain-client';
import type { NodeClient as RawNodeClient } from '../generated/gridform/node/Node';
import type { Deployment, Deployment__Output } from '../generated/gridform/node/Deployment';
import type { Change__Output } from '../generated/gridform/node/Change';
import type { Statistics__Output } from '../generated/gridform/node/Statistics';
import type { Gpu__Output } from '../generated/gridform/node/Gpu';
import type { PublicConfigReply__Output } from '../generated/gridform/node/PublicConfigReply';
import type { VersionReply__Output } from '../generated/gridform/node/VersionReply';

/** Calls that read a twin's deployments: the node answers them only to that twin, signed. */
const SIGNED_CALLS = new Set(['Get', 'List', 'Changes']);

/** A signed header is reused this long (well inside its validity), so the node verifies it rarely. */
const REUSE_AUTH_MS = 60_000;

export class NodeClient {
  private readonly raw: RawNodeClient;
  private readonly timeoutMs: number;
  private readonly signer?: CallSigner;
  private readonly peer: Peer;
  private auth?: { metadata: grpc.Metadata; signedAt: number };

  /** `signer` (the calling twin and this node's id) is needed for get, list and changes. */
  constructor(
    readonly address: string,
    options: ClientOptions & { signer?: CallSigner } = {},
  ) {
    this.raw = new (nodeProto().gridform.node.Node)(address, grpc.credentials.createInsecure(), channelOptions(options));
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.signer = options.signer;
    this.peer = options.peer ?? { name: 'the node' };
  }

  private call<Res>(method: string, req: unknown): Promise<Res> {
    const metadata = SIGNED_CALLS.has(method) ? this.signedMetadata() : undefined;
    return unary<unknown, Res>(this.raw, method, req, this.timeoutMs, this.address, this.peer, metadata);
  }

  private signedMetadata(): grpc.Metadata | undefined {
    if (!this.signer) return undefined;
    const now = Date.now();
    if (this.auth && now - this.auth.signedAt < REUSE_AUTH_MS) return this.auth.metadata;
    const auth = signCall(this.signer, now);
    const metadata = new grpc.Metadata();
    metadata.set(CALL_AUTH_HEADERS.twin, String(auth.twinId));
    metadata.set(CALL_AUTH_HEADERS.time, String(auth.time));
    metadata.set(CALL_AUTH_HEADERS.signature, auth.signature);
    this.auth = { metadata, signedAt: now };
    return metadata;
  }

  async deploy(d: Deployment): Promise<void> {
    await this.call('Deploy', d);
  }
  async update(d: Deployment): Promise<void> {
    await this.call('Update', d);
  }
  get(twinId: number, contractId: number): Promise<Deployment__Output> {
    return this.call('Get', { twinId, contractId });
  }
  async list(twinId: number): Promise<Deployment__Output[]> {
    return (await this.call<{ deployments: Deployment__Output[] }>('List', { twinId })).deployments;
  }
  async changes(twinId: number, contractId: number): Promise<Change__Output[]> {
    return (await this.call<{ changes: Change__Output[] }>('Changes', { twinId, contractId })).changes;
  }
  statistics(): Promise<Statistics__Output> {
    return this.call('Statistics', {});
  }
  async wgPorts(): Promise<number[]> {
    return (await this.call<{ ports: number[] }>('ListWgPorts', {})).ports;
  }
  publicConfig(): Promise<PublicConfigReply__Output> {
    return this.call('PublicConfig', {});
  }
  async publicIps(): Promise<string[]> {
    return (await this.call<{ ips: string[] }>('ListPublicIps', {})).ips;
  }
  /** the node's GPUs and the contract using each (0 = free) */
  async gpus(): Promise<Gpu__Output[]> {
    return (await this.call<{ gpus: Gpu__Output[] }>('ListGpus', {})).gpus;
  }

  async features(): Promise<string[]> {
    return (await this.call<{ features: string[] }>('Features', {})).features;
  }
  version(): Promise<VersionReply__Output> {
    return this.call('Version', {});
  }
  close(): void {
    this.raw.close();
  }
}
