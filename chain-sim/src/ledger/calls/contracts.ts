// Node, name and rent contracts, with the chain's rules: unique live (node, hash), names unique
// grid-wide, public IPs reserved from the node's farm, dedicated nodes need a rent contract by the
// same twin, a rent contract needs an empty node and outlives its node contracts, and no hash
// update during grace.
import type { chain } from '../../../../proto';
import { refuse } from '../errors';
import type { ContractRow } from '../rows';
import type { CallContext } from './context';
import { settleBeforeCancel } from '../billing/billing-run';
import { deploymentHashFormat } from './validate';

const NAME = /^[a-z0-9_-]{3,64}$/;
const MAX_DEPLOYMENT_DATA = 512;

export function createNodeContract(ctx: CallContext, call: chain.CreateNodeContract__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  deploymentHashFormat(call.deploymentHash);
  if (Buffer.byteLength(call.deploymentData ?? '', 'utf8') > MAX_DEPLOYMENT_DATA) {
    throw refuse.invalid(
      `deployment_data is ${Buffer.byteLength(call.deploymentData, 'utf8')} bytes; at most ${MAX_DEPLOYMENT_DATA} are allowed`,
    );
  }
  const rent = ctx.q.rentContractOf(node.id);
  const farm = ctx.q.farm(node.farm_id)!;
  if (rent && rent.twin_id !== twin.id)
    throw refuse.denied(`node ${node.id} is rented by twin ${rent.twin_id}; only that twin may deploy on it`);
  if ((node.dedicated || farm.dedicated || node.extra_fee > 0) && !rent)
    throw refuse.precondition(`node ${node.id} is dedicated: create a rent contract on it first`);
  const clash = ctx.q.contractIdByNodeHash(node.id, call.deploymentHash, twin.id);
  if (clash) throw refuse.exists(`your contract ${clash} on node ${node.id} already has deployment hash ${call.deploymentHash}`);
  const id = insertContract(ctx, {
    twin_id: twin.id,
    type: 'node',
    node_id: node.id,
    deployment_hash: call.deploymentHash,
    deployment_data: call.deploymentData ?? '',
    public_ips: call.publicIps ?? 0,
    solution_provider_id: call.solutionProviderId ?? 0,
  });
  ctx.block.created(id);
  ctx.block.emit('ContractCreated', {
    contract_id: id,
    twin_id: twin.id,
    type: 'node',
    node_id: node.id,
    deployment_hash: call.deploymentHash,
    public_ips: call.publicIps ?? 0,
  });
  if (call.publicIps) reserveIps(ctx, id, node.farm_id, call.publicIps);
}

export function updateNodeContract(ctx: CallContext, call: chain.UpdateNodeContract__Output): void {
  const c = ownLiveContract(ctx, call.contractId);
  if (c.type !== 'node') throw refuse.invalid(`contract ${c.id} is a ${c.type} contract; only node contracts have a deployment hash`);
  if (c.state === 'GracePeriod')
    throw refuse.precondition(`contract ${c.id} is in its grace period: top up the twin's balance before updating it`);
  deploymentHashFormat(call.deploymentHash);
  const clash = ctx.q.contractIdByNodeHash(c.node_id, call.deploymentHash, c.twin_id);
  if (clash && clash !== c.id)
    throw refuse.exists(`your contract ${clash} on node ${c.node_id} already has deployment hash ${call.deploymentHash}`);
  ctx
    .sql('UPDATE contracts SET deployment_hash = ?, deployment_data = ? WHERE id = ?')
    .run(call.deploymentHash, call.deploymentData || c.deployment_data, c.id);
  ctx.block.emit('ContractUpdated', { contract_id: c.id, twin_id: c.twin_id, node_id: c.node_id, deployment_hash: call.deploymentHash });
}

export function cancelContract(ctx: CallContext, call: chain.CancelContract__Output): void {
  const c = ownLiveContract(ctx, call.contractId);
  if (c.type === 'rent' && ctx.q.liveNodeContractsOn(c.node_id) > 0) {
    throw refuse.precondition(
      `rent contract ${c.id} cannot be cancelled while node ${c.node_id} ` +
        `still has ${ctx.q.liveNodeContractsOn(c.node_id)} node contract(s): cancel them first`,
    );
  }
  settleBeforeCancel(ctx, c);
  deleteContract(ctx, ctx.q.contract(c.id)!, 'CanceledByUser');
}

