// Handlers of the node's gRPC service.
import * as grpc from '@grpc/grpc-js';
import { statusError, type node } from '../../../proto';
import type { DeploymentManager } from '../deployments';
import { NodeRefusal } from '../refusal';
import type { NodeStore, StoredDeployment } from '../store/node-store';
import { systemReserve, type Capacity } from '../capacity';
import { CallerCheck } from './caller';

export interface NodeInfo {
  nodeId: number;
  total: Capacity;
  publicConfig: node.PublicConfigReply;
  version: string;
  /** the workload types this version runs */
  supported: ReadonlySet<string>;
}

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

function answer<Res>(cb: grpc.sendUnaryData<Res>, body: () => Res | Promise<Res>): void {
  Promise.resolve()
    .then(body)
    .then(
      (res) => cb(null, res),
      (err: unknown) => {
        if (err instanceof NodeRefusal) cb(statusError(grpc.status[err.code], err.message));
        else cb(statusError(grpc.status.INTERNAL, `zos-sim internal error: ${(err as Error).message}`));
      },
    );
}

function wire(d: StoredDeployment): node.Deployment {
  const { reservedIps: _ignored, ...rest } = d;
  return rest;
}

/** `ready()` is undefined until the node is registered on chain; calls before that are refused. */
export function nodeHandlers(store: NodeStore, ready: () => { info: NodeInfo; deployments: DeploymentManager } | undefined) {
  const started = () => {
    const r = ready();
    if (!r) throw new NodeRefusal('UNAVAILABLE', 'the node is starting (registering on chain); try again shortly');
    return r;
  };
  let callers: CallerCheck | undefined;
  /** The signed caller; a request naming another twin is refused, never answered with that twin's data. */
  const caller = async (call: { metadata: grpc.Metadata; request: { twinId?: number | string } }): Promise<number> => {
    const { info, deployments } = started();
    callers ??= new CallerCheck(deployments.twinKeys);
    const twinId = await callers.twinOf(call.metadata, info.nodeId);
    const asked = Number(call.request.twinId ?? 0);
    if (asked && asked !== twinId) {
      throw new NodeRefusal('PERMISSION_DENIED', `twin ${twinId} cannot read the deployments of twin ${asked} on node ${info.nodeId}`);
    }
    return twinId;
  };
  const owned = (twinId: number, contractId: number): StoredDeployment => {
    const { info } = started();
    const d = store.get(contractId);
    if (!d || d.twinId !== twinId)
      throw new NodeRefusal('NOT_FOUND', `node ${info.nodeId} has no deployment for contract ${contractId} of twin ${twinId}`);
    return d;
  };
  const cap = (c: Capacity): node.Capacity => ({ cru: c.cru, mru: c.mru, sru: c.sru, hru: c.hru, ipv4u: c.ipv4u });
  return {
    Deploy: ((call, cb) => answer(cb, async () => (await started().deployments.deploy(call.request), {}))) as Unary<
      node.Deployment__Output,
      node.DeployReply
    >,
    Update: ((call, cb) => answer(cb, async () => (await started().deployments.update(call.request), {}))) as Unary<
      node.Deployment__Output,
      node.DeployReply
    >,
    Get: ((call, cb) => answer(cb, async () => wire(owned(await caller(call), Number(call.request.contractId))))) as Unary<
      node.GetRequest__Output,
      node.Deployment
    >,
    List: ((call, cb) => answer(cb, async () => ({ deployments: store.live(await caller(call)).map(wire) }))) as Unary<
      node.ListRequest__Output,
      node.DeploymentList
    >,
    Changes: ((call, cb) =>
      answer(cb, async () => {
        owned(await caller(call), Number(call.request.contractId));
        return { changes: store.changes(call.request.contractId) };
      })) as Unary<node.GetRequest__Output, node.ChangeList>,
    Statistics: ((_call, cb) =>
      answer(cb, () => {
        const { info, deployments } = started();
        const live = store.live();
        return {
          total: cap(info.total),
          used: cap(deployments.usedCapacity()),
          system: cap(systemReserve(info.total)),
          deployments: live.length,
          workloads: live.reduce((n, d) => n + d.workloads.filter((w) => w.result?.state !== 'deleted').length, 0),
          gpus: deployments.gpuList(),
        };
      })) as Unary<node.Empty__Output, node.Statistics>,
    ListWgPorts: ((_call, cb) =>
      answer(cb, () => ({
        ports: store
          .live()
          .flatMap((d) =>
            d.workloads
              .filter((w) => w.type === 'network' && w.result?.state !== 'deleted')
              .map((w) => Number(JSON.parse(w.data).wireguard_listen_port)),
          ),
      }))) as Unary<node.Empty__Output, node.WgPorts>,
    PublicConfig: ((_call, cb) => answer(cb, () => started().info.publicConfig)) as Unary<node.Empty__Output, node.PublicConfigReply>,
    ListPublicIps: ((_call, cb) =>
      answer(cb, () => ({
        ips: store
          .live()
          .flatMap((d) =>
            d.workloads.filter((w) => w.type === 'ip' && w.result?.state === 'ok').map((w) => String(JSON.parse(w.result!.data).ip ?? '')),
          )
          .filter(Boolean),
      }))) as Unary<node.Empty__Output, node.PublicIpList>,
    Features: ((_call, cb) =>
      answer(cb, () => {
        const { supported, publicConfig } = started().info;
        return { features: [...supported, 'ipv4', 'wireguard', ...(publicConfig.domain ? ['gateway'] : [])] };
      })) as Unary<node.Empty__Output, node.FeatureList>,
    ListGpus: ((_call, cb) => answer(cb, () => ({ gpus: started().deployments.gpuList() }))) as Unary<node.Empty__Output, node.GpuList>,
    Version: ((_call, cb) => answer(cb, () => ({ zos: started().info.version, zinit: 'zos-sim' }))) as Unary<
      node.Empty__Output,
      node.VersionReply
    >,
  };
}
