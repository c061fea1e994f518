// Handlers of the Chain service.
import { Metadata } from '@grpc/grpc-js';
import type * as grpc from '@grpc/grpc-js';
import type { chain } from '../../../proto';
import type { Ledger } from '../ledger/ledger';
import type { ChainEvent } from '../ledger/block';
import { refuse } from '../ledger/errors';
import { contractMessage, farmMessage, nodeMessage, twinMessage } from '../ledger/rows';
import { respond } from './respond';
import { accountId, deploymentHashFormat } from '../ledger/calls/validate';

type Unary<Req, Res> = (call: grpc.ServerUnaryCall<Req, Res>, cb: grpc.sendUnaryData<Res>) => void;

export function eventMessage(e: ChainEvent): chain.Event {
  return { block: e.block, index: e.index, timestamp: e.timestamp, type: e.type, data: JSON.stringify(e.data) };
}

/** At most this many ids in one list request: one call reads many objects, not the whole chain at once. */
export const MAX_LISTED_IDS = 1000;

function listedIds(ids: readonly number[] | undefined, what: string): number[] {
  const list = (ids ?? []).map(Number);
  if (list.length > MAX_LISTED_IDS) throw refuse.invalid(`ids names ${list.length} ${what}; ask for at most ${MAX_LISTED_IDS} in one call`);
  return list;
}

export function chainHandlers(ledger: Ledger, streams: Set<grpc.ServerWritableStream<unknown, unknown>>) {
  const q = ledger.q;
  const found = <T>(v: T | undefined, what: string): T => {
    if (v === undefined) throw refuse.notFound(`${what} does not exist`);
    return v;
  };
  const handlers: Record<
    string,
    Unary<never, unknown> | ((s: grpc.ServerWritableStream<chain.SubscribeRequest__Output, chain.Event>) => void)
  > = {
    Submit: ((call, cb) =>
      respond(cb, async () => {
        const r = call.request;
        const x = { signer: r.signer, nonce: Number(r.nonce), call: r.call, signature: r.signature };
        const out = ledger.params.blockTimeMs > 0 ? await ledger.enqueue(x) : ledger.submit(x);
        return { block: out.block, events: out.events.map(eventMessage), createdIds: out.createdIds };
      })) as Unary<chain.Extrinsic__Output, chain.SubmitResult>,
    GetChainInfo: ((_call, cb) => respond(cb, () => ledger.info())) as Unary<chain.Empty__Output, chain.ChainInfo>,
    GetAccount: ((call, cb) =>
      respond(cb, () => {
        const id = call.request.accountId;
        accountId(id, 'account');
        return { accountId: id, balance: q.balance(id).toString(), reserved: '0', twinId: q.twinByAccount(id)?.id ?? 0 };
      })) as Unary<chain.AccountRequest__Output, chain.Account>,
    GetTwin: ((call, cb) => respond(cb, () => twinMessage(found(q.twin(call.request.id), `twin ${call.request.id}`)))) as Unary<
      chain.IdRequest__Output,
      chain.Twin
    >,
    GetTwinByAccount: ((call, cb) =>
      respond(cb, () => {
        accountId(call.request.accountId, 'account');
        return twinMessage(found(q.twinByAccount(call.request.accountId), `a twin of account ${call.request.accountId}`));
      })) as Unary<chain.AccountRequest__Output, chain.Twin>,
    GetFarm: ((call, cb) =>
      respond(cb, () => {
        const f = found(q.farm(call.request.id), `farm ${call.request.id}`);
        return farmMessage(f, q.farmIps(f.id));
      })) as Unary<chain.IdRequest__Output, chain.Farm>,
    ListFarms: ((call, cb) =>
      respond(cb, () => {
        const ips = q.allIps();
        return {
          farms: q.farms(call.request.twinId).map((f) =>
            farmMessage(
              f,
              ips.filter((ip) => ip.farm_id === f.id),
            ),
          ),
        };
      })) as Unary<chain.ListFarmsRequest__Output, chain.FarmList>,
    GetNode: ((call, cb) =>
      respond(cb, () => {
        const n = found(q.node(call.request.id), `node ${call.request.id}`);
        return nodeMessage(n, q.rentContractOf(n.id)?.twin_id ?? 0, ledger.now());
      })) as Unary<chain.IdRequest__Output, chain.Node>,
    ListNodes: ((call, cb) =>
      respond(cb, () => {
        const rented = q.rentedNodes();
        const now = ledger.now();
        const ids = listedIds(call.request.ids, 'nodes');
        return { nodes: q.nodes(call.request.farmId, ids).map((n) => nodeMessage(n, rented.get(n.id) ?? 0, now)) };
      })) as Unary<chain.ListNodesRequest__Output, chain.NodeList>,
    GetPricingPolicy: ((call, cb) =>
      respond(cb, () => {
        if (call.request.id !== 1) throw refuse.notFound(`pricing policy ${call.request.id} does not exist`);
        return {
          id: 1,
          name: 'default',
          cu: 100000,
          su: 50000,
          nu: 15000,
          ipu: 40000,
          uniqueName: 2500,
          domainName: 5000,
          discountForDedicationNodes: 50,
        };
      })) as Unary<chain.IdRequest__Output, chain.PricingPolicy>,
    GetContract: ((call, cb) =>
      respond(cb, () => {
        const c = found(q.contract(call.request.id), `contract ${call.request.id}`);
        return contractMessage(c, q.contractIps(c.id));
      })) as Unary<chain.IdRequest__Output, chain.Contract>,
    ListContracts: ((call, cb) =>
      respond(cb, () => {
        const filter = { ...call.request, ids: listedIds(call.request.ids, 'contracts') };
        return { contracts: q.contracts(filter).map((c) => contractMessage(c, c.public_ips ? q.contractIps(c.id) : [])) };
      })) as Unary<chain.ListContractsRequest__Output, chain.ContractList>,
    GetContractIdByNodeHash: ((call, cb) =>
      respond(cb, () => {
        const { nodeId, deploymentHash, twinId } = call.request;
        deploymentHashFormat(deploymentHash);
        return { id: q.contractIdByNodeHash(Number(nodeId), deploymentHash, Number(twinId ?? 0)) };
      })) as Unary<chain.NodeHashRequest__Output, chain.IdReply>,
    GetContractIdByName: ((call, cb) => respond(cb, () => ({ id: q.contractIdByName(call.request.name) }))) as Unary<
      chain.NameRequest__Output,
      chain.IdReply
    >,
    ListBills: ((call, cb) =>
      respond(cb, () => ({
        bills: q.bills(found(q.contract(call.request.id), `contract ${call.request.id}`).id).map((b) => ({
          contractId: Number(b.contract_id),
          timestamp: Number(b.timestamp),
          block: Number(b.block),
          amount: b.amount.toString(),
          amountDue: b.amount_due.toString(),
          discountLevel: b.discount_level,
          seconds: Number(b.seconds),
        })),
      }))) as Unary<chain.IdRequest__Output, chain.BillList>,
    SubscribeEvents: (stream: grpc.ServerWritableStream<chain.SubscribeRequest__Output, chain.Event>) => subscribe(ledger, stream, streams),
  };
  return handlers;
}