export function createNameContract(ctx: CallContext, call: chain.CreateNameContract__Output): void {
  const twin = ctx.twin();
  if (!NAME.test(call.name ?? ''))
    throw refuse.invalid(`name ${JSON.stringify(call.name)} must be 3-64 characters of a-z, 0-9, '-' and '_'`);
  const clash = ctx.q.contractIdByName(call.name);
  if (clash) throw refuse.exists(`the name ${call.name} is taken by contract ${clash} (names are unique across the whole grid)`);
  const id = insertContract(ctx, { twin_id: twin.id, type: 'name', name: call.name });
  ctx.block.created(id);
  ctx.block.emit('ContractCreated', { contract_id: id, twin_id: twin.id, type: 'name', name: call.name });
}

export function createRentContract(ctx: CallContext, call: chain.CreateRentContract__Output): void {
  const twin = ctx.twin();
  const node = ctx.q.node(call.nodeId);
  if (!node) throw refuse.notFound(`node ${call.nodeId} does not exist`);
  const rent = ctx.q.rentContractOf(node.id);
  if (rent) throw refuse.exists(`node ${node.id} is already rented by twin ${rent.twin_id} (contract ${rent.id})`);
  const live = ctx.q.liveNodeContractsOn(node.id);
  if (live > 0) throw refuse.precondition(`node ${node.id} has ${live} node contract(s); a rent contract needs an empty node`);
  const id = insertContract(ctx, { twin_id: twin.id, type: 'rent', node_id: node.id });
  ctx.block.created(id);
  ctx.block.emit('ContractCreated', { contract_id: id, twin_id: twin.id, type: 'rent', node_id: node.id });
}

/** Marks a contract Deleted, frees its public IPs and raises the cancellation events. */
export function deleteContract(ctx: CallContext, c: ContractRow, reason: 'CanceledByUser' | 'OutOfFunds'): void {
  ctx.sql("UPDATE contracts SET state = 'Deleted', deleted_reason = ? WHERE id = ?").run(reason, c.id);
  const ips = ctx.q.contractIps(c.id);
  if (ips.length) {
    ctx.sql('UPDATE public_ips SET contract_id = 0 WHERE contract_id = ?').run(c.id);
    ctx.block.emit('IPsFreed', { contract_id: c.id, public_ips: ips.map((i) => i.ip) });
  }
  const type = c.type === 'node' ? 'NodeContractCanceled' : c.type === 'name' ? 'NameContractCanceled' : 'RentContractCanceled';
  ctx.block.emit(type, { contract_id: c.id, node_id: c.node_id, twin_id: c.twin_id, reason, ...(c.name ? { name: c.name } : {}) });
}

function ownLiveContract(ctx: CallContext, id: number): ContractRow {
  const twin = ctx.twin();
  const c = ctx.q.contract(id);
  if (!c) throw refuse.notFound(`contract ${id} does not exist`);
  if (c.twin_id !== twin.id) throw refuse.denied(`contract ${id} belongs to twin ${c.twin_id}, not to twin ${twin.id}`);
  if (c.state === 'Deleted') throw refuse.precondition(`contract ${id} is already deleted (${c.deleted_reason})`);
  return c;
}

function insertContract(ctx: CallContext, c: Partial<ContractRow> & Pick<ContractRow, 'twin_id' | 'type'>): number {
  return Number(
    ctx
      .sql(
        `INSERT INTO contracts (twin_id, type, state, node_id, deployment_hash, deployment_data, ` +
          `public_ips, name, created, last_billed, solution_provider_id)
         VALUES (?, ?, 'Created', ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        c.twin_id,
        c.type,
        c.node_id ?? 0,
        c.deployment_hash ?? '',
        c.deployment_data ?? '',
        c.public_ips ?? 0,
        c.name ?? '',
        ctx.block.timestamp,
        ctx.block.timestamp,
        c.solution_provider_id ?? 0,
      ).lastInsertRowid,
  );
}

function reserveIps(ctx: CallContext, contractId: number, farmId: number, count: number): void {
  const free = ctx.sql('SELECT ip FROM public_ips WHERE farm_id = ? AND contract_id = 0 ORDER BY rowid LIMIT ?').all(farmId, count) as {
    ip: string;
  }[];
  if (free.length < count) {
    throw refuse.exhausted(
      `farm ${farmId} has ${free.length} free public IPv4 address(es); the contract asks for ${count}: ` +
        'deploy on a node of a farm with free ones (gridform chain farms), or free some',
    );
  }
  const take = ctx.sql('UPDATE public_ips SET contract_id = ? WHERE ip = ?');
  for (const { ip } of free) take.run(contractId, ip);
  ctx.block.emit('IPsReserved', { contract_id: contractId, public_ips: free.map((f) => f.ip) });
}