/** events read from the ledger at a time while a subscriber catches up */
const CATCH_UP_BATCH = 500;

/**
 * Past events from the requested block first, then live ones, without gaps or repeats; with a
 * node id, only the events naming that node. Memory stays bounded whatever the subscribers do:
 * a subscriber whose buffer is full (it reads slowly, or its node is paused) gets nothing more
 * until it drains; then what it missed is read again from the ledger, where every event is stored
 * before it is announced.
 */
function subscribe(
  ledger: Ledger,
  stream: grpc.ServerWritableStream<chain.SubscribeRequest__Output, chain.Event>,
  streams: Set<grpc.ServerWritableStream<unknown, unknown>>,
): void {
  let next = { block: Number(stream.request.fromBlock) || 0, index: 0 };
  const nodeId = Number(stream.request.nodeId) || 0;
  let live = false;
  let waiting = false;
  let closed = false;
  /** false once the subscriber's buffer is full */
  const write = (e: ChainEvent): boolean => {
    next = { block: e.block, index: e.index + 1 };
    return stream.write(eventMessage(e));
  };
  const waitForDrain = () => {
    live = false;
    if (waiting) return;
    waiting = true;
    stream.once('drain', () => {
      waiting = false;
      catchUp();
    });
  };
  const catchUp = () => {
    while (!closed) {
      const batch = ledger.q.eventsFrom(next.block, CATCH_UP_BATCH, nodeId, next.index);
      if (!batch.length) {
        live = true;
        return;
      }
      let room = true;
      for (const e of batch) room = write(e);
      if (!room) return waitForDrain();
    }
  };
  const off = ledger.onEvents((events) => {
    if (!live || closed) return; // a subscriber catching up reads these from the ledger
    for (const e of events) {
      if (e.block < next.block || (e.block === next.block && e.index < next.index)) continue;
      if (nodeId && e.data.node_id !== nodeId) continue;
      if (!write(e)) return waitForDrain();
    }
  });
  streams.add(stream as never);
  const close = () => {
    closed = true;
    off();
    streams.delete(stream as never);
  };
  stream.on('cancelled', close);
  stream.on('close', close);
  stream.on('error', close);
  // headers now, so the subscriber knows it is subscribed before the first event
  stream.sendMetadata(new Metadata());
  catchUp();
}
